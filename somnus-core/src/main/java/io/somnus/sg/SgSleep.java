package io.somnus.sg;

import io.somnus.sleep.LogSpaceDecay;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One sleep episode of the SG-SNN ({@link SgSleepConfig}): the network runs with a batch of one, zero input and
 * membrane noise, trace STDP acts on every weight matrix and every weight is pulled toward ±target in log space,
 * each step. Biases are left alone. Per step {@code s}, in this order:
 * <pre>
 *   for each layer l (input silent):  U_l ← β·U_l + W_l·s_{l−1} + b_l + V_l·s_l^{prev} + σ·ξ − θ·s_l^{prev},
 *                                       s_l = Θ(U_l − θ)             (ξ ~ N(0,1), one draw per neuron, layer order)
 *   traces:                             x_l ← x_l·exp(−dt/τ) + s_l
 *   STDP on W_l (and V_l):              w_ij += η·(A₊·s_i·x_j − A₋·x_i·s_j)   (i post, j pre; the input's trace is 0)
 *   homeostatic pull of every weight:   |w| ← w_tgt·(|w|/w_tgt)^λ, sign kept  ({@link LogSpaceDecay})
 * </pre>
 * A membrane-readout output layer integrates without spiking, so it takes no part in STDP.
 *
 * <h2>Why it is cheap</h2>
 * The pull composes in closed form: {@code n} steps of it are one step with {@code λⁿ}. So each weight carries the
 * number of steps whose pull has been applied, and the pending pulls are applied only when the weight is read (its
 * presynaptic neuron spiked) or changed by STDP, and once for all weights at the end of the episode. The input
 * projection, never read during sleep (the input is silent) and never changed (the input's trace is 0), costs one
 * closed-form pull per weight per episode; the rest costs work proportional to spikes × fan-out, not to
 * weights × steps.
 */
final class SgSleep {
    private final SgNetwork net;
    private final SgSleepConfig cfg;
    private final LogSpaceDecay decay;
    private final int layers;
    private final int steps;
    private final double target;
    private final double[] lambdaPow;
    private final float traceDecay;
    private final float[][] mem;
    private final float[][] trace;
    private final int[][] spikes;
    private final int[][] prevSpikes;
    private final int[] nSpikes;
    private final int[] nPrevSpikes;
    private final int[][] appliedW;
    private final int[][] appliedV;
    private final float[] current;
    /** Spikes per layer in the last episode. */
    final long[] spikeCounts;

    SgSleep(SgNetwork net, SgSleepConfig cfg, double dtMs) {
        this.net = net;
        this.cfg = cfg;
        this.decay = new LogSpaceDecay(cfg.lambda(), 0.0);
        this.layers = net.layers;
        this.steps = cfg.episodeSteps();
        this.target = cfg.target();
        this.lambdaPow = new double[steps + 1];
        for (int n = 0; n <= steps; n++) {
            lambdaPow[n] = Math.pow(decay.lambda(), n);
        }
        this.traceDecay = (float) Math.exp(-dtMs / cfg.tauMs());
        mem = new float[layers][];
        trace = new float[layers][];
        spikes = new int[layers][];
        prevSpikes = new int[layers][];
        nSpikes = new int[layers];
        nPrevSpikes = new int[layers];
        appliedW = new int[layers][];
        appliedV = new int[layers][];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            int h = net.sizes[l + 1];
            widest = Math.max(widest, h);
            mem[l] = new float[h];
            trace[l] = new float[h];
            spikes[l] = new int[h];
            prevSpikes[l] = new int[h];
            appliedW[l] = new int[net.w[l].length];
            appliedV[l] = net.v[l] == null ? null : new int[net.v[l].length];
        }
        current = new float[widest];
        spikeCounts = new long[layers];
    }

    /** Steps per episode. */
    int episodeSteps() {
        return steps;
    }

    /**
     * Runs one episode, changing the network's weights in place.
     *
     * @param noise       the run's sleep-noise stream
     * @param sampleEvery every this many steps (and at the start and the end) {@code sampler} gets the weights'
     *                    statistics; 0 for none
     * @param sampler     receives samples; may be null when {@code sampleEvery} is 0
     */
    void run(RandomGenerator noise, int sampleEvery, Sampler sampler) {
        for (int l = 0; l < layers; l++) {
            Arrays.fill(mem[l], 0f);
            Arrays.fill(trace[l], 0f);
            nSpikes[l] = 0;
            nPrevSpikes[l] = 0;
            Arrays.fill(appliedW[l], 0);
            if (appliedV[l] != null) {
                Arrays.fill(appliedV[l], 0);
            }
        }
        Arrays.fill(spikeCounts, 0L);
        if (sampleEvery > 0) {
            sample(0, sampler);
        }
        float sigma = (float) cfg.membraneNoise();
        float lrPlus = (float) (cfg.learningRate() * cfg.aPlus());
        float lrMinus = (float) (cfg.learningRate() * cfg.aMinus());
        for (int step = 0; step < steps; step++) {
            for (int l = 0; l < layers; l++) {
                advanceLayer(l, step, sigma, noise);
            }
            for (int l = 0; l < layers; l++) {
                float[] x = trace[l];
                for (int h = 0; h < x.length; h++) {
                    x[h] *= traceDecay;
                }
                int[] sp = spikes[l];
                for (int k = 0; k < nSpikes[l]; k++) {
                    x[sp[k]] += 1f;
                }
                spikeCounts[l] += nSpikes[l];
            }
            for (int l = 0; l < layers; l++) {
                if (!net.spiking(l)) {
                    continue;
                }
                if (l > 0) {
                    stdp(net.w[l], appliedW[l], net.sizes[l], spikes[l], nSpikes[l], trace[l - 1],
                            spikes[l - 1], nSpikes[l - 1], trace[l], step, lrPlus, lrMinus);
                }
                if (net.v[l] != null) {
                    stdp(net.v[l], appliedV[l], net.sizes[l + 1], spikes[l], nSpikes[l], trace[l],
                            spikes[l], nSpikes[l], trace[l], step, lrPlus, lrMinus);
                }
            }
            for (int l = 0; l < layers; l++) {
                int[] tmp = prevSpikes[l];
                prevSpikes[l] = spikes[l];
                spikes[l] = tmp;
                nPrevSpikes[l] = nSpikes[l];
                nSpikes[l] = 0;
            }
            if (sampleEvery > 0 && (step + 1) % sampleEvery == 0 && step + 1 < steps) {
                sample(step + 1, sampler);
            }
        }
        for (int l = 0; l < layers; l++) {
            flush(net.w[l], appliedW[l]);
            if (net.v[l] != null) {
                flush(net.v[l], appliedV[l]);
            }
        }
        if (sampleEvery > 0) {
            sample(steps, sampler);
        }
    }

    private void advanceLayer(int l, int step, float sigma, RandomGenerator noise) {
        int post = net.sizes[l + 1];
        int pre = net.sizes[l];
        float[] bias = net.b[l];
        float[] cur = current;
        System.arraycopy(bias, 0, cur, 0, post);
        if (l > 0) {
            float[] w = net.w[l];
            int[] applied = appliedW[l];
            int[] sp = spikes[l - 1];
            for (int k = 0; k < nSpikes[l - 1]; k++) {
                int j = sp[k];
                for (int h = 0, idx = j; h < post; h++, idx += pre) {
                    sync(w, applied, idx, step);
                    cur[h] += w[idx];
                }
            }
        }
        float[] rec = net.v[l];
        if (rec != null) {
            int[] applied = appliedV[l];
            int[] sp = prevSpikes[l];
            for (int k = 0; k < nPrevSpikes[l]; k++) {
                int j = sp[k];
                for (int h = 0, idx = j; h < post; h++, idx += post) {
                    sync(rec, applied, idx, step);
                    cur[h] += rec[idx];
                }
            }
        }
        float[] m = mem[l];
        float beta = net.beta;
        for (int h = 0; h < post; h++) {
            m[h] = beta * m[h] + cur[h] + sigma * (float) noise.nextGaussian();
        }
        if (!net.spiking(l)) {
            return;
        }
        float theta = net.theta;
        int[] prev = prevSpikes[l];
        for (int k = 0; k < nPrevSpikes[l]; k++) {
            m[prev[k]] -= theta;
        }
        int[] sp = spikes[l];
        int n = 0;
        for (int h = 0; h < post; h++) {
            if (m[h] > theta) {
                sp[n++] = h;
            }
        }
        nSpikes[l] = n;
    }

    /**
     * Trace STDP on one {@code post × pre} matrix: rows of spiking post neurons gain {@code lrPlus·x_pre}, columns of
     * spiking pre neurons lose {@code lrMinus·x_post}.
     */
    private void stdp(float[] w, int[] applied, int pre, int[] postSpikes, int nPost, float[] preTrace,
                      int[] preSpikes, int nPre, float[] postTrace, int step, float lrPlus, float lrMinus) {
        int post = postTrace.length;
        for (int k = 0; k < nPost; k++) {
            int row = postSpikes[k] * pre;
            for (int j = 0; j < pre; j++) {
                int idx = row + j;
                sync(w, applied, idx, step);
                w[idx] += lrPlus * preTrace[j];
            }
        }
        for (int k = 0; k < nPre; k++) {
            int j = preSpikes[k];
            for (int i = 0, idx = j; i < post; i++, idx += pre) {
                sync(w, applied, idx, step);
                w[idx] -= lrMinus * postTrace[i];
            }
        }
    }

    /** Applies the pulls still pending for weight {@code idx} so that the pulls of steps {@code 0 … step−1} are in. */
    private void sync(float[] w, int[] applied, int idx, int step) {
        int n = step - applied[idx];
        if (n != 0) {
            w[idx] = pull(w[idx], n);
            applied[idx] = step;
        }
    }

    private void flush(float[] w, int[] applied) {
        for (int i = 0; i < w.length; i++) {
            int n = steps - applied[i];
            if (n != 0) {
                w[i] = pull(w[i], n);
                applied[i] = steps;
            }
        }
    }

    /** {@code n} steps of {@link LogSpaceDecay}: {@code |w| ← w_tgt·(|w|/w_tgt)^(λⁿ)}, sign kept, 0 stays 0. */
    private float pull(float w, int n) {
        if (w == 0f) {
            return w;
        }
        double pulled = target * Math.exp(lambdaPow[n] * Math.log(Math.abs(w) / target));
        return (float) Math.copySign(pulled, w);
    }

    private void sample(int step, Sampler sampler) {
        for (int l = 0; l < layers; l++) {
            sampleMatrix(step, "w_" + net.preName(l) + "_" + net.layerName(l), net.w[l], appliedW[l], sampler);
            if (net.v[l] != null) {
                String h = net.layerName(l);
                sampleMatrix(step, "w_" + h + "_" + h, net.v[l], appliedV[l], sampler);
            }
        }
    }

    private void sampleMatrix(int step, String name, float[] w, int[] applied, Sampler sampler) {
        double sumAbs = 0;
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            int n = step - applied[i];
            double x = n > 0 ? pull(w[i], n) : w[i];
            sumAbs += Math.abs(x);
            sum += x;
        }
        sampler.accept(step, name, sumAbs, sum / w.length);
    }

    /** Receives weight statistics during an episode. */
    interface Sampler {
        void accept(int step, String projection, double totalAbs, double mean);
    }
}
