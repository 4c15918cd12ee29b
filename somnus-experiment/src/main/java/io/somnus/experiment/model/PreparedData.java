package io.somnus.experiment.model;

import io.somnus.data.LabeledImages;

/** The images of one run after preprocessing: training, validation (held out of the training split), test. */
public record PreparedData(LabeledImages train, LabeledImages validation, LabeledImages test) { }
