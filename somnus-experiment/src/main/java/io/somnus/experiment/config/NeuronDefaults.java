package io.somnus.experiment.config;

/** {@code populations.*.defaults}: the parameter set a population's {@code params} start from. */
public enum NeuronDefaults {
    /** the paper's current LIF ({@link io.somnus.neuron.CurrentLifParameters#PAPER}) */
    PAPER,
    /** Diehl &amp; Cook's excitatory neurons */
    DIEHL_COOK_E,
    /** Diehl &amp; Cook's inhibitory neurons */
    DIEHL_COOK_I
}
