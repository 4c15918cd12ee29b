package io.somnus.experiment.config;

/**
 * Diehl &amp; Cook's triplet STDP ({@code rule: triplet}; {@link io.somnus.plasticity.TripletStdp}).
 *
 * @param nuPre      depression rate on pre spikes
 * @param nuPost     potentiation rate on post spikes
 * @param tauPreMs   pre trace (ms)
 * @param tauPost1Ms post1 trace (ms)
 * @param tauPost2Ms post2 trace (ms)
 * @param traces     how the traces decay per step; null means {@link TraceIntegration#EXACT} (the diehl-cook presets
 *                   use {@code euler}, to match validation/brian2)
 */
public record TripletConfig(double nuPre, double nuPost, double tauPreMs, double tauPost1Ms, double tauPost2Ms,
                            TraceIntegration traces) implements PlasticityConfig {
    @Override
    public PlasticityRule rule() {
        return PlasticityRule.TRIPLET;
    }
}
