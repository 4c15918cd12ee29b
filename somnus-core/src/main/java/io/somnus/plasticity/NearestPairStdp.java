package io.somnus.plasticity;

import io.somnus.core.NumberText;
import io.somnus.neuron.Population;

/**
 * Nearest-spike pair STDP (the paper's rule, Massey et al. 2026). With Δt = t_post − t_pre between a spike
 * and the nearest earlier spike on the other side of the synapse:
 * <pre>
 *   Δw = +sign·η·A₊·exp(−Δt/τ₊)    on a post spike, pre spike at Δt ≥ 0 before it (LTP)
 *   Δw = −sign·η·A₋·exp(−|Δt|/τ₋)  on a pre spike, post spike at |Δt| &gt; 0 before it (LTD)
 * </pre>
 * then the weight is clipped to the projection's bounds. {@code sign} is +1 where weights are positive (excitatory
 * synapses, inhibitory conductances) and −1 for negative, current-based inhibitory weights, whose magnitude then grows
 * under causal pairing.
 * Paper: η = 5·10⁻⁴, A± = 1, τ± = 7.5 ms.
 * <p>Only the latest spike on the other side pairs: with Poisson inputs, potentiation wins once the post neuron fires
 * fast enough, and the competition of Song, Miller &amp; Abbott (2000) needs {@link AllToAllStdp} instead.
 */
public final class NearestPairStdp extends PairBasedStdp {
    private final float ltp;
    private final float ltd;
    private final int sign;
    private final double eta;
    private final double aPlus;
    private final double aMinus;
    private final double tauPlusMs;
    private final double tauMinusMs;

    /**
     * A nearest-pair STDP rule; {@link #builder} names its parameters one by one (the paper's values unless set).
     *
     * @param eta        learning rate η
     * @param aPlus      A₊
     * @param aMinus     A₋
     * @param tauPlusMs  τ₊ (ms)
     * @param tauMinusMs τ₋ (ms)
     * @param sign       +1: causal pairing raises w; −1: lowers it, so that negative (current-based inhibitory) weights
     *                   grow in magnitude (the paper's inhibitory synapses); inhibitory conductances, being positive,
     *                   take +1
     * @param dtMs       the time step (ms)
     * @throws IllegalArgumentException for a sign other than ±1, a negative or infinite η, A₊ or A₋, or a τ₊, τ₋ or dt
     *                                  that is not finite and &gt; 0 (naming the rule and the values)
     */
    public NearestPairStdp(double eta, double aPlus, double aMinus, double tauPlusMs, double tauMinusMs, int sign,
                           double dtMs) {
        super(ExponentialKernel.checked("nearest-pair STDP", "τ+", tauPlusMs, dtMs, false),
                ExponentialKernel.checked("nearest-pair STDP", "τ−", tauMinusMs, dtMs, false));
        checkSignAndAmplitudes("nearest-pair", eta, aPlus, aMinus, sign);
        this.ltp = (float) (sign * eta * aPlus);
        this.ltd = (float) (sign * eta * aMinus);
        this.sign = sign;
        this.eta = eta;
        this.aPlus = aPlus;
        this.aMinus = aMinus;
        this.tauPlusMs = tauPlusMs;
        this.tauMinusMs = tauMinusMs;
    }

    /**
     * The rule by name rather than position (six numbers in a row are easy to swap without a word: an A₊ of 7.5 and
     * a τ₊ of 1 ms build as well as the reverse): the paper's values (η = 5·10⁻⁴, A± = 1, τ± = 7.5 ms, sign +1)
     * unless set, e.g. {@code NearestPairStdp.builder(1.0).eta(1e-3).sign(-1).build()} for an inhibitory
     * current-based projection. {@link Builder#build()} checks the values as the constructor does.
     *
     * @param dtMs the network's time step (ms), which the rule must share
     */
    public static Builder builder(double dtMs) {
        return new Builder(dtMs);
    }

    /** See {@link #builder}; each setter names the constructor's parameter. */
    public static final class Builder extends PairStdpBuilder<Builder> {
        private Builder(double dtMs) {
            super(dtMs);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * The rule.
         *
         * @throws IllegalArgumentException as the constructor, naming the value
         */
        public NearestPairStdp build() {
            return new NearestPairStdp(eta, aPlus, aMinus, tauPlusMs, tauMinusMs, sign, dtMs);
        }
    }

    /** The learning rate η. */
    public double eta() {
        return eta;
    }

    /** A₊. */
    public double aPlus() {
        return aPlus;
    }

    /** A₋. */
    public double aMinus() {
        return aMinus;
    }

    /** τ₊ (ms). */
    public double tauPlusMs() {
        return tauPlusMs;
    }

    /** τ₋ (ms). */
    public double tauMinusMs() {
        return tauMinusMs;
    }

    /** +1 or −1: the direction of the change under causal pairing. */
    public int sign() {
        return sign;
    }

    @Override
    public String name() {
        return "nearest-pair";
    }

    @Override
    float ltd() {
        return ltd;
    }

    @Override
    float ltp(Population post, int j, int step) {
        return ltp;
    }

    /** The rule and its values, e.g. {@code nearest-pair STDP (η 0.0005, A+ 1, A− 1, τ+ 7.5 ms, τ− 7.5 ms, sign +1, dt 1 ms)}. */
    @Override
    public String toString() {
        return name() + " STDP (" + pairValues(eta, aPlus, aMinus, tauPlusMs, tauMinusMs, sign) + ", dt "
                + NumberText.of(dtMs()) + " ms)";
    }

    /**
     * Refuses a sign other than ±1 and an η, A₊ or A₋ that is negative, NaN or infinite, naming the rule: the sign
     * turns a pair-based rule round, not a negative rate.
     */
    static void checkSignAndAmplitudes(String rule, double eta, double aPlus, double aMinus, int sign) {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("STDP sign must be +1 or -1, got " + sign);
        }
        if (!(eta >= 0 && Double.isFinite(eta)) || !(aPlus >= 0 && Double.isFinite(aPlus))
                || !(aMinus >= 0 && Double.isFinite(aMinus))) {
            throw new IllegalArgumentException(rule + " STDP needs η, A+ and A− >= 0 and finite (the sign, " + sign
                    + ", gives the direction); got η " + NumberText.of(eta) + ", A+ " + NumberText.of(aPlus) + ", A− " + NumberText.of(aMinus));
        }
    }

    /** The values pair-based rules share, for their {@code toString}. */
    static String pairValues(double eta, double aPlus, double aMinus, double tauPlusMs, double tauMinusMs, int sign) {
        return "η " + NumberText.of(eta) + ", A+ " + NumberText.of(aPlus) + ", A− " + NumberText.of(aMinus) + ", τ+ "
                + NumberText.of(tauPlusMs) + " ms, τ− " + NumberText.of(tauMinusMs) + " ms, sign " + (sign > 0 ? "+1" : "−1");
    }
}
