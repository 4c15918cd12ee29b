package io.somnus.experiment.config;

/** {@code simulation.integration}: the membrane update of conductance-based neurons. */
public enum MembraneIntegration {
    /** exact for conductances held over a step, stable at any conductance */
    EXPONENTIAL,
    /** forward Euler, as Brian2's {@code method='euler'} */
    EULER
}
