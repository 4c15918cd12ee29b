package io.somnus.experiment.config;

/** {@code projections.*.plasticity.rule}: the learning rule, and so which {@link PlasticityConfig} the section binds to. */
public enum PlasticityRule {
    /** the paper's nearest-spike pair STDP ({@link NearestPairConfig}) */
    NEAREST_PAIR,
    /** Diehl &amp; Cook's triplet STDP ({@link TripletConfig}) */
    TRIPLET,
    /** the authors' code's steps-since-last-spike STDP ({@link SinceLastSpikeConfig}) */
    SINCE_LAST_SPIKE,
    /** pair STDP with all-to-all pairing, Song, Miller &amp; Abbott's ({@link AllToAllConfig}) */
    ALL_TO_ALL,
    /** a researcher's own {@link io.somnus.synapse.Plasticity} class, loaded from the class path ({@link ClassRuleConfig}) */
    CLASS
}
