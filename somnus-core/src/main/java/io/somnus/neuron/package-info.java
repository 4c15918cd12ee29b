/**
 * Neuron populations: current-based and conductance-based leaky integrate-and-fire neurons with their parameters
 * (membrane and synaptic time constants in ms, potentials in mV), threshold adaptation, and spike sources.
 *
 * <p>The paper's neuron is a {@link CurrentLifPopulation} with {@link CurrentLifParameters} ({@code PAPER});
 * Diehl &amp; Cook's a {@link ConductanceLifPopulation} with {@link ConductanceLifParameters}. Parameters are immutable
 * records, changed by name with {@code toBuilder()}; a network's input is a {@link SpikeSource}. Every population is a
 * {@link Population}, whose state arrays are live views.
 */
package io.somnus.neuron;
