package io.somnus.experiment.config;

/** {@code simulation.integration}: the membrane update of the LIF neurons. */
public enum MembraneIntegration {
    /** exact for conductances or currents held over a step, stable at any conductance */
    EXPONENTIAL,
    /**
     * forward Euler: Brian2's {@code method='euler'} for conductance-based neurons; for the current LIF the authors'
     * update, every state variable kept by (1 − dt/τ) ({@code src/train.py:199-206, 246 @40b7d33})
     */
    EULER
}
