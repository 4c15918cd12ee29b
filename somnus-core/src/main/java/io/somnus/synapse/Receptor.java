package io.somnus.synapse;

/** Which synaptic input of the postsynaptic neuron a projection drives. */
public enum Receptor {
    /** Drives the excitatory input: g_e of conductance-based neurons, the one current I of current-based ones. */
    EXCITATORY,
    /**
     * Drives the inhibitory input: g_i of conductance-based neurons (positive weights), the one current I of
     * current-based ones (negative weights, as their receptors add into one current).
     */
    INHIBITORY
}
