package io.somnus.plasticity;

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

    /**
     * @param eta        learning rate η
     * @param aPlus      A₊
     * @param aMinus     A₋
     * @param tauPlusMs  τ₊ (ms)
     * @param tauMinusMs τ₋ (ms)
     * @param sign       +1: causal pairing raises w; −1: lowers it, so that negative (current-based inhibitory) weights
     *                   grow in magnitude (the paper's inhibitory synapses); inhibitory conductances, being positive,
     *                   take +1
     * @param dtMs       the time step (ms)
     */
    public NearestPairStdp(double eta, double aPlus, double aMinus, double tauPlusMs, double tauMinusMs, int sign,
                           double dtMs) {
        super(ExponentialKernel.checked("nearest-pair STDP", "τ+", tauPlusMs, dtMs, false),
                ExponentialKernel.checked("nearest-pair STDP", "τ−", tauMinusMs, dtMs, false));
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("STDP sign must be +1 or -1, got " + sign);
        }
        if (!(eta >= 0 && Double.isFinite(eta)) || !(aPlus >= 0 && Double.isFinite(aPlus))
                || !(aMinus >= 0 && Double.isFinite(aMinus))) { // the sign turns the rule round, not a negative rate
            throw new IllegalArgumentException("nearest-pair STDP needs η, A+ and A− >= 0 and finite (the sign, " + sign
                    + ", gives the direction); got η " + eta + ", A+ " + aPlus + ", A− " + aMinus);
        }
        this.ltp = (float) (sign * eta * aPlus);
        this.ltd = (float) (sign * eta * aMinus);
        this.sign = sign;
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
}
