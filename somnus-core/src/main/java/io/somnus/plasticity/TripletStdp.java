package io.somnus.plasticity;

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

    /** @param eulerTraces traces decay as forward Euler integrates them, (1 − dt/τ) per step, else exactly */
    public TripletStdp(double nuPre, double nuPost, double tauPreMs, double tauPost1Ms, double tauPost2Ms, double dtMs,
                       boolean eulerTraces) {
        super(ExponentialKernel.checked("triplet STDP", "τ_pre", tauPreMs, dtMs, eulerTraces),
                ExponentialKernel.checked("triplet STDP", "τ_post1", tauPost1Ms, dtMs, eulerTraces));
        if (!(nuPre >= 0 && Double.isFinite(nuPre)) || !(nuPost >= 0 && Double.isFinite(nuPost))) {
            throw new IllegalArgumentException("triplet STDP needs ν_pre and ν_post >= 0 and finite; got ν_pre " + nuPre
                    + ", ν_post " + nuPost);
        }
        this.nuPre = (float) nuPre;
        this.nuPost = (float) nuPost;
        this.post2 = ExponentialKernel.checked("triplet STDP", "τ_post2", tauPost2Ms, dtMs, eulerTraces);
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
}
