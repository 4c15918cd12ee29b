package io.somnus.experiment.config;

/**
 * The STDP rule of the authors' code ({@code rule: since_last_spike}; {@link io.somnus.plasticity.SinceLastSpikeStdp}):
 * Δ = steps since the post neuron's last spike − steps since the pre neuron's; Δ ≥ 0 potentiates, Δ &lt; 0 depresses.
 *
 * @param eta      learning rate η (their learning_rate_exc 8·10⁻⁴ for input and E pre, learning_rate_inh 5·10⁻³ for I)
 * @param tauLtpMs τ_LTP (ms), for Δ ≥ 0 (theirs 10)
 * @param tauLtdMs τ_LTD (ms), for Δ &lt; 0 (theirs 7.5)
 * @param sign     the sign of the change; null means {@link StdpSign#AUTO} (−1 for an inhibitory projection)
 */
public record SinceLastSpikeConfig(double eta, double tauLtpMs, double tauLtdMs, StdpSign sign)
        implements PlasticityConfig {
    @Override
    public PlasticityRule rule() {
        return PlasticityRule.SINCE_LAST_SPIKE;
    }
}
