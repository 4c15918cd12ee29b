package io.somnus.experiment.config;

/**
 * The SG-SNN's {@code train} section (it checkpoints once per epoch; see {@link TrainConfig} for the fields).
 *
 * @param images           training images per epoch
 * @param epochs           passes over the training images (unless {@code sg.epochs} is given)
 * @param validationImages images held out of the training split, evaluated after every epoch
 * @param testImages       test images for the final evaluation
 */
public record SgTrainConfig(int images, int epochs, int validationImages, int testImages) implements TrainConfig { }
