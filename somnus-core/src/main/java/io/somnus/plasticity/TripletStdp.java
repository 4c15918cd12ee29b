package io.somnus.plasticity;

import io.somnus.neuron.Population;
import io.somnus.synapse.Projection;

/**
 * The trace STDP of Diehl &amp; Cook (2015, published code): a presynaptic trace {@code pre} (τ_pre) and two
 * postsynaptic traces {@code post1} (τ_post1) and {@code post2} (τ_post2), each decaying exponentially
 * and set to 1 (not incremented) at its neuron's spike, so a trace is exp(−(t − t_last)/τ).
 * <pre>
 *   on a pre spike:   w ← clip(w − ν_pre·post1, 0, w_max)                     (then pre ← 1)
 *   on a post spike:  w ← clip(w + ν_post·pre·post2_before, 0, w_max)         (then post1, post2 ← 1)
 * </pre>
 * where post2_before is post2 just before this post spike (so a post spike alone does not potentiate
 * the first time). Traces decay exactly or, to match Brian2's {@code method='euler'}, by (1 − dt/τ) per step.
 * Diehl &amp; Cook: ν_pre = 10⁻⁴, ν_post = 10⁻², τ_pre = τ_post1 = 20 ms, τ_post2 = 40 ms,
 * w_max = 1. Bounds come from the projection.
 */
public final class TripletStdp implements Plasticity {
    private final float nuPre;
    private final float nuPost;
    private final ExponentialKernel pre;
    private final ExponentialKernel post1;
    private final ExponentialKernel post2;

    /** @param eulerTraces traces decay as forward Euler integrates them, (1 − dt/τ) per step, else exactly */
    public TripletStdp(double nuPre, double nuPost, double tauPreMs, double tauPost1Ms, double tauPost2Ms, double dtMs,
                       boolean eulerTraces) {
        this.nuPre = (float) nuPre;
        this.nuPost = (float) nuPost;
        this.pre = new ExponentialKernel(tauPreMs, dtMs, eulerTraces);
        this.post1 = new ExponentialKernel(tauPost1Ms, dtMs, eulerTraces);
        this.post2 = new ExponentialKernel(tauPost2Ms, dtMs, eulerTraces);
    }

    @Override
    public String name() {
        return "triplet";
    }

    @Override
    public void apply(Projection p, int step) {
        Population prePop = p.pre();
        Population postPop = p.post();
        float[] w = p.weights();
        float lo = p.wMin();
        float hi = p.wMax();
        int[] postLast = postPop.lastSpikeStep();
        int[] postPrev = postPop.previousSpikeStep();
        int[] rowStart = p.rowStart();
        int[] postIndex = p.postIndex();
        int[] spikedPre = prePop.spiked();
        for (int k = 0, n = prePop.spikeCount(); k < n; k++) {
            int i = spikedPre[k];
            for (int s = rowStart[i], end = rowStart[i + 1]; s < end; s++) {
                int j = postIndex[s];
                int tPost = postLast[j] == step ? postPrev[j] : postLast[j];
                float x = w[s] - nuPre * post1.at(step - tPost);
                w[s] = x < lo ? lo : (x > hi ? hi : x);
            }
        }
        int[] preLast = prePop.lastSpikeStep();
        int[] colStart = p.colStart();
        int[] colSynapse = p.colSynapse();
        int[] preIndex = p.preIndex();
        int[] spikedPost = postPop.spiked();
        for (int k = 0, n = postPop.spikeCount(); k < n; k++) {
            int j = spikedPost[k];
            float before = post2.at(step - postPrev[j]);
            if (before == 0f) {
                continue;
            }
            float gain = nuPost * before;
            for (int c = colStart[j], end = colStart[j + 1]; c < end; c++) {
                int s = colSynapse[c];
                float x = w[s] + gain * pre.at(step - preLast[preIndex[s]]);
                w[s] = x < lo ? lo : (x > hi ? hi : x);
            }
        }
    }
}
