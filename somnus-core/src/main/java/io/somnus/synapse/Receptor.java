package io.somnus.synapse;

/** Which synaptic input of the postsynaptic neuron a projection drives. */
public enum Receptor {
    EXCITATORY,
    INHIBITORY
}
