package io.somnus.experiment.config;

/**
 * What becomes of the spikes of a step after which the authors' loop zeroes the spike vector it passes on
 * ({@code sleep.last_wake_input}, {@code simulation.stream_start_last_step}).
 */
public enum LastStepSpikes {
    /** delivered at the next step and seen by plasticity there, as every step's spikes are */
    DELIVERED,
    /**
     * taken back: never delivered, and since-last-spike STDP visits no synapse for them at the next step (their spike
     * times stand), as the authors' code, where the spike vector of that step never reaches the next update
     */
    DROPPED
}
