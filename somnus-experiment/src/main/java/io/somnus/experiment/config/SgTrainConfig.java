package io.somnus.experiment.config;

/** The SG-SNN's {@code train} section (it checkpoints once per epoch; see {@link TrainConfig} for the fields). */
public record SgTrainConfig(int images, int epochs, int validationImages, int testImages) implements TrainConfig { }
