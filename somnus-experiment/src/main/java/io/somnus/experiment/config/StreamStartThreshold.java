package io.somnus.experiment.config;

/**
 * {@code simulation.stream_start_threshold}: what the authors' spike test compares V with at the first step of a
 * training stream after the first, when it starts carried ({@code simulation.stream_start: carried_v_zero}).
 */
public enum StreamStartThreshold {
    /** the threshold of the previous step, clip(θ₀ + a, −90, 0) mV, as at every other step */
    CARRIED,
    /**
     * θ₀ itself (−55 mV), the adaptation a carried and updated as ever: the authors' later batches get their threshold
     * array as first filled ({@code src/big_comb.py:1549-1553, 2010 @40b7d33})
     */
    BASE
}
