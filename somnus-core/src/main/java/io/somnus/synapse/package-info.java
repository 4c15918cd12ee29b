/**
 * Synapses: projections between populations (PyNN's Projection) with their weights, connectors, receptors and
 * the synapse indices that event-driven propagation walks.
 *
 * <p>A {@link Projection} connects a pre to a post population through a {@link SynapseList} (made by a
 * {@link Connector}, e.g. {@code Connector.fixedProbability(p)}, or {@code SynapseList.allToAll}), drives one
 * {@link Receptor} of the post neurons, holds one weight per synapse in the post population's input unit, and learns
 * with a {@link Plasticity} rule. Built positionally or by name ({@code Projection.named(...)}); its weights are a live
 * view.
 */
package io.somnus.synapse;
