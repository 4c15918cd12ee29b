package io.somnus.experiment.config;

/**
 * @param rule       {@code nearest_pair} (paper) or {@code triplet} (Diehl &amp; Cook)
 * @param eta        nearest_pair: learning rate η
 * @param aPlus      nearest_pair: A₊
 * @param aMinus     nearest_pair: A₋
 * @param tauPlusMs  nearest_pair: τ₊ (ms)
 * @param tauMinusMs nearest_pair: τ₋ (ms)
 * @param sign       nearest_pair: {@code auto} (−1 for inhibitory receptors, +1 otherwise), {@code +1}, {@code -1}
 * @param nuPre      triplet: depression rate on pre spikes
 * @param nuPost     triplet: potentiation rate on post spikes
 * @param tauPreMs   triplet: pre trace (ms)
 * @param tauPost1Ms triplet: post1 trace (ms)
 * @param tauPost2Ms triplet: post2 trace (ms)
 * @param traces     triplet: {@code exact} exponential decay, or {@code euler} ((1 − dt/τ) per step, as Brian2's
 *                   forward Euler; the diehl-cook presets, to match validation/brian2)
 */
public record PlasticityConfig(String rule, double eta, double aPlus, double aMinus, double tauPlusMs,
                               double tauMinusMs, String sign, double nuPre, double nuPost, double tauPreMs,
                               double tauPost1Ms, double tauPost2Ms, String traces) { }
