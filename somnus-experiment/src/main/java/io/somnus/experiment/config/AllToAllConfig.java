package io.somnus.experiment.config;

import io.somnus.plasticity.WeightDependence;

/**
 * Pair STDP with all-to-all pairing ({@code rule: all_to_all}; {@link io.somnus.plasticity.AllToAllStdp}): the fields
 * of {@link NearestPairConfig}, so that a configuration switches pairing by its {@code rule} alone, and a weight
 * dependence.
 *
 * @param eta              learning rate η
 * @param aPlus            A₊
 * @param aMinus           A₋
 * @param tauPlusMs        τ₊ (ms)
 * @param tauMinusMs       τ₋ (ms)
 * @param sign             the sign of the change; null or absent means {@link StdpSign#AUTO}
 * @param weightDependence how the weight scales each change; null (or absent) means {@link WeightDependence#ADDITIVE}
 */
public record AllToAllConfig(double eta, double aPlus, double aMinus, double tauPlusMs, double tauMinusMs,
                             StdpSign sign, WeightDependence weightDependence) implements PlasticityConfig {
    @Override
    public PlasticityRule rule() {
        return PlasticityRule.ALL_TO_ALL;
    }
}
