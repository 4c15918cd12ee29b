/**
 * Plasticity rules, each given to one projection with {@code projection.withPlasticity(rule)}:
 * {@link NearestPairStdp} (the paper's), {@link AllToAllStdp} (accumulating traces, with an additive or multiplicative
 * {@link WeightDependence}), {@link TripletStdp} (Diehl &amp; Cook's), {@link SinceLastSpikeStdp} (the authors' code's),
 * and the weight normalisation of Diehl and Cook (2015), {@link WeightNormalisation}. Each STDP rule is built by name,
 * {@code NearestPairStdp.builder(dtMs)...build()}, with a preset's values unless set; time constants in ms. A rule of
 * your own implements {@link io.somnus.synapse.Plasticity}, and may keep its traces in {@link ExponentialTraces}, which
 * decays them as the built-in rules do.
 */
package io.somnus.plasticity;
