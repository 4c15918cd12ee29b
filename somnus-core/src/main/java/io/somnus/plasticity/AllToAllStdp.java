package io.somnus.plasticity;

import io.somnus.core.NumberText;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeHistory;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import io.somnus.synapse.SettledColumns;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Pair STDP with all-to-all pairing (Song, Miller &amp; Abbott 2000; Brian2's classic STDP example, NEST's
 * {@code stdp_synapse}, BindsNET's {@code PostPre}): every pre spike pairs with every earlier post spike and every post
 * spike with every pre spike up to it, through traces that <em>accumulate</em>, each decaying exactly between spikes:
 * <pre>
 *   x_i ← x_i·exp(−Δt/τ₊) + 1 at a spike of pre neuron i,   y_j ← y_j·exp(−Δt/τ₋) + 1 at a spike of post neuron j
 *   on a pre spike of i:   w_ij ← w_ij − sign·η·A₋·y_j     (y_j of the post spikes before this step)
 *   on a post spike of j:  w_ij ← w_ij + sign·η·A₊·x_i     (x_i including this step's pre spikes)
 * </pre>
 * each change scaled by the {@link WeightDependence} and the weight clipped to the projection's bounds. Pre events run
 * before post events, so a pre and a post spike in the same step pair as pre-before-post with Δt = 0 (the
 * {@link Plasticity} contract). With one spike on each side this is {@link NearestPairStdp}; with several, nearest-spike
 * pairing counts only the latest, which with Poisson inputs makes potentiation win at high post rates, and all-to-all
 * pairing does not: the rule behind the bimodal weights of competitive STDP.
 *
 * <p>The traces count the spikes of the steps the rule runs (plastic steps), as the synapses see them (a delayed
 * projection's pre spikes where they arrive), and start from 0 after {@link #resetState()} (the network's
 * {@code resetState()}). A rule keeps the traces of one projection: give each projection its own.
 */
public final class AllToAllStdp implements Plasticity {
    private final double ltp;
    private final double ltd;
    private final double eta;
    private final double aPlus;
    private final double aMinus;
    private final double tauPlusMs;
    private final double tauMinusMs;
    private final int sign;
    private final WeightDependence dependence;
    private final double dtMs;
    private Projection bound;
    /** Each pre neuron's trace x (τ₊). */
    private final ExponentialTraces x;
    /** Each post neuron's trace y (τ₋). */
    private final ExponentialTraces y;
    /** The step of the last {@link #apply}: a step before it means the steps restarted, at a reset. */
    private int lastStep = Population.NEVER;

    /**
     * An all-to-all STDP rule; {@link #builder} names its parameters one by one.
     *
     * @param eta        learning rate η
     * @param aPlus      A₊, potentiation per unit of presynaptic trace
     * @param aMinus     A₋, depression per unit of postsynaptic trace
     * @param tauPlusMs  τ₊ (ms), the presynaptic trace's time constant
     * @param tauMinusMs τ₋ (ms), the postsynaptic trace's
     * @param sign       +1: causal pairing raises w; −1: lowers it, so that negative (current-based inhibitory) weights
     *                   grow in magnitude; inhibitory conductances, being positive, take +1
     * @param dependence how the weight scales each change
     * @param dtMs       the time step (ms)
     * @throws IllegalArgumentException for a sign other than ±1, a negative or infinite η, A₊ or A₋, or a τ₊, τ₋ or dt
     *                                  that is not finite and &gt; 0 (naming the rule and the values)
     * @throws NullPointerException     for a null {@code dependence}
     */
    public AllToAllStdp(double eta, double aPlus, double aMinus, double tauPlusMs, double tauMinusMs, int sign,
                        WeightDependence dependence, double dtMs) {
        NearestPairStdp.checkSignAndAmplitudes("all-to-all", eta, aPlus, aMinus, sign);
        if (!(tauPlusMs > 0 && tauPlusMs < Double.POSITIVE_INFINITY)
                || !(tauMinusMs > 0 && tauMinusMs < Double.POSITIVE_INFINITY)
                || !(dtMs > 0 && dtMs < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("all-to-all STDP needs finite τ+, τ− and dt > 0 (ms); got τ+ "
                    + NumberText.of(tauPlusMs) + ", τ− " + NumberText.of(tauMinusMs) + ", dt " + NumberText.of(dtMs));
        }
        this.ltp = sign * eta * aPlus;
        this.ltd = sign * eta * aMinus;
        this.eta = eta;
        this.aPlus = aPlus;
        this.aMinus = aMinus;
        this.tauPlusMs = tauPlusMs;
        this.tauMinusMs = tauMinusMs;
        this.sign = sign;
        this.dependence = Objects.requireNonNull(dependence, "dependence");
        this.dtMs = dtMs;
        this.x = traces(tauPlusMs, "τ+", dtMs);
        this.y = traces(tauMinusMs, "τ−", dtMs);
    }

    /**
     * The rule by name rather than position (eight parameters in a row, five of them numbers that build as well
     * swapped): {@link NearestPairStdp}'s defaults, the paper's (η = 5·10⁻⁴, A± = 1, τ± = 7.5 ms, sign +1), and
     * {@link WeightDependence#ADDITIVE} unless set, as a configuration's {@code rule: all_to_all} switches pairing
     * alone; e.g. Song, Miller &amp; Abbott's {@code AllToAllStdp.builder(dt).eta(1).aPlus(0.005).aMinus(0.00525)
     * .tauPlusMs(20).tauMinusMs(20).build()}. {@link Builder#build()} checks the values as the constructor does.
     *
     * @param dtMs the network's time step (ms), which the rule must share
     */
    public static Builder builder(double dtMs) {
        return new Builder(dtMs);
    }

    /** See {@link #builder}; each setter names the constructor's parameter. */
    public static final class Builder extends PairStdpBuilder<Builder> {
        private WeightDependence weightDependence = WeightDependence.ADDITIVE;

        private Builder(double dtMs) {
            super(dtMs);
        }

        @Override
        Builder self() {
            return this;
        }

        /** How the weight scales each change (default {@link WeightDependence#ADDITIVE}). */
        public Builder weightDependence(WeightDependence v) {
            weightDependence = v;
            return this;
        }

        /**
         * The rule.
         *
         * @throws IllegalArgumentException as the constructor, naming the value
         * @throws NullPointerException     for a null weight dependence
         */
        public AllToAllStdp build() {
            return new AllToAllStdp(eta, aPlus, aMinus, tauPlusMs, tauMinusMs, sign, weightDependence, dtMs);
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

    /** Exact traces of {@code tauMs}, whose table of 30 τ/dt doubles is held to 2^24 entries (128 MiB). */
    private static ExponentialTraces traces(double tauMs, String tauName, double dtMs) {
        if (Math.ceil(30 * tauMs / dtMs) > 1 << 24) {
            throw new IllegalArgumentException("all-to-all STDP: τ " + NumberText.of(tauMs) + " ms is more than 2^24 / 30 steps of dt "
                    + NumberText.of(dtMs) + " ms");
        }
        return new ExponentialTraces("all-to-all STDP", tauName, tauMs, dtMs, false);
    }

    @Override
    public String name() {
        return "all-to-all";
    }

    /** How the weight scales each change. */
    public WeightDependence weightDependence() {
        return dependence;
    }

    @Override
    public double dtMs() {
        return dtMs;
    }

    /** Forgets every spike: both traces 0 (a reset of the network's state, whose steps then count from 0 again). */
    @Override
    public void resetState() {
        x.reset();
        y.reset();
        lastStep = Population.NEVER;
    }

    @Override
    public void apply(Projection p, int step) {
        if (p != bound) {
            throw new IllegalStateException("all-to-all STDP applied to projection " + p.name() + ", which it was not "
                    + "given to (Projection.withPlasticity)");
        }
        if (step < lastStep) { // steps count from 0 again after a reset of the network's state
            resetState();
        }
        lastStep = step;
        SpikeHistory pre = p.preSpikes(); // as they reach the synapses: a delayed projection's arrive late
        Population post = p.post();
        float[] w = p.weightsForColumnWrites();
        SettledColumns settled = p.settledColumns();
        double lo = p.wMin();
        double hi = p.wMax();
        int[] rowStart = p.rowStart();
        int[] postIndex = pre.spikeCount() > 0 ? p.postIndex() : null;
        for (int k = 0, m = pre.spikeCount(); k < m; k++) {
            int i = pre.spiked()[k];
            for (int s = rowStart[i]; s < rowStart[i + 1]; s++) {
                int j = postIndex[s];
                double trace = y.at(j, step);
                if (trace != 0) {
                    w[s] = change(w[s], -ltd * trace, lo, hi);
                    settled.disturb(j);
                }
            }
            x.add(i, step, 1);
        }
        if (post.spikeCount() == 0) {
            return;
        }
        int[] colStart = p.colStart();
        int[] colSynapse = p.colSynapse();
        int[] colPre = p.colPre();
        for (int k = 0, m = post.spikeCount(); k < m; k++) {
            int j = post.spiked()[k];
            settled.disturb(j);
            for (int c = colStart[j]; c < colStart[j + 1]; c++) {
                int i = colPre[c];
                double trace = x.at(i, step);
                if (trace != 0) {
                    int s = colSynapse[c];
                    w[s] = change(w[s], ltp * trace, lo, hi);
                }
            }
            y.add(j, step, 1);
        }
    }

    /** {@code w} moved by {@code d}, scaled by the weight dependence, then clipped to [lo, hi]. */
    private float change(float w, double d, double lo, double hi) {
        double scaled = dependence == WeightDependence.ADDITIVE ? d : d * (d > 0 ? hi - w : w - lo);
        return (float) Math.min(Math.max(w + scaled, lo), hi);
    }

    /** Takes {@code p} as this rule's projection, and refuses a second one or, for multiplicative STDP, open bounds. */
    @Override
    public void attach(Projection p) {
        if (bound != null && bound != p) {
            throw new IllegalArgumentException("an all-to-all STDP rule keeps the traces of one projection ("
                    + bound.name() + "); give projection " + p.name() + " its own");
        }
        if (dependence == WeightDependence.MULTIPLICATIVE
                && !(Float.isFinite(p.wMin()) && Float.isFinite(p.wMax()))) {
            throw new IllegalArgumentException("projection " + p.name() + ": multiplicative STDP scales each change by "
                    + "the distance to a bound, and needs finite bounds (w_min, w_max); got [" + p.wMin() + ", "
                    + p.wMax() + "]");
        }
        bound = p;
        x.resize(p.pre().size());
        y.resize(p.post().size());
        resetState();
    }

    /** Writes both traces with the steps they were last brought to, and the last step applied. */
    @Override
    public void writeState(Projection projection, DataOutput out) throws IOException {
        if (projection != bound) {
            throw new IllegalStateException("all-to-all STDP of projection " + (bound == null ? "none" : bound.name())
                    + " asked for the state of " + projection.name());
        }
        x.write(out);
        y.write(out);
        out.writeInt(lastStep);
    }

    @Override
    public void readState(Projection projection, DataInput in) throws IOException {
        if (projection != bound) {
            throw new IllegalStateException("all-to-all STDP of projection " + (bound == null ? "none" : bound.name())
                    + " given the state of " + projection.name());
        }
        String what = "all-to-all STDP of projection " + projection.name();
        x.read(in, what + " pre");
        y.read(in, what + " post");
        lastStep = in.readInt();
    }

    /** The rule and its values, e.g. {@code all-to-all STDP (η 0.0005, A+ 1, A− 1, τ+ 7.5 ms, τ− 7.5 ms, sign +1, additive, dt 1 ms)}. */
    @Override
    public String toString() {
        return name() + " STDP (" + NearestPairStdp.pairValues(eta, aPlus, aMinus, tauPlusMs, tauMinusMs, sign) + ", "
                + dependence.name().toLowerCase(Locale.ROOT) + ", dt " + NumberText.of(dtMs) + " ms)";
    }
}
