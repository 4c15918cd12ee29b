package io.somnus.sg;

import io.somnus.kernel.Kernels;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The SG-SNN's parameters, its preallocated activations for {@code T × batch} and its forward and backward (BPTT)
 * passes. Layers {@code l = 0 … L−1} ({@code L = depth + 1}; the last is the output layer) have widths
 * {@code n_{l+1}}; layer {@code l} reads {@code s_{l−1}} (for {@code l = 0}: the input {@code x}).
 *
 * <h2>Forward (snnTorch {@code Leaky}, reset by subtraction, reset delayed by one step)</h2>
 * <pre>
 *   I_l[t] = W_l·s_{l−1}[t] + b_l + V_l·s_l[t−1]                 (V_l only for recurrent hidden layers)
 *   U_l[t] = β·U_l[t−1] + I_l[t] − θ·s_l[t−1]
 *   s_l[t] = Θ(U_l[t] − θ)                                        (1 if U > θ, else 0)
 *   U_l[−1] = 0, s_l[−1] = 0 for every image.
 * </pre>
 * With {@link SgLoss#MEMBRANE} the output layer is a non-spiking integrator {@code U[t] = β·U[t−1] + I[t]} and
 * the logits are {@code (1/T)·Σ_t U[t]}; with {@link SgLoss#SPIKE_COUNT} the logits are {@code Σ_t s[t]}. The loss
 * is the cross-entropy of {@code softmax(logits)} averaged over the minibatch. With {@link SgLoss#PER_STEP_SPIKES}
 * the logits (for prediction) are the spike counts, but the loss is {@code Σ_t CE(s[t], y)}: the cross-entropy of
 * each step's output spikes, averaged over the minibatch, summed over the steps.
 *
 * <h2>Backward (BPTT through all steps)</h2>
 * With {@code δ_l[t] = ∂L/∂U_l[t]}, {@code δ_l[T] = 0} and {@code σ'} the surrogate derivative:
 * <pre>
 *   g_l[t] = ∂L/∂s_l[t] = W_{l+1}ᵀ·δ_{l+1}[t] + V_lᵀ·δ_l[t+1] (− θ·δ_l[t+1] unless the reset is detached)
 *            (output layer: ∂L/∂logits, times 1/T for the membrane readout; per-step loss: ∂L/∂s[t] = ∂CE_t/∂s[t])
 *   δ_l[t] = g_l[t]·σ'(U_l[t] − θ) + β·δ_l[t+1]       (membrane output: g_l[t] + β·δ_l[t+1])
 *   ∂L/∂W_l = Σ_t δ_l[t] ⊗ s_{l−1}[t],   ∂L/∂b_l = Σ_t δ_l[t],   ∂L/∂V_l = Σ_{t≥1} δ_l[t] ⊗ s_l[t−1]
 * </pre>
 * As in snnTorch the reset term is detached by default ({@link SgConfig#detachReset()}).
 *
 * <h2>Layout</h2>
 * Weights are flat row-major {@code [post][pre]} (PyTorch's {@code nn.Linear.weight}); activations are
 * {@code [t][b][unit]}, so that all steps of a layer form one matrix of {@code T·batch} rows and the input
 * projection, the gradient projection and the weight gradients are each one GEMM. Only the recurrent products
 * run per step. No array is allocated after construction.
 */
final class SgNetwork {
    final int[] sizes;
    final int layers;
    final int steps;
    final float beta;
    final float theta;
    final float slope;
    final SgSurrogate surrogate;
    final SgLoss loss;
    final boolean detachReset;
    final int maxBatch;

    /** Parameters: {@code w[l]} is {@code sizes[l+1] × sizes[l]}, {@code b[l]} has {@code sizes[l+1]}, {@code v[l]} is square or null. */
    final float[][] w;
    final float[][] b;
    final float[][] v;
    final float[][] gw;
    final float[][] gb;
    final float[][] gv;

    /** Membrane {@code U} (the current {@code I} until the time loop overwrites it), spikes, and gradients, per layer. */
    final float[][] u;
    final float[][] s;
    final float[][] g;
    /** Input {@code [T][batch][inputs]} (for time-invariant encodings only {@code t = 0}). */
    final float[] input;
    private final float[] current0;
    private final float[] deltaSum0;
    private final float[] zeros;
    private final double[] biasGrad;
    final float[] logits;
    private final double[] dlogits;
    /** The membrane update's inner loop (SIMD where available, the same bits). */
    private final Kernels kernels = Kernels.preferred();
    /** Whether a second thread takes halves of large products and wide layers, and one of two independent products. */
    private final SgThreading threading = SgThreading.current();

    SgNetwork(SgConfig cfg, RandomGenerator initRng) {
        this(cfg, cfg.batchSize(), initRng);
    }

    SgNetwork(SgConfig cfg, int maxBatch, RandomGenerator initRng) {
        this.sizes = cfg.layerSizes();
        this.layers = sizes.length - 1;
        this.steps = cfg.steps();
        this.beta = (float) cfg.beta();
        this.theta = (float) cfg.threshold();
        this.slope = (float) cfg.surrogateSlope();
        this.surrogate = cfg.surrogate();
        this.loss = cfg.loss();
        this.detachReset = cfg.detachReset();
        this.maxBatch = maxBatch;
        w = new float[layers][];
        b = new float[layers][];
        v = new float[layers][];
        gw = new float[layers][];
        gb = new float[layers][];
        gv = new float[layers][];
        u = new float[layers][];
        s = new float[layers][];
        g = new float[layers][];
        int rowsMax = steps * maxBatch;
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            int pre = sizes[l];
            int post = sizes[l + 1];
            widest = Math.max(widest, post);
            // PyTorch nn.Linear: weight and bias ~ U(−1/√fan_in, 1/√fan_in).
            w[l] = uniform(post * pre, 1.0 / Math.sqrt(pre), initRng);
            b[l] = uniform(post, 1.0 / Math.sqrt(pre), initRng);
            gw[l] = new float[post * pre];
            gb[l] = new float[post];
            u[l] = new float[rowsMax * post];
            g[l] = new float[rowsMax * post];
            if (spiking(l)) {
                s[l] = new float[rowsMax * post];
            }
        }
        for (int l = 0; l < layers - 1; l++) {
            if (cfg.recurrent()) {
                // nn.Linear(H, H, bias=False): the hidden bias b_l already covers a recurrent bias.
                v[l] = uniform(sizes[l + 1] * sizes[l + 1], 1.0 / Math.sqrt(sizes[l + 1]), initRng);
                gv[l] = new float[sizes[l + 1] * sizes[l + 1]];
            }
        }
        input = new float[rowsMax * sizes[0]];
        current0 = new float[maxBatch * sizes[1]];
        deltaSum0 = new float[maxBatch * sizes[1]];
        biasGrad = new double[widest];
        zeros = new float[widest];
        logits = new float[maxBatch * sizes[layers]];
        dlogits = new double[(loss == SgLoss.PER_STEP_SPIKES ? steps : 1) * maxBatch * sizes[layers]];
    }

    private static float[] uniform(int n, double bound, RandomGenerator rng) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((2.0 * rng.nextDouble() - 1.0) * bound);
        }
        return a;
    }

    /** Whether layer {@code l} emits spikes (all hidden layers; the output layer unless the readout is the membrane). */
    boolean spiking(int l) {
        return l < layers - 1 || loss.spikingOutput();
    }

    int outputs() {
        return sizes[layers];
    }

    /**
     * Runs all {@code T} steps of every layer on {@link #input} for {@code batch} images and fills {@link #logits}.
     *
     * @param timeInvariant whether {@link #input} holds only {@code t = 0} and is the same at every step
     */
    void forward(int batch, boolean timeInvariant) {
        assert batch >= 1 && batch <= maxBatch : "batch " + batch + " outside [1, " + maxBatch + "]";
        int rows = steps * batch;
        boolean second = threading.second();
        for (int l = 0; l < layers; l++) {
            int pre = sizes[l];
            int post = sizes[l + 1];
            int bh = batch * post;
            float[] mem = u[l];
            float[] spk = s[l];
            float[] bias = b[l];
            float[] rec = v[l];
            boolean invariant = l == 0 && timeInvariant;
            boolean spiking = spiking(l);
            if (invariant) {
                // c0 = W·x + b once: the input current is the same at every step.
                SgBlas.gemmInHalves(second, false, true, batch, post, pre, 1f, input, 0, pre, w[l], 0, pre, 0f,
                        current0, 0, post);
                for (int r = 0; r < batch; r++) {
                    for (int h = 0, q = r * post; h < post; h++) {
                        current0[q + h] += bias[h];
                    }
                }
            } else {
                float[] in = l == 0 ? input : s[l - 1];
                SgBlas.gemmInHalves(second, false, true, rows, post, pre, 1f, in, 0, pre, w[l], 0, pre, 0f, mem, 0,
                        post);
            }
            if (rec == null) {
                // No recurrence: each unit's T steps depend on that unit alone, so two threads can take halves.
                int half = splitPoint(post);
                if (half < post && second) {
                    int layer = l;
                    SgThreads.both(true, () -> timeLoop(layer, batch, invariant, spiking, 0, half),
                            () -> timeLoop(layer, batch, invariant, spiking, half, post));
                } else {
                    timeLoop(l, batch, invariant, spiking, 0, post);
                }
                continue;
            }
            for (int t = 0; t < steps; t++) {
                int off = t * bh;
                if (invariant) {
                    System.arraycopy(current0, 0, mem, off, bh);
                }
                if (t > 0) {
                    SgBlas.gemmInHalves(second, false, true, batch, post, post, 1f, spk, off - bh, post, rec, 0, post,
                            1f, mem, off, post);
                }
                float[] addBias = invariant ? zeros : bias;
                for (int r = 0; r < batch; r++) {
                    int o = off + r * post;
                    step(mem, spk, o, o - bh, t == 0, mem, o, addBias, 0, post, spiking);
                }
            }
        }
        computeLogits(batch);
    }

    /** Layers narrower than this run on one thread: halves of them are not worth a hand-over. */
    static final int SPLIT_MIN = 512;

    /** Where {@code n} units split into two halves (a multiple of 16, for whole SIMD vectors); {@code n} for none. */
    static int splitPoint(int n) {
        return n < SPLIT_MIN ? n : (n / 2 + 15) / 16 * 16;
    }

    /**
     * The T steps of a non-recurrent layer's units {@code [from, to)} for every image of the batch, after its input
     * current is in {@link #u} (or, time-invariant, in {@link #current0} with the bias).
     */
    private void timeLoop(int l, int batch, boolean invariant, boolean spiking, int from, int to) {
        int post = sizes[l + 1];
        int bh = batch * post;
        float[] mem = u[l];
        float[] add = invariant ? current0 : mem;
        float[] bias = invariant ? zeros : b[l];
        for (int t = 0; t < steps; t++) {
            int off = t * bh;
            for (int r = 0; r < batch; r++) {
                int o = off + r * post + from;
                int a = (invariant ? r * post : off + r * post) + from;
                step(mem, s[l], o, o - bh, t == 0, add, a, bias, from, to - from, spiking);
            }
        }
    }

    /**
     * Units {@code [0, n)} of one row of the membrane update: {@code U[o+h] = add[a+h] + bias[c+h] + β·U[p+h] −
     * θ·S[p+h]} (no leak or reset terms at t = 0, no reset for a non-spiking layer), then
     * {@code S[o+h] = Θ(U[o+h] − θ)}.
     */
    private void step(float[] mem, float[] spk, int o, int p, boolean first, float[] add, int a, float[] bias, int c,
                      int n, boolean spiking) {
        kernels.sgIntegrate(mem, o, p, add, a, bias, c, spiking ? spk : null, first, beta, theta, n);
        if (spiking) {
            kernels.sgThreshold(mem, spk, o, theta, n);
        }
    }

    private void computeLogits(int batch) {
        int out = layers - 1;
        int k = sizes[layers];
        int n = batch * k;
        float[] src = loss.spikingOutput() ? s[out] : u[out];
        Arrays.fill(logits, 0, n, 0f);
        for (int t = 0; t < steps; t++) {
            int off = t * n;
            for (int i = 0; i < n; i++) {
                logits[i] += src[off + i];
            }
        }
        if (loss == SgLoss.MEMBRANE) {
            float inv = 1f / steps;
            for (int i = 0; i < n; i++) {
                logits[i] *= inv;
            }
        }
    }

    /**
     * The loss of the last {@link #forward} against {@code labels[0..batch)}, and (into the private buffer) its
     * gradient with respect to the logits: the mean cross-entropy of the current {@link #logits}, or for
     * {@link SgLoss#PER_STEP_SPIKES} the sum over steps of the mean cross-entropy of each step's output spikes (the
     * gradient then per step, {@code [t][b][class]} like the spikes).
     */
    double crossEntropy(int batch, int[] labels) {
        if (loss != SgLoss.PER_STEP_SPIKES) {
            return crossEntropy(logits, 0, batch, labels, 0) / batch;
        }
        int n = batch * sizes[layers];
        float[] spk = s[layers - 1];
        double total = 0;
        for (int t = 0; t < steps; t++) {
            total += crossEntropy(spk, t * n, batch, labels, t * n);
        }
        return total / batch;
    }

    /**
     * Σ_r CE of the rows {@code z[from + r·k ..]} (r < batch) against {@code labels[r]}; writes
     * {@code (softmax − onehot)/batch} to {@code dlogits[to + r·k ..]}.
     */
    private double crossEntropy(float[] z, int from, int batch, int[] labels, int to) {
        int k = sizes[layers];
        double total = 0;
        for (int r = 0; r < batch; r++) {
            int o = from + r * k;
            int d = to + r * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double e = Math.exp(z[o + c] - max);
                dlogits[d + c] = e;
                sum += e;
            }
            int y = labels[r];
            total += Math.log(sum) + max - z[o + y];
            for (int c = 0; c < k; c++) {
                dlogits[d + c] = (dlogits[d + c] / sum - (c == y ? 1.0 : 0.0)) / batch;
            }
        }
        return total;
    }

    /** Forward, loss and backward for one minibatch; leaves the gradients in {@link #gw}, {@link #gb}, {@link #gv}. */
    double lossAndGradients(int batch, boolean timeInvariant, int[] labels) {
        forward(batch, timeInvariant);
        double lossValue = crossEntropy(batch, labels);
        backward(batch, timeInvariant);
        return lossValue;
    }

    /** BPTT from the logit gradient left by {@link #crossEntropy}. */
    void backward(int batch, boolean timeInvariant) {
        int rows = steps * batch;
        boolean second = threading.second();
        for (int l = layers - 1; l >= 0; l--) {
            int layer = l;
            int post = sizes[l + 1];
            int bh = batch * post;
            float[] grad = g[l];
            float[] mem = u[l];
            float[] rec = v[l];
            boolean spiking = spiking(l);
            if (l == layers - 1) {
                float scale = loss == SgLoss.MEMBRANE ? 1f / steps : 1f;
                boolean perStep = loss == SgLoss.PER_STEP_SPIKES;
                for (int t = 0; t < steps; t++) {
                    int off = t * bh;
                    int from = perStep ? off : 0;
                    for (int i = 0; i < bh; i++) {
                        grad[off + i] = (float) dlogits[from + i] * scale;
                    }
                }
            }
            // grad holds g_l[t] for every t (the loss or the layer above); turn it into δ_l[t], t descending, and
            // sum the bias gradient (and, for a time-invariant input, Σ_t δ) while each step is still in cache.
            boolean invariant = l == 0 && timeInvariant;
            Arrays.fill(biasGrad, 0, post, 0.0);
            if (rec == null) {
                // Each unit's δ depends on that unit alone: two threads can take halves (each sum in its order).
                int half = splitPoint(post);
                if (half < post && second) {
                    SgThreads.both(true, () -> deltaLoop(layer, batch, invariant, 0, half),
                            () -> deltaLoop(layer, batch, invariant, half, post));
                } else {
                    deltaLoop(layer, batch, invariant, 0, post);
                }
            } else {
                float resetCoef = detachReset ? 0f : theta;
                for (int t = steps - 1; t >= 0; t--) {
                    int off = t * bh;
                    int next = t == steps - 1 ? -1 : off + bh;
                    if (next >= 0) {
                        SgBlas.gemmInHalves(second, false, false, batch, post, post, 1f, grad, next, post, rec, 0,
                                post, 1f, grad, off, post);
                    }
                    stepBack(grad, mem, off, next, bh, 1, bh, spiking, resetCoef);
                    for (int r = 0; r < batch; r++) {
                        sumInto(biasGrad, 0, grad, off + r * post, post, invariant, r * post, next < 0);
                    }
                }
            }
            for (int h = 0; h < post; h++) {
                gb[l][h] = (float) biasGrad[h];
            }
            if (l > 0) {
                // the weight gradients and the gradient passed down read δ and write different arrays: side by side,
                // each product's halves one after the other
                SgThreads.both(second, () -> weightGradients(layer, batch, invariant, false),
                        () -> SgBlas.gemmInHalves(false, false, false, rows, sizes[layer], post, 1f, grad, 0, post,
                                w[layer], 0, sizes[layer], 0f, g[layer - 1], 0, sizes[layer]));
            } else {
                weightGradients(0, batch, invariant, second);
            }
        }
    }

    /**
     * {@code gw_l} (and {@code gv_l}) from δ_l, after {@link #backward}'s time loop; each product's second half on a
     * second thread when {@code second}.
     */
    private void weightGradients(int l, int batch, boolean invariant, boolean second) {
        int pre = sizes[l];
        int post = sizes[l + 1];
        int rows = steps * batch;
        float[] grad = g[l];
        if (invariant) {
            SgBlas.gemmInHalves(second, true, false, post, pre, batch, 1f, deltaSum0, 0, post, input, 0, pre, 0f,
                    gw[l], 0, pre);
        } else {
            float[] in = l == 0 ? input : s[l - 1];
            SgBlas.gemmInHalves(second, true, false, post, pre, rows, 1f, grad, 0, post, in, 0, pre, 0f, gw[l], 0,
                    pre);
        }
        if (v[l] != null) {
            SgBlas.gemmInHalves(second, true, false, post, post, rows - batch, 1f, grad, batch * post, post, s[l], 0,
                    post, 0f, gv[l], 0, post);
        }
    }

    /**
     * {@link #backward}'s time loop of a non-recurrent layer over its units {@code [from, to)}: δ at every step (t
     * descending), the bias gradient and, time-invariant, Σ_t δ of those units.
     */
    private void deltaLoop(int l, int batch, boolean invariant, int from, int to) {
        int post = sizes[l + 1];
        int bh = batch * post;
        float[] grad = g[l];
        float[] mem = u[l];
        boolean spiking = spiking(l);
        float resetCoef = detachReset ? 0f : theta;
        int n = to - from;
        boolean whole = n == post; // then the rows of a step are one contiguous run
        for (int t = steps - 1; t >= 0; t--) {
            boolean last = t == steps - 1;
            int o = t * bh + from;
            stepBack(grad, mem, o, last ? -1 : o + bh, whole ? bh : n, whole ? 1 : batch, post, spiking, resetCoef);
            for (int r = 0; r < batch; r++) {
                sumInto(biasGrad, from, grad, o + r * post, n, invariant, r * post + from, last);
            }
        }
    }

    /**
     * δ of {@code n} units at {@code grad[o..]} from g there and δ one step later at {@code next} (−1: none), for
     * {@code rows} rows {@code stride} apart.
     */
    private void stepBack(float[] grad, float[] mem, int o, int next, int n, int rows, int stride, boolean spiking,
                          float resetCoef) {
        if (spiking) {
            surrogate.delta(grad, mem, o, next, n, rows, stride, theta, slope, beta, resetCoef);
        } else if (next >= 0) {
            for (int r = 0; r < rows; r++) {
                for (int i = r * stride, end = i + n; i < end; i++) {
                    grad[o + i] = Kernels.flushSubnormal(grad[o + i] + beta * grad[next + i]);
                }
            }
        }
    }

    /**
     * {@code biasGrad[c+h] += δ[o+h]} for h in [0, n), and for a time-invariant input {@code Σδ[q+h]} too (set at
     * the last step, {@code first}, added at the others).
     */
    private void sumInto(double[] biasGrad, int c, float[] grad, int o, int n, boolean invariant, int q, boolean first) {
        kernels.accumulate(biasGrad, c, grad, o, n);
        if (invariant) {
            if (first) {
                System.arraycopy(grad, o, deltaSum0, q, n);
            } else {
                for (int i = 0; i < n; i++) {
                    deltaSum0[q + i] += grad[o + i];
                }
            }
        }
    }

    /** Writes the predicted class of each of the {@code batch} images of the last {@link #forward} into {@code out}. */
    void predict(int batch, int[] out) {
        int k = sizes[layers];
        for (int r = 0; r < batch; r++) {
            int o = r * k;
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (logits[o + c] > logits[o + best]) {
                    best = c;
                }
            }
            out[r] = best;
        }
    }

    /** Adds the number of spikes of each layer in the last {@link #forward} to {@code counts[l]}. */
    void countSpikes(int batch, long[] counts) {
        for (int l = 0; l < layers; l++) {
            if (!spiking(l)) {
                continue;
            }
            float[] spk = s[l];
            int n = steps * batch * sizes[l + 1];
            long c = 0;
            for (int i = 0; i < n; i++) {
                c += (long) spk[i];
            }
            counts[l] += c;
        }
    }

    /** Name of layer {@code l}'s population: {@code h} (or {@code h1 … hD} when deeper than one), {@code out}. */
    String layerName(int l) {
        if (l == layers - 1) {
            return "out";
        }
        return layers == 2 ? "h" : "h" + (l + 1);
    }

    /** Name of the population feeding layer {@code l}: {@code in} for {@code l = 0}. */
    String preName(int l) {
        return l == 0 ? "in" : layerName(l - 1);
    }

    /**
     * The firing rate of each spiking layer in Hz, by name: {@code spikes[l]} spikes in {@code stepsPerNeuron} steps of
     * {@code dtMs} per neuron of the layer (steps × batch copies while asleep, images × T when evaluated).
     */
    Map<String, Double> firingRatesHz(long[] spikes, double stepsPerNeuron, double dtMs) {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int l = 0; l < layers; l++) {
            if (spiking(l)) {
                rates.put(layerName(l), spikes[l] / (stepsPerNeuron * sizes[l + 1]) * 1000.0 / dtMs);
            }
        }
        return rates;
    }

    /** Every parameter array, in a fixed order (w, b per layer, then recurrent v). */
    float[][] parameters() {
        return collect(w, b, v);
    }

    /** Copies {@code values} (aligned with {@link #parameters()}) into the network's parameters. */
    void setParameters(float[][] values) {
        float[][] params = parameters();
        for (int i = 0; i < params.length; i++) {
            System.arraycopy(values[i], 0, params[i], 0, params[i].length);
        }
    }

    /** Every gradient array, aligned with {@link #parameters()}. */
    float[][] gradients() {
        return collect(gw, gb, gv);
    }

    private float[][] collect(float[][] ws, float[][] bs, float[][] vs) {
        int n = 2 * layers;
        for (float[] a : vs) {
            if (a != null) {
                n++;
            }
        }
        float[][] out = new float[n][];
        int i = 0;
        for (int l = 0; l < layers; l++) {
            out[i++] = ws[l];
            out[i++] = bs[l];
        }
        for (float[] a : vs) {
            if (a != null) {
                out[i++] = a;
            }
        }
        return out;
    }
}
