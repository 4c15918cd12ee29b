package io.somnus.experiment.stdp;

import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.neuron.Population;
import java.util.Map;
import java.util.Objects;

/**
 * A configuration that {@link NetworkFactory#validate} passed, for {@link NetworkFactory#build(CheckedNetwork,
 * java.util.random.RandomGenerator, io.somnus.kernel.Kernels)}: the configuration, its number of inputs, and the
 * populations of model class the check built (as large as the run's, each given {@link Population#checkTimeStep}), so
 * that a neuron class's constructor runs once a run rather than once at the check and again at the build. The first
 * build from it takes those populations; a later one constructs its own, as a network's populations are its own.
 * Handed down the call chain (validate, then run, then build), never kept elsewhere: once built or dropped, the
 * collector takes what it held.
 */
public final class CheckedNetwork {
    private final StdpRunConfig config;
    private final int inputs;
    /** The populations of model class by name, until a build takes them (then null). */
    private Map<String, Population> classPopulations;

    CheckedNetwork(StdpRunConfig config, int inputs, Map<String, Population> classPopulations) {
        this.config = Objects.requireNonNull(config, "config");
        this.inputs = inputs;
        this.classPopulations = Map.copyOf(classPopulations);
    }

    /** The configuration checked. */
    public StdpRunConfig config() {
        return config;
    }

    /** The number of input sources it was checked with (pixels after preprocessing). */
    public int inputs() {
        return inputs;
    }

    /** Whether this was checked for {@code cfg} with {@code inputs} input sources: a run of those may build from it. */
    public boolean checks(StdpRunConfig cfg, int inputs) {
        return this.inputs == inputs && config.equals(cfg);
    }

    /** The populations of model class by name, to the first caller; null afterwards (the caller constructs its own). */
    synchronized Map<String, Population> take() {
        Map<String, Population> taken = classPopulations;
        classPopulations = null;
        return taken;
    }
}
