package io.somnus.sg;

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
        return l < layers - 1 || loss == SgLoss.SPIKE_COUNT;
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
        int n = 2 * layers;
        for (double[] a : v) {
            if (a != null) {
                n++;
            }
        }
        double[][] out = new double[n][];
        int i = 0;
        for (int l = 0; l < layers; l++) {
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
            double[] z = logits(n);
            total += crossEntropy(z, labels[n]);
        }
        return total / images;
    }

    private double[] logits(int n) {
        int out = layers - 1;
        int k = sizes[layers];
        double[] z = new double[k];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < k; c++) {
                z[c] += loss == SgLoss.SPIKE_COUNT ? spk[out][n][t][c] : mem[out][n][t][c] / steps;
            }
        }
        return z;
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
        int k = sizes[layers];
        for (int n = 0; n < images; n++) {
            double[] z = logits(n);
            double max = Double.NEGATIVE_INFINITY;
            for (double a : z) {
                max = Math.max(max, a);
            }
            double sum = 0;
            for (double a : z) {
                sum += Math.exp(a - max);
            }
            double[] dz = new double[k];
            for (int c = 0; c < k; c++) {
                dz[c] = (Math.exp(z[c] - max) / sum - (c == labels[n] ? 1 : 0)) / images;
            }
            // dU[l][t][h] = ∂L/∂U_l[t]; filled for t descending, and within a step for layers descending.
            double[][][] dU = new double[layers][steps][];
            for (int t = steps - 1; t >= 0; t--) {
                for (int l = layers - 1; l >= 0; l--) {
                    int post = sizes[l + 1];
                    double[] d = new double[post];
                    for (int h = 0; h < post; h++) {
                        double dS;
                        if (l == out) {
                            dS = loss == SgLoss.SPIKE_COUNT ? dz[h] : dz[h] / steps;
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
        int count = 2 * layers;
        for (double[] a : gV) {
            if (a != null) {
                count++;
            }
        }
        double[][] result = new double[count][];
        int i = 0;
        for (int l = 0; l < layers; l++) {
            result[i++] = gW[l];
            result[i++] = gB[l];
        }
        for (double[] a : gV) {
            if (a != null) {
                result[i++] = a;
            }
        }
        return result;
    }
}
