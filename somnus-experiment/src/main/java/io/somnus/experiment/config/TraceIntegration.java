package io.somnus.experiment.config;

/** {@code projections.*.plasticity.traces} (triplet): how the traces decay per step. */
public enum TraceIntegration {
    /** exact exponential decay */
    EXACT,
    /** (1 − dt/τ) per step, as Brian2's forward Euler */
    EULER
}
