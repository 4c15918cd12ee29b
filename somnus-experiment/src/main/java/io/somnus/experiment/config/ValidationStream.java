package io.somnus.experiment.config;

/**
 * {@code readout.validation_stream}: where the validation stream of early stopping ({@code readout.source: training})
 * starts after each epoch.
 */
public enum ValidationStream {
    /** from rest, without membrane noise, every step integrating (Somnus's evaluation) */
    REST,
    /**
     * as the authors' validation batch: synaptic current and threshold adaptation carried from the training stream, V
     * at rest, wake noise on, and its first step and first threshold as a training stream's start
     * ({@code simulation.stream_first_step}, {@code simulation.stream_start_threshold}) ({@code src/big_comb.py:2332-2333, 2362-2380
     * @40b7d33})
     */
    CARRIED
}
