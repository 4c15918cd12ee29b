package io.somnus.experiment.config;

/**
 * {@code simulation.stream_first_step}: what a stream's first step does: every training stream's, the first included,
 * and the first step of the training readout's validation and test streams ({@code readout.source: training}), which
 * the authors run through their training loop ({@code src/big_comb.py:2362-2380, 3083-3102 @40b7d33}). From rest
 * without noise (the test stream, a validation stream from rest) the two choices give the same spikes: the integrating
 * step has nothing to integrate and leaves the state at rest. The frozen readout presents each image from rest and
 * keeps {@code integrates}, for the same reason to the same effect.
 */
public enum StreamFirstStep {
    /**
     * every population integrates, as at any step: nothing of the stream's input has arrived yet (Somnus delivers an
     * input row at the step it plays, for the next step's integration), so the first row arrives at the second step
     */
    INTEGRATES,
    /**
     * only the input plays its first row and delivers it; no neuron integrates, draws noise or spikes and no rule
     * learns, so the second step integrates the first row: the authors' batch, whose first update ({@code t = 1})
     * integrates row 0 of its input ({@code spikes_prev = spikes[0]}, {@code src/train.py:393-394, 654-666 @40b7d33})
     */
    INPUT_ONLY
}
