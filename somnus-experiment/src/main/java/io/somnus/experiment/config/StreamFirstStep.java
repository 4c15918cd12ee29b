package io.somnus.experiment.config;

/**
 * {@code simulation.stream_first_step}: what a training stream's first step does, the first stream's included.
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
