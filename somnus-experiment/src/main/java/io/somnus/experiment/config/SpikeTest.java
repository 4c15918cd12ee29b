package io.somnus.experiment.config;

/** {@code simulation.spike_test}: when a current-LIF neuron fires. */
public enum SpikeTest {
    /** V ≥ θ + a, with a decayed this step (the described model) */
    AT_OR_ABOVE,
    /**
     * V &gt; θ_prev, the threshold of the previous step clipped to [−90, 0] mV: θ_prev = clip(θ + a_prev, −90, 0)
     * (the authors' code, {@code src/train.py:231-252 @40b7d33})
     */
    ABOVE_PREVIOUS_CLIPPED
}
