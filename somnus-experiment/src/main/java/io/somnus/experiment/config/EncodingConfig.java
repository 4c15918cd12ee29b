package io.somnus.experiment.config;

/**
 * @param kind             {@code bernoulli} (probability = pixel per step), {@code poisson} (rate =
 *                         pixel·max_rate_hz), {@code latency} (one spike, earlier for brighter pixels)
 * @param maxRateHz        Poisson rate of a pixel of value 1 (Diehl &amp; Cook 63.75 Hz)
 * @param intensity        initial multiplier on the drive
 * @param minSpikes        re-present an image with intensity + intensity_step while the readout population
 *                         fires fewer spikes than this (Diehl &amp; Cook 5); 0 = never
 * @param intensityStep    increase per re-presentation
 * @param maxPresentations give up re-presenting after this many presentations of one image
 * @param latencyThreshold pixels at or below this emit no latency spike
 */
public record EncodingConfig(EncodingKind kind, double maxRateHz, double intensity, int minSpikes, double intensityStep,
                             int maxPresentations, double latencyThreshold) { }
