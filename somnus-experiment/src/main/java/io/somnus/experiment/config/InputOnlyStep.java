package io.somnus.experiment.config;

/**
 * {@code simulation.input_only_step}: with {@code simulation.stream_first_step: input_only}, whether the step in which
 * only the input plays a stream's first row takes a step of the spike-time clock and times that row's spikes.
 */
public enum InputOnlyStep {
    /**
     * it is a step of the clock like any other, and the first row's input spikes get a spike time at it: across a
     * later stream start the times since the last spike are one step longer than the authors', and the first row's
     * input spikes count as one step old at the next STDP visit
     */
    TIMED,
    /**
     * it takes no step of the clock and the first row's input spikes get no spike time (they are delivered, and STDP
     * visits their synapses at the next step with the spike times as they stand): the authors' batch, whose update at
     * t = 1 follows the previous batch's t = T − 1 by one {@code spike_times} increment and whose row 0 never enters
     * {@code spike_times} ({@code src/train.py:253, 393-394, 412, 654-695 @40b7d33}); the first stream's spike times
     * count from a virtual spike one step before its first update, as their counters start at 0
     * ({@code big_comb.py:1545})
     */
    UNTIMED
}
