package io.somnus.experiment.config;

import java.util.List;

/**
 * The STDP-SNN's configuration ({@code model: stdp}): the event-driven network built by {@code stdp/NetworkFactory}
 * from its populations and projections, trained image by image with sleep episodes in between.
 *
 * @param preset      the {@code preset} field: the name of the preset the configuration came from (e.g. {@code paper})
 * @param description a line saying what the configuration is, for listings
 * @param basePreset  the bundled preset a changes file changed ({@code preset: paper} plus edits), whose runs are then
 *                    named after the file; null (absent) for a preset or a whole configuration of one's own
 * @param seed        the run's seed; every random stream of the run is split from it
 * @param dataset     the {@code dataset} section
 * @param train       the {@code train} section
 * @param protocol    {@code standard} (also where absent), or {@code continual} (classes arrive as
 *                    {@code continual.tasks} tasks)
 * @param continual   the tasks of the continual protocol (read only with {@code protocol: continual})
 * @param simulation  the {@code simulation} section: time step (ms), steps per image, integration, wake noise
 * @param encoding    the {@code encoding} section: how pixels become input spikes
 * @param populations the {@code populations}, by name, with their neuron model and parameters
 * @param projections the {@code projections}, by name: which populations they connect, their weights and plasticity
 * @param readout     the {@code readout} section: how the trained network's spike counts are classified
 * @param sleep       the {@code sleep} section: the schedule, the decay law and its targets
 */
public record StdpRunConfig(String preset, String description, String basePreset, long seed, DatasetConfig dataset,
                            StdpTrainConfig train, Protocol protocol, ContinualConfig continual,
                            SimulationConfig simulation, EncodingConfig encoding, List<PopulationConfig> populations,
                            List<ProjectionConfig> projections, ReadoutConfig readout, SleepConfig sleep)
        implements RunConfig {
    /** An absent protocol is the standard one. */
    public StdpRunConfig {
        protocol = protocol == null ? Protocol.STANDARD : protocol;
    }

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
