package io.somnus.experiment.config;

import io.somnus.synapse.Receptor;

/**
 * @param name       projection name, e.g. {@code input_e}
 * @param pre        presynaptic population ({@code input} for the spike source)
 * @param post       postsynaptic population
 * @param receptor   {@code excitatory} or {@code inhibitory}
 * @param connector  which pairs are connected
 * @param p          connection probability for {@code fixed_probability}
 * @param weight     initial weight ({@code init: constant}) or the upper end of U(weight_low, weight)
 *                   ({@code init: uniform})
 * @param init       constant or uniform initial weights
 * @param weightLow  lower end of the uniform initial weight
 * @param wMin       lower weight bound (null = none)
 * @param wMax       upper weight bound (null = none)
 * @param plasticity the learning rule and its parameters, or null for a static projection
 * @param normalise  after each plastic presentation scale each post neuron's incoming weights to sum to
 *                   this; 0 = off
 * @param dropReciprocalOf the name of an earlier projection post → pre: every synapse i → j of this one whose
 *                   reverse j → i exists there is removed (the authors' I→E without the reciprocal of E→I,
 *                   {@code src/create_network.py:49-51 @40b7d33}); null = keep all
 * @param delayMs    axonal delay (ms) from a presynaptic spike to its effect on the post neurons' update, a whole
 *                   number of steps of {@code simulation.dt_ms}; optional, null (absent) = one step, the delay of
 *                   every projection of the presets; a plastic projection's rule sees the spikes where they arrive
 * @param delayMaxMs the longest of a delay per synapse (ms): with it, each synapse's delay is drawn uniformly from the
 *                   whole steps from {@code delay_ms} (one step when absent) to this, from the run's connectivity stream
 *                   after every projection's synapses and weights (Diehl &amp; Cook's input delays: 0.5 to 10 ms at
 *                   dt = 0.5 ms); optional, null (absent) = one delay for all synapses
 */
public record ProjectionConfig(String name, String pre, String post, Receptor receptor, ConnectorKind connector,
                               double p, WeightInit init, double weight, double weightLow, Double wMin, Double wMax,
                               PlasticityConfig plasticity, double normalise, String dropReciprocalOf,
                               Double delayMs, Double delayMaxMs) { }
