package io.somnus.experiment.config;

/**
 * The STDP rule of the authors' code ({@code rule: since_last_spike}; {@link io.somnus.plasticity.SinceLastSpikeStdp}):
 * Δ = steps since the post neuron's last spike − steps since the pre neuron's; Δ ≥ 0 potentiates, Δ &lt; 0 depresses
 * |w|: w itself for positive weights, and the reverse for an inhibitory projection of negative weights (onto
 * current-based neurons; sign −1, as the presynaptic population gives it in their code). An inhibitory projection of
 * positive weights (conductances) takes +1, as {@code sign: auto} of the pair rules does, so that its |w| learns as an
 * excitatory one's (until 6 Dec 2026 its receptor gave it −1, which made causal pairs shrink it).
 *
 * @param learningRate η (their learning_rate_exc 8·10⁻⁴ for input and E pre, learning_rate_inh 5·10⁻³ for I pre)
 * @param tauLtpMs     τ_LTP (ms), for Δ ≥ 0 (theirs 10)
 * @param tauLtdMs     τ_LTD (ms), for Δ &lt; 0 (theirs 7.5)
 */
public record SinceLastSpikeConfig(double learningRate, double tauLtpMs, double tauLtdMs) implements PlasticityConfig {
    @Override
    public PlasticityRule rule() {
        return PlasticityRule.SINCE_LAST_SPIKE;
    }
}
