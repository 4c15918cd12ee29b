package io.somnus.experiment.model;

import io.somnus.experiment.config.RunConfig;
import java.io.IOException;
import java.util.List;

/**
 * One model family (the STDP-SNN, the SG-SNN): checks its part of a configuration before anything runs, and
 * trains and measures it, typed by its own configuration record. The run executor dispatches on the configuration's
 * type ({@link RunConfig#match}); everything a model needs from the run
 * (its data, where to record) comes in through the arguments, so models depend on this package and the
 * configuration only.
 */
public interface ModelRunner<C extends RunConfig> {
    /**
     * Checks the model's fields of a bound configuration (the fields every model shares are checked by
     * {@link io.somnus.experiment.config.Validation}).
     *
     * @throws io.somnus.experiment.config.ConfigException naming the field, the value and what is allowed
     */
    void validate(C cfg);

    /**
     * The legal but unusual values of a configuration that {@link #validate} accepts (a reset above the threshold, an
     * excitatory reversal below rest, …): one sentence each, naming the field and its value; printed once when a run
     * or sweep starts and recorded in the run's provenance.json ({@code configuration_warnings}). Empty for every
     * bundled preset.
     */
    default List<String> warnings(C cfg) {
        return List.of();
    }

    /**
     * The warning of a run of {@code model} ("SG-SNN") on a JDK whose generators' states cannot be taken
     * ({@code SplittableState#rebuildable}): it keeps no resume snapshot.
     */
    static String notResumable(String model) {
        return "this JDK (" + System.getProperty("java.version") + ") builds SplittableRandom otherwise than JDK 17 to "
                + "25, so an " + model + " run cannot record its generators' states: it keeps no resume snapshot, and if it "
                + "is cut short it cannot be resumed (train --resume, sweep --resume) but runs again";
    }

    /** Trains and measures; per-checkpoint recordings go to {@code files}. */
    ModelResult run(C cfg, PreparedData data, RunFiles files) throws IOException;
}
