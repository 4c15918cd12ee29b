package io.somnus.experiment.config;

/**
 * {@code train.checkpoint_spikes} (STDP-SNN): the input spikes a checkpoint's evaluation encodes its images into.
 * With fresh spikes a network whose weights never change still reads a different accuracy at each checkpoint (the
 * encoding's noise), which sets a floor under the drawdown; with the same spikes every change between checkpoints is
 * the network's (its weights', and its adaptive thresholds': diehl-cook's keep adapting with plasticity off). The SG-SNN always evaluates on the same spikes (its evaluation stream restarts at every call).
 */
public enum CheckpointSpikes {
    /** each checkpoint draws its own spikes for the readout's fit and validation images (the default, also absent) */
    FRESH,
    /** every checkpoint encodes the readout's fit and validation images into the same spikes */
    SAME
}
