package io.somnus.experiment.config;

/**
 * The {@code train} section: how many images each split contributes and how many passes to make; the fields every
 * model reads. The STDP-SNN reads more ({@link StdpTrainConfig}).
 */
public sealed interface TrainConfig permits StdpTrainConfig, SgTrainConfig {
    /** Training images (one epoch = this many presentations). */
    int images();

    /** Passes over the training images. */
    int epochs();

    /** Images held out from the training split for checkpoints. */
    int validationImages();

    /** Test images for the final evaluation. */
    int testImages();
}
