package io.somnus.experiment.config;

/**
 * {@code model}: which network a configuration trains, and so which {@link RunConfig} it binds to (the STDP-SNN's
 * {@link StdpRunConfig}, the SG-SNN's {@link SgRunConfig}).
 */
public enum ModelKind {
    /** the event-driven STDP spiking network with sleep */
    STDP,
    /** the surrogate-gradient spiking network */
    SG
}
