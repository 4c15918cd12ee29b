package io.somnus.sg;

import java.util.Arrays;

/**
 * A double-precision reference of the SG-SNN written independently of {@link SgNetwork}: one image at a time,
 * plain loops, no BLAS, the BPTT recursion unrolled over (t descending, layer descending). Used by the tests:
 * its backward pass is checked against finite differences, and the production network against it.
 *
 * <p>Two forward modes: {@link Spike#HEAVISIDE} is the real network ({@code s = Θ(U − θ)}); {@link Spike#SMOOTH}
 * replaces Θ by the surrogate's primitive, so that the loss is differentiable and its exact derivative is what the
 * backward pass computes with {@code σ'}. A detached reset is made differentiable-consistent by freezing the reset
 * signal: the forward can take the values {@code s_l[t−1]} used in the reset term from an earlier run
 * ({@code frozenReset}) instead of from the current one, so that they are constants for the finite differences,
 * exactly as the detached backward treats them.
 */
final class SgReferenceModel {
    enum Spike { HEAVISIDE, SMOOTH }

    final int[] sizes;
    final int layers;
    final int steps;
    final double beta;
    final double theta;
    final double slope;
    final SgSurrogate surrogate;
    final SgLoss loss;
    final boolean detachReset;
    /** Parameters, same layout as {@link SgNetwork}: {@code w[l][post*pre]}, {@code b[l][post]}, {@code v[l][post*post]} or null. */
    final double[][] w;
    final double[][] b;
    final double[][] v;

    /** Recorded by the last {@link #loss}: {@code [l][image][t][unit]}. */
    double[][][][] mem;
    double[][][][] spk;

    SgReferenceModel(SgConfig cfg) {
        sizes = cfg.layerSizes();
        layers = sizes.length - 1;
        steps = cfg.steps();
        beta = cfg.beta();
        theta = cfg.threshold();
        slope = cfg.surrogateSlope();
        surrogate = cfg.surrogate();
        loss = cfg.loss();
        detachReset = cfg.detachReset();
        w = new double[layers][];
        b = new double[layers][];
        v = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[sizes[l + 1] * sizes[l]];
            b[l] = new double[sizes[l + 1]];
            if (cfg.recurrent() && l < layers - 1) {
                v[l] = new double[sizes[l + 1] * sizes[l + 1]];
            }
        }
    }

    boolean spiking(int l) {
        return l < layers - 1 || loss.spikingOutput();
    }

    /** Copies the parameters of a production network. */
    void copyFrom(SgNetwork net) {
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = net.w[l][i];
            }
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = net.b[l][i];
            }
            if (v[l] != null) {
                for (int i = 0; i < v[l].length; i++) {
                    v[l][i] = net.v[l][i];
                }
            }
        }
    }

    /** All parameter arrays in {@link SgNetwork#parameters()} order. */
    double[][] parameters() {
        return inParameterOrder(w, b, v);
    }

    /** Per-layer weight, bias and recurrent arrays in {@link SgNetwork#parameters()} order (w₀, b₀, w₁, b₁, …, V…). */
    private static double[][] inParameterOrder(double[][] w, double[][] b, double[][] v) {
        int n = 2 * w.length;
        for (double[] a : v) {
            if (a != null) {
                n++;
            }
        }
        double[][] out = new double[n][];
        int i = 0;
        for (int l = 0; l < w.length; l++) {
            out[i++] = w[l];
            out[i++] = b[l];
        }
        for (double[] a : v) {
            if (a != null) {
                out[i++] = a;
            }
        }
        return out;
    }

    /**
     * Mean cross-entropy over the images of {@code x[t][image][input]}.
     *
     * @param frozenReset if not null, {@code [l][image][t][unit]} spike values whose {@code t−1} entry is used in
     *                    the reset term instead of the current run's
     */
    double loss(double[][][] x, int[] labels, Spike mode, double[][][][] frozenReset) {
        int images = labels.length;
        mem = new double[layers][images][steps][];
        spk = new double[layers][images][steps][];
        double total = 0;
        for (int n = 0; n < images; n++) {
            for (int l = 0; l < layers; l++) {
                int post = sizes[l + 1];
                int pre = sizes[l];
                for (int t = 0; t < steps; t++) {
                    double[] in = l == 0 ? x[t][n] : spk[l - 1][n][t];
                    double[] um = new double[post];
                    double[] sp = new double[post];
                    for (int h = 0; h < post; h++) {
                        double cur = b[l][h];
                        for (int j = 0; j < pre; j++) {
                            cur += w[l][h * pre + j] * in[j];
                        }
                        if (v[l] != null && t > 0) {
                            for (int j = 0; j < post; j++) {
                                cur += v[l][h * post + j] * spk[l][n][t - 1][j];
                            }
                        }
                        double u = cur;
                        if (t > 0) {
                            u += beta * mem[l][n][t - 1][h];
                            if (spiking(l)) {
                                double r = frozenReset != null ? frozenReset[l][n][t - 1][h] : spk[l][n][t - 1][h];
                                u -= theta * r;
                            }
                        }
                        um[h] = u;
                        if (spiking(l)) {
                            sp[h] = mode == Spike.HEAVISIDE ? (u > theta ? 1 : 0) : surrogate.primitive(u - theta, slope);
                        }
                    }
                    mem[l][n][t] = um;
                    spk[l][n][t] = sp;
                }
            }
            if (loss == SgLoss.PER_STEP_SPIKES) {
                for (int t = 0; t < steps; t++) {
                    total += crossEntropy(spk[layers - 1][n][t], labels[n]);
                }
            } else {
                total += crossEntropy(logits(n), labels[n]);
            }
        }
        return total / images;
    }

    private double[] logits(int n) {
        int out = layers - 1;
        int k = sizes[layers];
        double[] z = new double[k];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < k; c++) {
                z[c] += loss.spikingOutput() ? spk[out][n][t][c] : mem[out][n][t][c] / steps;
            }
        }
        return z;
    }

    /** {@code (softmax(z) − onehot(y)) / images}: the gradient of one image's cross-entropy in the mean loss. */
    private static double[] crossEntropyGradient(double[] z, int y, int images) {
        double max = Double.NEGATIVE_INFINITY;
        for (double a : z) {
            max = Math.max(max, a);
        }
        double sum = 0;
        for (double a : z) {
            sum += Math.exp(a - max);
        }
        double[] dz = new double[z.length];
        for (int c = 0; c < z.length; c++) {
            dz[c] = (Math.exp(z[c] - max) / sum - (c == y ? 1 : 0)) / images;
        }
        return dz;
    }

    /** ∂L/∂(output) at step t for image n: the logit gradient, or for the per-step loss that of step t's spikes. */
    private double[][] outputGradients(int n, int[] labels) {
        double[][] d = new double[steps][];
        if (loss == SgLoss.PER_STEP_SPIKES) {
            for (int t = 0; t < steps; t++) {
                d[t] = crossEntropyGradient(spk[layers - 1][n][t], labels[n], labels.length);
            }
        } else {
            double[] dz = crossEntropyGradient(logits(n), labels[n], labels.length);
            if (loss == SgLoss.MEMBRANE) {
                for (int c = 0; c < dz.length; c++) {
                    dz[c] /= steps;
                }
            }
            Arrays.fill(d, dz);
        }
        return d;
    }

    private static double crossEntropy(double[] z, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double a : z) {
            max = Math.max(max, a);
        }
        double sum = 0;
        for (double a : z) {
            sum += Math.exp(a - max);
        }
        return Math.log(sum) + max - z[y];
    }

    /**
     * Gradients of the mean loss, by BPTT with {@code σ'} for {@code dS/dU}, at the state recorded by the last
     * {@link #loss} call; returned in {@link #parameters()} order.
     */
    double[][] gradients(double[][][] x, int[] labels) {
        int images = labels.length;
        double[][] gW = new double[layers][];
        double[][] gB = new double[layers][];
        double[][] gV = new double[layers][];
        for (int l = 0; l < layers; l++) {
            gW[l] = new double[w[l].length];
            gB[l] = new double[b[l].length];
            gV[l] = v[l] == null ? null : new double[v[l].length];
        }
        int out = layers - 1;
        for (int n = 0; n < images; n++) {
            double[][] dOut = outputGradients(n, labels);
            // dU[l][t][h] = ∂L/∂U_l[t]; filled for t descending, and within a step for layers descending.
            double[][][] dU = new double[layers][steps][];
            for (int t = steps - 1; t >= 0; t--) {
                for (int l = layers - 1; l >= 0; l--) {
                    int post = sizes[l + 1];
                    double[] d = new double[post];
                    for (int h = 0; h < post; h++) {
                        double dS;
                        if (l == out) {
                            dS = dOut[t][h];
                        } else {
                            dS = 0;
                            int above = sizes[l + 2];
                            for (int i = 0; i < above; i++) {
                                dS += dU[l + 1][t][i] * w[l + 1][i * post + h];
                            }
                        }
                        if (t < steps - 1) {
                            if (v[l] != null) {
                                for (int i = 0; i < post; i++) {
                                    dS += dU[l][t + 1][i] * v[l][i * post + h];
                                }
                            }
                            if (spiking(l) && !detachReset) {
                                dS -= theta * dU[l][t + 1][h];
                            }
                        }
                        double du = spiking(l) ? dS * surrogate.derivative(mem[l][n][t][h] - theta, slope) : dS;
                        if (t < steps - 1) {
                            du += beta * dU[l][t + 1][h];
                        }
                        d[h] = du;
                    }
                    dU[l][t] = d;
                }
            }
            for (int l = 0; l < layers; l++) {
                int post = sizes[l + 1];
                int pre = sizes[l];
                for (int t = 0; t < steps; t++) {
                    double[] in = l == 0 ? x[t][n] : spk[l - 1][n][t];
                    for (int h = 0; h < post; h++) {
                        double d = dU[l][t][h];
                        gB[l][h] += d;
                        for (int j = 0; j < pre; j++) {
                            gW[l][h * pre + j] += d * in[j];
                        }
                        if (gV[l] != null && t > 0) {
                            for (int j = 0; j < post; j++) {
                                gV[l][h * post + j] += d * spk[l][n][t - 1][j];
                            }
                        }
                    }
                }
            }
        }
        return inParameterOrder(gW, gB, gV);
    }

    /** Unit roundoff of float32 (round to nearest): a float operation's relative error is at most this. */
    static final double U_FLOAT = 0x1p-24;

    /** Higham's γ_n = n·u/(1 − n·u): the relative error bound of a float sum or dot product of n terms (|err| ≤ γ_n·Σ|a||b|). */
    static double gamma(int n) {
        return n * U_FLOAT / (1 - n * U_FLOAT);
    }

    /**
     * Worst-case float32 error bounds of {@link SgNetwork} (float arithmetic, BLAS sums in any order) relative to this
     * double reference, from standard rounding-error analysis, for the state recorded by the last
     * {@link #loss} call in {@link Spike#HEAVISIDE} mode. Any correct float implementation, whatever its summation
     * order or kernel (OpenBLAS on any core type, netlib's Java BLAS at any vector width), stays within them, provided
     * the spikes agree, which {@link #memErr} lets a test check: a membrane further than its bound from θ cannot spike
     * differently.
     *
     * @param memErr  [l][image][t][unit]: |U_float − U| ≤ memErr. A GEMM of inner dimension k adds at most
     *                γ_k·Σ|w||in| (any summation order); the leak, bias, reset and recurrence add γ_(pre+post+4) of
     *                the magnitudes; the error of the previous step carries over times β.
     * @param lossErr |L_float − L|: the cross-entropy moves by at most 2·max_c |Δz_c| (its logit gradient p − y has
     *                1-norm ≤ 2); spike-count logits are exact, membrane logits carry the mean membrane error.
     * @param gradErr the gradients' bounds, in {@link #parameters()} order: the BPTT recursion run on magnitudes (M:
     *                every term in absolute value) and on errors (E: rounding γ·M of every sum, propagated through
     *                the same linear maps in absolute value, plus σ' evaluated at a membrane off by memErr, plus
     *                float σ' evaluation: relative 16u, and for the logistic sigmoid an absolute k·u from 1 − s).
     */
    record FloatBounds(double[][][][] memErr, double lossErr, double[][] gradErr) {
    }

    FloatBounds floatErrorBounds(double[][][] x, int[] labels) {
        int images = labels.length;
        double u = U_FLOAT;
        double[][][][] e = new double[layers][images][steps][];
        for (int n = 0; n < images; n++) {
            for (int l = 0; l < layers; l++) {
                int post = sizes[l + 1];
                int pre = sizes[l];
                double g = gamma(pre + post + 4);
                for (int t = 0; t < steps; t++) {
                    double[] in = l == 0 ? x[t][n] : spk[l - 1][n][t];
                    double[] er = new double[post];
                    for (int h = 0; h < post; h++) {
                        double mag = Math.abs(b[l][h]);
                        for (int j = 0; j < pre; j++) {
                            mag += Math.abs(w[l][h * pre + j] * in[j]);
                        }
                        double carried = 0;
                        if (t > 0) {
                            if (v[l] != null) {
                                for (int j = 0; j < post; j++) {
                                    mag += Math.abs(v[l][h * post + j] * spk[l][n][t - 1][j]);
                                }
                            }
                            double prevErr = e[l][n][t - 1][h];
                            mag += beta * (Math.abs(mem[l][n][t - 1][h]) + prevErr) + theta * spk[l][n][t - 1][h];
                            carried = beta * prevErr;
                        }
                        er[h] = carried + g * mag;
                    }
                    e[l][n][t] = er;
                }
            }
        }
        int out = layers - 1;
        int k = sizes[layers];
        double lossErr = 0;
        // dz[n][t]: the loss gradient at the output at step t (the same array at every step but for the per-step loss)
        double[][][] dzErr = new double[images][steps][];
        double[][][] dz = new double[images][steps][];
        boolean perStep = loss == SgLoss.PER_STEP_SPIKES;
        for (int n = 0; n < images; n++) {
            for (int t0 = 0; t0 < (perStep ? steps : 1); t0++) {
                // spike logits (counts or one step's spikes) are exact; only the membrane readout carries an error
                double[] z = perStep ? spk[out][n][t0] : logits(n);
                double zErr = 0;
                if (loss == SgLoss.MEMBRANE) {
                    for (int c = 0; c < k; c++) {
                        double sumErr = 0;
                        double sumAbs = 0;
                        for (int t = 0; t < steps; t++) {
                            sumErr += e[out][n][t][c];
                            sumAbs += Math.abs(mem[out][n][t][c]);
                        }
                        zErr = Math.max(zErr, (sumErr + gamma(steps + 1) * sumAbs) / steps);
                    }
                }
                double max = Double.NEGATIVE_INFINITY;
                double absMax = 0;
                for (double a : z) {
                    max = Math.max(max, a);
                    absMax = Math.max(absMax, Math.abs(a));
                }
                double sum = 0;
                for (double a : z) {
                    sum += Math.exp(a - max);
                }
                // the loss itself is evaluated in double from the float logits: 64 ulps of its terms cover that
                lossErr += (2 * zErr + 64 * Math.ulp(Math.log(sum) + 2 * absMax)) / images;
                double[] g = new double[k];
                double[] gErr = new double[k];
                for (int c = 0; c < k; c++) {
                    double p = Math.exp(z[c] - max) / sum;
                    g[c] = (p - (c == labels[n] ? 1 : 0)) / images;
                    // |Δp_c| ≤ p_c (|Δz_c| + Σ_j p_j |Δz_j|) ≤ 2 zErr; the cast to float and the scale 1/T round once each
                    gErr[c] = 2 * zErr / images + 2 * u * Math.abs(g[c]);
                }
                if (perStep) {
                    dz[n][t0] = g;
                    dzErr[n][t0] = gErr;
                } else {
                    Arrays.fill(dz[n], g);
                    Arrays.fill(dzErr[n], gErr);
                }
            }
        }

        double[][] mW = new double[layers][];
        double[][] eW = new double[layers][];
        double[][] mB = new double[layers][];
        double[][] eB = new double[layers][];
        double[][] mV = new double[layers][];
        double[][] eV = new double[layers][];
        for (int l = 0; l < layers; l++) {
            mW[l] = new double[w[l].length];
            eW[l] = new double[w[l].length];
            mB[l] = new double[b[l].length];
            eB[l] = new double[b[l].length];
            mV[l] = v[l] == null ? null : new double[v[l].length];
            eV[l] = v[l] == null ? null : new double[v[l].length];
        }
        // Plain reference values of dU (needed for the |dS|·Δσ' source), magnitudes M and errors E.
        for (int n = 0; n < images; n++) {
            double[][][] dU = new double[layers][steps][];
            double[][][] mU = new double[layers][steps][];
            double[][][] eU = new double[layers][steps][];
            for (int t = steps - 1; t >= 0; t--) {
                for (int l = layers - 1; l >= 0; l--) {
                    int post = sizes[l + 1];
                    double[] d = new double[post];
                    double[] md = new double[post];
                    double[] ed = new double[post];
                    int fan = (l == out ? 1 : sizes[l + 2]) + (v[l] != null ? post : 0) + 2;
                    double gFan = gamma(fan);
                    for (int h = 0; h < post; h++) {
                        double dS;
                        double mS;
                        double eS;
                        if (l == out) {
                            double scale = loss == SgLoss.MEMBRANE ? 1.0 / steps : 1;
                            dS = dz[n][t][h] * scale;
                            mS = Math.abs(dS);
                            eS = dzErr[n][t][h] * scale;
                        } else {
                            dS = 0;
                            mS = 0;
                            eS = 0;
                            int above = sizes[l + 2];
                            for (int i = 0; i < above; i++) {
                                double aw = Math.abs(w[l + 1][i * post + h]);
                                dS += dU[l + 1][t][i] * w[l + 1][i * post + h];
                                mS += mU[l + 1][t][i] * aw;
                                eS += eU[l + 1][t][i] * aw;
                            }
                        }
                        if (t < steps - 1) {
                            if (v[l] != null) {
                                for (int i = 0; i < post; i++) {
                                    double av = Math.abs(v[l][i * post + h]);
                                    dS += dU[l][t + 1][i] * v[l][i * post + h];
                                    mS += mU[l][t + 1][i] * av;
                                    eS += eU[l][t + 1][i] * av;
                                }
                            }
                            if (spiking(l) && !detachReset) {
                                dS -= theta * dU[l][t + 1][h];
                                mS += theta * mU[l][t + 1][h];
                                eS += theta * eU[l][t + 1][h];
                            }
                        }
                        eS += gFan * mS;
                        double du;
                        double mu;
                        double eu;
                        if (spiking(l)) {
                            double xm = mem[l][n][t][h] - theta;
                            double em = e[l][n][t][h];
                            double sd = surrogate.derivative(xm, slope);
                            // σ' is monotone on either side of 0 and |xm| > em (the spikes agree), so its largest
                            // change within ±em is at an end of the interval
                            double dsd = Math.max(Math.abs(surrogate.derivative(xm - em, slope) - sd),
                                    Math.abs(surrogate.derivative(xm + em, slope) - sd))
                                    + 16 * u * sd + (surrogate == SgSurrogate.SIGMOID ? 2 * slope * u : 0);
                            du = dS * sd;
                            mu = mS * (sd + dsd);
                            eu = eS * (sd + dsd) + Math.abs(dS) * dsd;
                        } else {
                            du = dS;
                            mu = mS;
                            eu = eS;
                        }
                        if (t < steps - 1) {
                            du += beta * dU[l][t + 1][h];
                            mu += beta * mU[l][t + 1][h];
                            eu += beta * eU[l][t + 1][h];
                        }
                        // the update (g − c·g')·σ' + β·g' rounds a handful of times; flushing subnormals adds < MIN_NORMAL
                        d[h] = du;
                        md[h] = mu;
                        ed[h] = eu + gamma(8) * mu + Float.MIN_NORMAL;
                    }
                    dU[l][t] = d;
                    mU[l][t] = md;
                    eU[l][t] = ed;
                }
            }
            for (int l = 0; l < layers; l++) {
                int post = sizes[l + 1];
                int pre = sizes[l];
                for (int t = 0; t < steps; t++) {
                    double[] in = l == 0 ? x[t][n] : spk[l - 1][n][t];
                    for (int h = 0; h < post; h++) {
                        double m = mU[l][t][h];
                        double er = eU[l][t][h];
                        mB[l][h] += m;
                        eB[l][h] += er;
                        for (int j = 0; j < pre; j++) {
                            double a = Math.abs(in[j]);
                            mW[l][h * pre + j] += m * a;
                            eW[l][h * pre + j] += er * a;
                        }
                        if (v[l] != null && t > 0) {
                            for (int j = 0; j < post; j++) {
                                double a = spk[l][n][t - 1][j];
                                mV[l][h * post + j] += m * a;
                                eV[l][h * post + j] += er * a;
                            }
                        }
                    }
                }
            }
        }
        // The weight gradients are GEMMs (or a float sum over t then a GEMM) with at most T·batch + 1 terms each;
        // the bias gradient is summed in double and rounded to float once.
        double gSum = gamma(steps * images + 1);
        double[][] gW = new double[layers][];
        double[][] gB = new double[layers][];
        double[][] gV = new double[layers][];
        for (int l = 0; l < layers; l++) {
            gW[l] = new double[w[l].length];
            for (int i = 0; i < gW[l].length; i++) {
                gW[l][i] = eW[l][i] + gSum * mW[l][i];
            }
            gB[l] = new double[b[l].length];
            for (int i = 0; i < gB[l].length; i++) {
                gB[l][i] = eB[l][i] + 2 * u * mB[l][i];
            }
            if (v[l] != null) {
                gV[l] = new double[v[l].length];
                for (int i = 0; i < gV[l].length; i++) {
                    gV[l][i] = eV[l][i] + gSum * mV[l][i];
                }
            }
        }
        return new FloatBounds(e, lossErr, inParameterOrder(gW, gB, gV));
    }
}
