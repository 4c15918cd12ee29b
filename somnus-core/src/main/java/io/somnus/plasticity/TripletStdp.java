package io.somnus.plasticity;

import io.somnus.core.NumberText;
import io.somnus.neuron.Population;

/**
 * The trace STDP of Diehl &amp; Cook (2015, published code): a presynaptic trace {@code pre} (τ_pre) and two
 * postsynaptic traces {@code post1} (τ_post1) and {@code post2} (τ_post2), each decaying exponentially
 * and set to 1 (not incremented) at its neuron's spike, so a trace is exp(−(t − t_last)/τ).
 * <pre>
 *   on a pre spike:   w ← clip(w − ν_pre·post1, w_min, w_max)                 (then pre ← 1)
 *   on a post spike:  w ← clip(w + ν_post·pre·post2_before, w_min, w_max)     (then post1, post2 ← 1)
 * </pre>
 * where post2_before is post2 just before this post spike (so a post spike alone does not potentiate
 * the first time). Traces decay exactly or, to match Brian2's {@code method='euler'}, by (1 − dt/τ) per step.
 * Diehl &amp; Cook: ν_pre = 10⁻⁴, ν_post = 10⁻², τ_pre = τ_post1 = 20 ms, τ_post2 = 40 ms,
 * w_min = 0, w_max = 1: the bounds are the projection's.
 */
public final class TripletStdp extends PairBasedStdp {
    private final float nuPre;
    private final float nuPost;
    private final ExponentialKernel post2;
    private final double nuPreValue;
    private final double nuPostValue;
    private final double tauPreMs;
    private final double tauPost1Ms;
    private final double tauPost2Ms;
    private final boolean eulerTraces;

    /**
     * A triplet STDP rule; {@link #builder} names its parameters one by one (Diehl &amp; Cook's values unless set).
     *
     * @param nuPre       ν_pre, the depression's rate (times post1)
     * @param nuPost      ν_post, the potentiation's rate (times pre and post2 before the spike)
     * @param tauPreMs    τ_pre (ms), the presynaptic trace's time constant
     * @param tauPost1Ms  τ_post1 (ms), the postsynaptic trace depression reads
     * @param tauPost2Ms  τ_post2 (ms), the postsynaptic trace potentiation reads
     * @param dtMs        the time step (ms)
     * @param eulerTraces traces decay as forward Euler integrates them, (1 − dt/τ) per step, else exactly
     * @throws IllegalArgumentException for a negative or infinite ν_pre or ν_post, a τ or dt that is not finite and
     *                                  &gt; 0, or (with Euler traces) a τ shorter than dt, naming the parameter
     */
    public TripletStdp(double nuPre, double nuPost, double tauPreMs, double tauPost1Ms, double tauPost2Ms, double dtMs,
                       boolean eulerTraces) {
        super(ExponentialKernel.checked("triplet STDP", "τ_pre", tauPreMs, dtMs, eulerTraces),
                ExponentialKernel.checked("triplet STDP", "τ_post1", tauPost1Ms, dtMs, eulerTraces));
        if (!(nuPre >= 0 && Double.isFinite(nuPre)) || !(nuPost >= 0 && Double.isFinite(nuPost))) {
            throw new IllegalArgumentException("triplet STDP needs ν_pre and ν_post >= 0 and finite; got ν_pre " + NumberText.of(nuPre)
                    + ", ν_post " + NumberText.of(nuPost));
        }
        this.nuPre = (float) nuPre;
        this.nuPost = (float) nuPost;
        this.post2 = ExponentialKernel.checked("triplet STDP", "τ_post2", tauPost2Ms, dtMs, eulerTraces);
        this.nuPreValue = nuPre;
        this.nuPostValue = nuPost;
        this.tauPreMs = tauPreMs;
        this.tauPost1Ms = tauPost1Ms;
        this.tauPost2Ms = tauPost2Ms;
        this.eulerTraces = eulerTraces;
    }

    /**
     * The rule by name rather than position (five numbers and a flag in a row: τ_post1 and τ_post2 build as well
     * swapped): Diehl &amp; Cook's values as the diehl-cook preset runs them (ν_pre = 10⁻⁴, ν_post = 10⁻², τ_pre =
     * τ_post1 = 20 ms, τ_post2 = 40 ms, Euler traces as Brian2's {@code method='euler'}) unless set, e.g.
     * {@code TripletStdp.builder(0.5).nuPost(5e-3).eulerTraces(false).build()}. {@link Builder#build()} checks the
     * values as the constructor does.
     *
     * @param dtMs the network's time step (ms), which the rule must share
     */
    public static Builder builder(double dtMs) {
        return new Builder(dtMs);
    }

    /** See {@link #builder}; each setter names the constructor's parameter. */
    public static final class Builder {
        private final double dtMs;
        private double nuPre = 1e-4;
        private double nuPost = 1e-2;
        private double tauPreMs = 20;
        private double tauPost1Ms = 20;
        private double tauPost2Ms = 40;
        private boolean eulerTraces = true;

        private Builder(double dtMs) {
            this.dtMs = dtMs;
        }

        /** ν_pre, the depression's rate (default 10⁻⁴). */
        public Builder nuPre(double v) {
            nuPre = v;
            return this;
        }

        /** ν_post, the potentiation's rate (default 10⁻²). */
        public Builder nuPost(double v) {
            nuPost = v;
            return this;
        }

        /** τ_pre in ms (default 20). */
        public Builder tauPreMs(double v) {
            tauPreMs = v;
            return this;
        }

        /** τ_post1 in ms, the trace depression reads (default 20). */
        public Builder tauPost1Ms(double v) {
            tauPost1Ms = v;
            return this;
        }

        /** τ_post2 in ms, the trace potentiation reads (default 40). */
        public Builder tauPost2Ms(double v) {
            tauPost2Ms = v;
            return this;
        }

        /** Whether traces decay by (1 − dt/τ) per step (default) or exactly. */
        public Builder eulerTraces(boolean v) {
            eulerTraces = v;
            return this;
        }

        /**
         * The rule.
         *
         * @throws IllegalArgumentException as the constructor, naming the value
         */
        public TripletStdp build() {
            return new TripletStdp(nuPre, nuPost, tauPreMs, tauPost1Ms, tauPost2Ms, dtMs, eulerTraces);
        }
    }

    /** ν_pre. */
    public double nuPre() {
        return nuPreValue;
    }

    /** ν_post. */
    public double nuPost() {
        return nuPostValue;
    }

    /** τ_pre (ms). */
    public double tauPreMs() {
        return tauPreMs;
    }

    /** τ_post1 (ms). */
    public double tauPost1Ms() {
        return tauPost1Ms;
    }

    /** τ_post2 (ms). */
    public double tauPost2Ms() {
        return tauPost2Ms;
    }

    /** Whether the traces decay as forward Euler integrates them, else exactly. */
    public boolean eulerTraces() {
        return eulerTraces;
    }

    @Override
    public String name() {
        return "triplet";
    }

    @Override
    float ltd() {
        return nuPre;
    }

    /** ν_post·post2_before: post2 just before this spike, i.e. decayed from the neuron's previous spike. */
    @Override
    float ltp(Population post, int j, int step) {
        return nuPost * post2.at(step - post.previousSpikeStep()[j]);
    }

    /**
     * The rule and its values, e.g. {@code triplet STDP (ν_pre 0.0001, ν_post 0.01, τ_pre 20 ms, τ_post1 20 ms,
     * τ_post2 40 ms, exact traces, dt 0.5 ms)}.
     */
    @Override
    public String toString() {
        return name() + " STDP (ν_pre " + NumberText.of(nuPreValue) + ", ν_post " + NumberText.of(nuPostValue) + ", τ_pre "
                + NumberText.of(tauPreMs) + " ms, τ_post1 " + NumberText.of(tauPost1Ms) + " ms, τ_post2 "
                + NumberText.of(tauPost2Ms) + " ms, " + (eulerTraces ? "Euler" : "exact") + " traces, dt "
                + NumberText.of(dtMs()) + " ms)";
    }
}
