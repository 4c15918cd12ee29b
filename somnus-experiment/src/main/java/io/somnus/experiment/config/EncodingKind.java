package io.somnus.experiment.config;

/** {@code encoding.kind}: how pixels become input spikes (STDP-SNN). */
public enum EncodingKind {
    /** spike with probability = pixel value per step */
    BERNOULLI,
    /** Poisson spikes at pixel × max_rate_hz */
    POISSON,
    /** one spike, earlier for brighter pixels */
    LATENCY
}
