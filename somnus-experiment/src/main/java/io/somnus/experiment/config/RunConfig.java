package io.somnus.experiment.config;

import java.util.List;

/**
 * A whole run's configuration, as written in a preset file (YAML, snake_case keys). Every field can be
 * overridden with {@code --set dotted.key=value}; list items with a {@code name} are addressed by it
 * (e.g. {@code projections.input_e.plasticity.eta}).
 *
 * @param model       {@code stdp} (event-driven STDP-SNN) or {@code sg} (surrogate-gradient SNN)
 * @param preset      the preset this configuration came from
 * @param description one line on what the preset is
 * @param seed        the run's seed; every random stream is split from it
 */
public record RunConfig(String model, String preset, String description, long seed, DatasetConfig dataset,
                        TrainConfig train, String protocol, ContinualConfig continual, SimulationConfig simulation,
                        EncodingConfig encoding, List<PopulationConfig> populations,
                        List<ProjectionConfig> projections, ReadoutConfig readout, SleepConfig sleep,
                        java.util.Map<String, Object> sg) {
}
