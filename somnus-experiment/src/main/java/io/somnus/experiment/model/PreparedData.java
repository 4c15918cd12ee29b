package io.somnus.experiment.model;

import io.somnus.data.LabeledImages;

/**
 * The images of one run after preprocessing: training, validation (held out of the training split), test.
 *
 * @param train      the training images
 * @param validation the validation images, held out of the training split (or drawn from the pool)
 * @param test       the test images
 */
public record PreparedData(LabeledImages train, LabeledImages validation, LabeledImages test) { }
