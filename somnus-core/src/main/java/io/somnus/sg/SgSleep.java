package io.somnus.sg;

import io.somnus.core.GaussianDraws;
import io.somnus.kernel.Kernels;
import io.somnus.sleep.LogSpaceDecay;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One sleep episode of the SG-SNN ({@link SgSleepConfig}), with the dose of the authors' {@code run_sleep_phase}
 * (docs/model-notes.md, "SG-SNN sleep: the dose", cites their code by file and line).
 *
 * <h2>Steps and iterations</h2>
 * A <em>step</em> is one time step {@code dt} of the network's LIF dynamics. An <em>iteration</em> is
 * {@code stepsPerIteration} steps run on {@code B = batchCopies} independent copies of the network state (same
 * weights; each copy its own membranes, traces and noise), all starting from rest, with the weights frozen; the
 * trace-STDP increments are summed over the steps and averaged over the copies, applied once at the end of the
 * iteration, and then the log-space pull is applied once. An episode is {@code iterations} iterations; its simulated
 * time ("sleep steps") is {@code iterations × stepsPerIteration} steps (the copies run in parallel, so they do not
 * multiply the time). Biases are left alone.
 *
 * <h2>One step, for every copy b (input silent)</h2>
 * For each spiking layer {@code l} in order:
 * <pre>
 *   Ũ_l = U_l + σ·ξ                          (ξ ~ N(0,1); not at the first step of an iteration, where U_l = 0)
 *   r_l = Θ(Ũ_l − θ)                          (snnTorch decides the reset on the membrane it is given)
 *   U_l ← β·Ũ_l + b_l + W_l·s_{l−1} + V_l·s_l^{prev} − θ·r_l,     s_l = Θ(U_l − θ)
 * </pre>
 * ({@code s_{−1}} is the silent input, so the first layer gets its bias only.) Then, for every spiking layer,
 * {@code x_l ← x_l·exp(−dt/τ) + s_l}, and the iteration's increments grow by
 * <pre>
 *   ΔW_l += A₊·s_l ⊗ x_{l−1} − A₋·x_l ⊗ s_{l−1}        (l ≥ 1; post × pre)
 *   ΔV_l += A₊·s_l ⊗ x_l − A₋·x_l ⊗ s_l                  (recurrent hidden layers)
 * </pre>
 * summed over the copies. At the end of the iteration, {@code W ← W + (η/B)·ΔW} for every matrix, then
 * {@code |w| ← w_tgt·(|w|/w_tgt)^λ} for every weight, sign kept, 0 stays 0 ({@link LogSpaceDecay}). Weights are not
 * clamped.
 * <p>
 * A membrane-readout output layer integrates without spiking: it drives nothing and takes no part in STDP, so it is
 * not simulated (its weights are still pulled). The input projection {@code W_0} is neither read (the input is
 * silent) nor changed by STDP (the input's trace and spikes are 0), so its {@code n} pulls are applied at the end of
 * the episode in their closed form {@code |w| ← w_tgt·(|w|/w_tgt)^(λⁿ)}.
 *
 * <h2>Cost and randomness</h2>
 * With the weights frozen in an iteration the copies' currents and the STDP sums are matrix products of the
 * {@code B × n} spike and trace matrices ({@link SgBlas#gemm}); products whose spike operand is all zero are
 * skipped. The noise dominates the cost: {@code B·n} Gaussian draws per spiking layer and step, drawn from the
 * run's sleep-noise generator in the order step, layer, copy, neuron ({@link GaussianDraws}: the generator's
 * {@code nextGaussian()} draws, in bulk), on a helper thread when the run takes a second one ({@link SgThreading},
 * {@link SgSleepNoiseAhead}: the same draws). The neurons' update is {@link Kernels#sgLeakyStep} (SIMD where
 * available, the same bits).
 */
final class SgSleep {
    private final SgNetwork net;
    private final SgSleepConfig cfg;
    private final LogSpaceDecay decay;
    private final int layers;
    private final int copies;
    private final int iterations;
    private final int stepsPerIteration;
    private final float traceDecay;
    /** Per layer, {@code [copy][neuron]} row-major; null for a non-spiking layer. */
    private final float[][] mem;
    private final float[][] trace;
    private final float[][] spikes;
    private final float[][] current;
    /** Per layer, the iteration's summed increments, {@code [post][pre]} like the weights; null where STDP is 0. */
    private final float[][] dw;
    private final float[][] dv;
    /** This step's standard normal draws of one layer, {@code [copy][neuron]} (the largest layer's size). */
    private final float[] xi;
    /** Spikes of each layer in the current step. */
    private final int[] stepSpikes;
    /** Spikes per layer in the last episode, summed over copies and steps. */
    final long[] spikeCounts;
    /** Whether the last episode's noise was drawn ahead on a helper thread ({@link SgSleepNoiseAhead}). */
    boolean drewAhead;
    private final Kernels kernels = Kernels.preferred();
    /** Whether an episode's noise may be drawn ahead on a second thread. */
    private final SgThreading threading = SgThreading.current();

    SgSleep(SgNetwork net, SgSleepConfig cfg, double dtMs) {
        this.net = net;
        this.cfg = cfg;
        this.decay = new LogSpaceDecay(cfg.lambda(), 0.0);
        this.layers = net.layers;
        this.copies = cfg.batchCopies();
        this.iterations = cfg.iterations();
        this.stepsPerIteration = cfg.stepsPerIteration();
        this.traceDecay = (float) Math.exp(-dtMs / cfg.tauMs());
        mem = new float[layers][];
        trace = new float[layers][];
        spikes = new float[layers][];
        current = new float[layers][];
        dw = new float[layers][];
        dv = new float[layers][];
        for (int l = 0; l < layers; l++) {
            if (!net.spiking(l)) {
                continue;
            }
            int h = net.sizes[l + 1];
            mem[l] = new float[copies * h];
            trace[l] = new float[copies * h];
            spikes[l] = new float[copies * h];
            current[l] = new float[copies * h];
            if (l > 0) {
                dw[l] = new float[net.w[l].length];
            }
            if (net.v[l] != null) {
                dv[l] = new float[net.v[l].length];
            }
        }
        int widest = 0;
        for (float[] m : mem) {
            widest = m == null ? widest : Math.max(widest, m.length);
        }
        xi = new float[widest];
        stepSpikes = new int[layers];
        spikeCounts = new long[layers];
    }

    /** Steps per iteration: a schedule's episode length is a multiple of it. */
    int stepsPerIteration() {
        return stepsPerIteration;
    }

    /** Simulated sleep steps per episode: {@code iterations × stepsPerIteration}. */
    int episodeSteps() {
        return iterations * stepsPerIteration;
    }

    /** Copies of the network state simulated side by side in an iteration. */
    int copies() {
        return copies;
    }

    /**
     * Runs one episode, changing the network's weights in place.
     *
     * @param noise       the run's sleep-noise stream
     * @param sampleEvery the weights' statistics go to {@code sampler} at the start, at the end and after each
     *                    iteration that completes a further {@code sampleEvery} steps; 0 for none
     * @param sampler     receives samples; may be null when {@code sampleEvery} is 0
     */
    void run(RandomGenerator noise, int sampleEvery, Sampler sampler) {
        run(noise, iterations, sampleEvery, sampler);
    }

    /**
     * Runs an episode of {@code count} iterations (a schedule's episode length over the steps per iteration)
     * instead of the configured number; otherwise as {@link #run(RandomGenerator, int, Sampler)}.
     */
    void run(RandomGenerator noise, int count, int sampleEvery, Sampler sampler) {
        long draws = noiseDraws(count);
        drewAhead = draws > 0 && threading.second();
        if (drewAhead) {
            try (SgSleepNoiseAhead drawn = new SgSleepNoiseAhead(noise, draws)) {
                episode(drawn::fill, count, sampleEvery, sampler);
            }
        } else {
            episode((out, from, to) -> GaussianDraws.fill(noise, out, from, to), count, sampleEvery, sampler);
        }
    }

    /** Where an episode's standard normal draws come from, in order. */
    private interface NoiseSource {
        /** {@code out[from..to)} = the next draws. */
        void fill(float[] out, int from, int to);
    }

    /**
     * The noise draws of an episode of {@code count} iterations: every step but an iteration's first, every
     * spiking layer, {@code copies × neurons} each; none without noise.
     */
    long noiseDraws(int count) {
        if ((float) cfg.membraneNoise() == 0f) {
            return 0;
        }
        long perStep = 0;
        for (float[] m : mem) {
            perStep += m == null ? 0 : m.length;
        }
        return (long) count * (stepsPerIteration - 1) * perStep;
    }

    private void episode(NoiseSource noise, int count, int sampleEvery, Sampler sampler) {
        Arrays.fill(spikeCounts, 0L);
        if (sampleEvery > 0) {
            sample(0, 0, count, sampler);
        }
        for (int it = 1; it <= count; it++) {
            iteration(noise);
            applyIncrementsAndPull();
            int end = it * stepsPerIteration;
            if (sampleEvery > 0 && it < count && end / sampleEvery > (end - stepsPerIteration) / sampleEvery) {
                sample(end, it, count, sampler);
            }
        }
        pullInputProjection(count);
        if (sampleEvery > 0) {
            sample(count * stepsPerIteration, count, count, sampler);
        }
    }

    /** One iteration: the copies from rest, weights frozen, increments summed into {@link #dw}/{@link #dv}. */
    private void iteration(NoiseSource noise) {
        for (int l = 0; l < layers; l++) {
            if (mem[l] != null) {
                Arrays.fill(mem[l], 0f);
                Arrays.fill(trace[l], 0f);
                Arrays.fill(spikes[l], 0f);
                stepSpikes[l] = 0;
            }
            if (dw[l] != null) {
                Arrays.fill(dw[l], 0f);
            }
            if (dv[l] != null) {
                Arrays.fill(dv[l], 0f);
            }
        }
        float sigma = (float) cfg.membraneNoise();
        float aPlus = (float) cfg.aPlus();
        float aMinus = (float) cfg.aMinus();
        for (int t = 0; t < stepsPerIteration; t++) {
            for (int l = 0; l < layers; l++) {
                if (mem[l] != null) {
                    advanceLayer(l, t > 0 ? sigma : 0f, noise);
                }
            }
            for (int l = 0; l < layers; l++) {
                if (mem[l] == null) {
                    continue;
                }
                float[] x = trace[l];
                float[] s = spikes[l];
                for (int i = 0; i < x.length; i++) {
                    x[i] = x[i] * traceDecay + s[i];
                }
                spikeCounts[l] += stepSpikes[l];
            }
            for (int l = 0; l < layers; l++) {
                if (dw[l] != null) {
                    accumulate(dw[l], net.sizes[l + 1], net.sizes[l], spikes[l], stepSpikes[l], trace[l],
                            spikes[l - 1], stepSpikes[l - 1], trace[l - 1], aPlus, aMinus);
                }
                if (dv[l] != null) {
                    accumulate(dv[l], net.sizes[l + 1], net.sizes[l + 1], spikes[l], stepSpikes[l], trace[l],
                            spikes[l], stepSpikes[l], trace[l], aPlus, aMinus);
                }
            }
        }
    }

    /** Advances spiking layer {@code l} of every copy by one step; {@code sigma} = 0 draws no noise. */
    private void advanceLayer(int l, float sigma, NoiseSource noise) {
        int post = net.sizes[l + 1];
        int pre = net.sizes[l];
        float[] cur = current[l];
        float[] bias = net.b[l];
        for (int b = 0, off = 0; b < copies; b++, off += post) {
            System.arraycopy(bias, 0, cur, off, post);
        }
        if (l > 0 && stepSpikes[l - 1] > 0) {
            SgBlas.gemm(false, true, copies, post, pre, 1f, spikes[l - 1], 0, pre, net.w[l], 0, pre,
                    1f, cur, 0, post);
        }
        // spikes[l] still holds s_l of the previous step here.
        if (net.v[l] != null && stepSpikes[l] > 0) {
            SgBlas.gemm(false, true, copies, post, post, 1f, spikes[l], 0, post, net.v[l], 0, post,
                    1f, cur, 0, post);
        }
        float[] m = mem[l];
        if (sigma != 0f) {
            noise.fill(xi, 0, m.length);
        }
        stepSpikes[l] = kernels.sgLeakyStep(m, spikes[l], cur, xi, sigma, net.beta, net.theta, m.length);
    }

    /**
     * {@code d += A₊·S_postᵀ·X_pre − A₋·X_postᵀ·S_pre} over the copies: {@code d} is {@code post × pre}, the spike and
     * trace matrices {@code copies × post} and {@code copies × pre}.
     */
    private void accumulate(float[] d, int post, int pre, float[] postSpikes, int nPost, float[] postTrace,
                            float[] preSpikes, int nPre, float[] preTrace, float aPlus, float aMinus) {
        if (nPost > 0) {
            SgBlas.gemm(true, false, post, pre, copies, aPlus, postSpikes, 0, post, preTrace, 0, pre, 1f, d, 0, pre);
        }
        if (nPre > 0) {
            SgBlas.gemm(true, false, post, pre, copies, -aMinus, postTrace, 0, post, preSpikes, 0, pre, 1f, d, 0, pre);
        }
    }

    /** End of an iteration: {@code W += (η/B)·ΔW}, then one pull of every weight except the input projection's. */
    private void applyIncrementsAndPull() {
        float scale = (float) (cfg.learningRate() / copies);
        for (int l = 0; l < layers; l++) {
            if (l > 0) {
                addAndPull(net.w[l], dw[l], scale);
            }
            if (net.v[l] != null) {
                addAndPull(net.v[l], dv[l], scale);
            }
        }
    }

    private void addAndPull(float[] w, float[] d, float scale) {
        float target = (float) cfg.target();
        for (int i = 0; i < w.length; i++) {
            float x = d == null ? w[i] : w[i] + scale * d[i];
            w[i] = decay.step(x, target, 0.0, null);
        }
    }

    /** The input projection's {@code n} pulls in one: {@code |w| ← w_tgt·(|w|/w_tgt)^(λⁿ)} ({@link LogSpaceDecay}). */
    private void pullInputProjection(int n) {
        float[] w = net.w[0];
        double lambdaN = decay.exponent(n);
        double target = cfg.target();
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) LogSpaceDecay.pull(w[i], target, lambdaN);
        }
    }

    /**
     * Statistics of every matrix after {@code done} of {@code count} iterations ({@code W_0}'s pending pulls
     * included).
     */
    private void sample(int step, int done, int count, Sampler sampler) {
        double lambdaN = decay.exponent(done);
        for (int l = 0; l < layers; l++) {
            float[] w = net.w[l];
            double sumAbs = 0;
            double sum = 0;
            for (float value : w) {
                double x = l == 0 && done > 0 && done < count
                        ? (float) LogSpaceDecay.pull(value, cfg.target(), lambdaN) : value;
                sumAbs += Math.abs(x);
                sum += x;
            }
            sampler.accept(step, "w_" + net.preName(l) + "_" + net.layerName(l), sumAbs, sum / w.length);
            if (net.v[l] != null) {
                String h = net.layerName(l);
                sumAbs = 0;
                sum = 0;
                for (float value : net.v[l]) {
                    sumAbs += Math.abs(value);
                    sum += value;
                }
                sampler.accept(step, "w_" + h + "_" + h, sumAbs, sum / net.v[l].length);
            }
        }
    }

    /** Receives weight statistics during an episode. */
    interface Sampler {
        void accept(int step, String projection, double totalAbs, double mean);
    }
}
