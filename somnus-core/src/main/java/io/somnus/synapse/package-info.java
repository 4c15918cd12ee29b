/**
 * Synapses: projections between populations (PyNN's Projection) with their weights, connectors, receptors and
 * the synapse indices that event-driven propagation walks.
 */
package io.somnus.synapse;
