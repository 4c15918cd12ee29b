package io.somnus.experiment.config;

/** {@code projections.*.connector}: which pre–post pairs a projection connects. */
public enum ConnectorKind {
    ALL_TO_ALL,
    ONE_TO_ONE,
    /** every pair except a neuron with itself (same population) */
    ALL_BUT_SELF,
    /** each pair independently with probability {@code p} */
    FIXED_PROBABILITY
}
