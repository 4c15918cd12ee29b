package io.somnus.plasticity;

import io.somnus.neuron.Population;
import io.somnus.synapse.Projection;

/**
 * Nearest-spike pair STDP (the paper's rule, Massey et al. 2026). With Δt = t_post − t_pre between a spike
 * and the nearest earlier spike on the other side of the synapse:
 * <pre>
 *   Δw = +sign·η·A₊·exp(−Δt/τ₊)    on a post spike, pre spike at Δt ≥ 0 before it (LTP)
 *   Δw = −sign·η·A₋·exp(−|Δt|/τ₋)  on a pre spike, post spike at |Δt| &gt; 0 before it (LTD)
 * </pre>
 * then the weight is clipped to the projection's bounds. {@code sign} is +1 for excitatory synapses and
 * −1 for inhibitory ones (whose negative weights then grow in magnitude under causal pairing).
 * Paper: η = 5·10⁻⁴, A± = 1, τ± = 7.5 ms.
 */
public final class NearestPairStdp implements Plasticity {
    private final float ltp;
    private final float ltd;
    private final ExponentialKernel kernelPlus;
    private final ExponentialKernel kernelMinus;

    /**
     * @param eta learning rate η; @param aPlus A₊; @param aMinus A₋; @param tauPlusMs τ₊ (ms);
     * @param tauMinusMs τ₋ (ms); @param sign +1 excitatory, −1 inhibitory; @param dtMs the time step (ms)
     */
    public NearestPairStdp(double eta, double aPlus, double aMinus, double tauPlusMs, double tauMinusMs, int sign,
                           double dtMs) {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("STDP sign must be +1 or -1, got " + sign);
        }
        this.ltp = (float) (sign * eta * aPlus);
        this.ltd = (float) (sign * eta * aMinus);
        this.kernelPlus = new ExponentialKernel(tauPlusMs, dtMs);
        this.kernelMinus = new ExponentialKernel(tauMinusMs, dtMs);
    }

    @Override
    public String name() {
        return "nearest-pair";
    }

    @Override
    public void apply(Projection p, int step) {
        Population pre = p.pre();
        Population post = p.post();
        float[] w = p.weights();
        float lo = p.wMin();
        float hi = p.wMax();
        int[] postLast = post.lastSpikeStep();
        int[] postPrev = post.previousSpikeStep();
        int[] rowStart = p.rowStart();
        int[] postIndex = p.postIndex();
        int[] spikedPre = pre.spiked();
        for (int k = 0, n = pre.spikeCount(); k < n; k++) {
            int i = spikedPre[k];
            for (int s = rowStart[i], end = rowStart[i + 1]; s < end; s++) {
                int j = postIndex[s];
                int tPost = postLast[j] == step ? postPrev[j] : postLast[j];
                float x = w[s] - ltd * kernelMinus.at(step - tPost);
                w[s] = x < lo ? lo : (x > hi ? hi : x);
            }
        }
        int[] preLast = pre.lastSpikeStep();
        int[] colStart = p.colStart();
        int[] colSynapse = p.colSynapse();
        int[] preIndex = p.preIndex();
        int[] spikedPost = post.spiked();
        for (int k = 0, n = post.spikeCount(); k < n; k++) {
            int j = spikedPost[k];
            for (int c = colStart[j], end = colStart[j + 1]; c < end; c++) {
                int s = colSynapse[c];
                float x = w[s] + ltp * kernelPlus.at(step - preLast[preIndex[s]]);
                w[s] = x < lo ? lo : (x > hi ? hi : x);
            }
        }
    }
}
