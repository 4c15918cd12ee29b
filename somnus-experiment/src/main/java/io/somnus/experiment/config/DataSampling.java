package io.somnus.experiment.config;

/** {@code dataset.sampling}: which images of a dataset a run uses. */
public enum DataSampling {
    /** the first train.images + train.validation_images of the training split and the first train.test_images of the test split (Somnus, the paper) */
    FIRST,
    /** training and test splits pooled, shuffled with the run's seed, then cut into training, validation and test images in that order (the authors' code) */
    POOLED
}
