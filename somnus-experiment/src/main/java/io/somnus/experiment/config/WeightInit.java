package io.somnus.experiment.config;

/** {@code projections.*.init}: the initial weights. */
public enum WeightInit {
    /** every synapse {@code weight} */
    CONSTANT,
    /** U(weight_low, weight) */
    UNIFORM
}
