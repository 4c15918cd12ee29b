package io.somnus.experiment.config;

/** {@code train.initial_weights} (STDP-SNN): where the weights start. */
public enum InitialWeights {
    /** each projection's {@code init} and {@code weight} (the default, also when the field is absent) */
    PRESET,
    /**
     * every weight that sleep decays at the constant sleep target ±{@code sleep.target_magnitude}, signed like its
     * projection's {@code weight}: with plasticity off, the control with the weight scale sleep restores
     */
    SLEEP_TARGET
}
