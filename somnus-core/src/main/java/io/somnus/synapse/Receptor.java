package io.somnus.synapse;

/** Which synaptic input of the postsynaptic neuron a projection drives. */
public enum Receptor {
    /**
     * Drives the excitatory input (g_e for conductance-based neurons; the one current I, with positive weights, for
     * current-based ones).
     */
    EXCITATORY,
    /**
     * Drives the inhibitory input (g_i for conductance-based neurons; the one current I, with negative weights, for
     * current-based ones).
     */
    INHIBITORY
}
