package io.somnus.experiment.config;

/**
 * @param images            training images (one epoch = this many presentations)
 * @param epochs            passes over the training images
 * @param validationImages  images held out from the training split for checkpoints
 * @param testImages        test images for the final evaluation
 * @param readoutImages     training images used (with frozen weights) to fit the readouts at checkpoints
 *                          and at the end; 0 = all training images
 * @param checkpoints       evaluations during training (evenly spaced), the last one at the end
 * @param plasticity        false = the untrained control: weights stay at their initial values
 * @param evalThreads       threads for frozen evaluation; 0 = available processors
 */
public record TrainConfig(int images, int epochs, int validationImages, int testImages, int readoutImages,
                          int checkpoints, boolean plasticity, int evalThreads) { }
