package io.somnus.experiment.config;

import java.util.List;

/**
 * The STDP-SNN's configuration ({@code model: stdp}): the event-driven network built by {@code stdp/NetworkFactory}
 * from its populations and projections, trained image by image with sleep episodes in between.
 *
 * @param protocol  {@code standard}, or {@code continual} (classes arrive as {@code continual.tasks} tasks)
 * @param continual the tasks of the continual protocol (read only with {@code protocol: continual})
 */
public record StdpRunConfig(String preset, String description, long seed, DatasetConfig dataset,
                            StdpTrainConfig train, Protocol protocol, ContinualConfig continual,
                            SimulationConfig simulation, EncodingConfig encoding, List<PopulationConfig> populations,
                            List<ProjectionConfig> projections, ReadoutConfig readout, SleepConfig sleep)
        implements RunConfig {
    @Override
    public ModelKind model() {
        return ModelKind.STDP;
    }

    @Override
    public double sleepFraction() {
        return sleep.fraction();
    }

    @Override
    public <T> T match(Cases<T> cases) {
        return cases.stdp(this);
    }
}
