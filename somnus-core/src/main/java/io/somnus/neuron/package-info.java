/**
 * Neuron populations: current-based and conductance-based leaky integrate-and-fire neurons with their parameters
 * (membrane and synaptic time constants in ms, potentials in mV), threshold adaptation, and spike sources.
 */
package io.somnus.neuron;
