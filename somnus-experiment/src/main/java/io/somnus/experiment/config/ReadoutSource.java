package io.somnus.experiment.config;

/** {@code readout.source}: where the readout's features come from. */
public enum ReadoutSource {
    /** spike counts of the final network, frozen, one presentation per image from rest (Somnus, the paper) */
    FROZEN,
    /** E and I activity recorded while the last epoch was learned, one feature per run of equal labels (the authors' code) */
    TRAINING
}
