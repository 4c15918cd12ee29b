package io.somnus.experiment.config;

/** {@code projections.*.connector}: which pre–post pairs a projection connects. */
public enum ConnectorKind {
    /** every pre neuron to every post neuron */
    ALL_TO_ALL,
    /** pre neuron i to post neuron i, for each i below the smaller population's size */
    ONE_TO_ONE,
    /** every pair except a neuron with itself (same population) */
    ALL_BUT_SELF,
    /** each pair independently with probability {@code p} */
    FIXED_PROBABILITY
}
