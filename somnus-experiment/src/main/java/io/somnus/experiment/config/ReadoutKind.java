package io.somnus.experiment.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code readout.main} and {@code readout.readouts}: how spike counts become a class. */
public enum ReadoutKind {
    /** standardise → PCA → multinomial logistic regression */
    @JsonProperty("pca-logistic") PCA_LOGISTIC,
    /** least-squares linear readout */
    @JsonProperty("linear") LINEAR,
    /** neurons labelled by their strongest class vote */
    @JsonProperty("vote") VOTE
}
