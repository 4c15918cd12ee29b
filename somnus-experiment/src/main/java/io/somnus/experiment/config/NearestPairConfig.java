package io.somnus.experiment.config;

/**
 * The paper's nearest-spike pair STDP ({@code rule: nearest_pair}; {@link io.somnus.plasticity.NearestPairStdp}).
 *
 * @param eta        learning rate η
 * @param aPlus      A₊
 * @param aMinus     A₋
 * @param tauPlusMs  τ₊ (ms)
 * @param tauMinusMs τ₋ (ms)
 * @param sign       the sign of the change; null or absent means {@link StdpSign#AUTO}
 */
public record NearestPairConfig(double eta, double aPlus, double aMinus, double tauPlusMs, double tauMinusMs,
                                StdpSign sign) implements PlasticityConfig {
    @Override
    public PlasticityRule rule() {
        return PlasticityRule.NEAREST_PAIR;
    }
}
