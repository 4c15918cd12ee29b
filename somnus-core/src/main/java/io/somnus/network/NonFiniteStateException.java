package io.somnus.network;

/**
 * The simulation produced a NaN or an infinity in a neuron's state or a synaptic weight: the numbers from here on
 * would mean nothing, so the run stops. The message names the population or projection, the variable, the neuron
 * or synapse, the value and when it was found; the usual cause is a parameter combination that makes the
 * dynamics diverge (a learning rate or weight too large, a time step too long).
 */
public final class NonFiniteStateException extends RuntimeException {
    /**
     * An exception whose message says where the simulation diverged (the population or projection, the neuron or
     * synapse, the value).
     */
    public NonFiniteStateException(String message) {
        super(message);
    }
}
