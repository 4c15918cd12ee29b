package io.somnus.sleep;

/** What each weight decays toward during sleep. */
public enum DecayTarget {
    /** A fixed magnitude (paper: 0.2), with the sign of the weight. */
    CONSTANT,
    /** The mean weight of the projection, refreshed at every decay application. */
    PROJECTION_MEAN,
    /** The mean incoming weight of each postsynaptic neuron, refreshed at every decay application. */
    POST_MEAN
}
