/**
 * Whole programs a researcher writes against the library (README, "Examples"): start with
 * {@link io.somnus.examples.PoissonStdpNetwork} (a network of one's own from {@code somnus-core}), then
 * {@link io.somnus.examples.StdpPairing} (STDP's window by hand), {@link io.somnus.examples.PaperPresetWithSleep} (a
 * preset with sleep, in memory) and {@link io.somnus.examples.SgOneEpoch} (the SG-SNN); a rule and a neuron model of
 * one's own are {@link io.somnus.examples.PfisterTripletStdp} and {@link io.somnus.examples.IzhikevichPopulation}, run by
 * {@link io.somnus.examples.TripletFrequency} and {@link io.somnus.examples.IzhikevichNetwork}. Each {@code main} takes
 * optional sizes; {@code examples/run NAME [ARGS]} runs one with the launcher's JVM options.
 */
package io.somnus.examples;
