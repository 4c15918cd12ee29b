package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxObjectiveTest {
    private static final int N = 25;
    private static final int D = 4;
    private static final int K = 3;

    private static double[] randomDesign(SplittableRandom r) {
        double[] x = new double[N * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static int[] randomLabels(SplittableRandom r) {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = r.nextInt(K);
        }
        return y;
    }

    /** The loss written out directly from its definition, independently of the class. */
    private static double directLoss(double[] x, int[] y, double[] p, double c) {
        double sum = 0;
        for (int i = 0; i < N; i++) {
            double[] z = new double[K];
            for (int k = 0; k < K; k++) {
                z[k] = p[k * (D + 1) + D];
                for (int j = 0; j < D; j++) {
                    z[k] += p[k * (D + 1) + j] * x[i * D + j];
                }
            }
            double s = 0;
            for (int k = 0; k < K; k++) {
                s += Math.exp(z[k]);
            }
            sum += Math.log(s) - z[y[i]];
        }
        double w2 = 0;
        for (int k = 0; k < K; k++) {
            for (int j = 0; j < D; j++) {
                w2 += p[k * (D + 1) + j] * p[k * (D + 1) + j];
            }
        }
        return sum / N + w2 / (2 * c * N);
    }

    @Test
    void valueMatchesDefinitionAndGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(11);
        double[] x = randomDesign(r);
        int[] y = randomLabels(r);
        double c = 0.7;
        SoftmaxObjective f = new SoftmaxObjective(x, N, D, y, K, c);
        double[] p = new double[f.dimension()];
        for (int t = 0; t < p.length; t++) {
            p[t] = 0.5 * r.nextGaussian();
        }
        // Two double evaluations of a mean of N terms, each a log-sum-exp of (D + 1)-term dot products of O(1)
        // numbers: each is within ~(D + K + 4)·ε·(|z| + |log Σ|) ≈ 1e-14 of exact, so 1e-13.
        assertEquals(directLoss(x, y, p, c), f.value(p), 1e-13);
        double[] g = f.gradient(p);
        // Central differences with step h (near ε^⅓, where truncation h² and rounding ε/h balance; was h = 1e-6 with a
        // fixed 1e-8, under the worst-case rounding of ~1e-7). Tolerance: truncation h²f'''/6, estimated by
        // Richardson as |D(2h) − D(h)|/3 (doubled), plus rounding: the loss takes ≤ ops double operations, each off by
        // ε relative of terms ≤ |L|, over 2h.
        double h = 1e-5;
        long ops = (long) N * K * (D + 4) + 2L * K * D;
        for (int t = 0; t < p.length; t++) {
            double up = directLoss(x, y, shifted(p, t, h), c);
            double down = directLoss(x, y, shifted(p, t, -h), c);
            double numeric = (up - down) / (2 * h);
            double numeric2 = (directLoss(x, y, shifted(p, t, 2 * h), c)
                    - directLoss(x, y, shifted(p, t, -2 * h), c)) / (4 * h);
            double truncation = 2 * Math.abs(numeric2 - numeric) / 3;
            double rounding = ops * Math.ulp(1.0) * (Math.abs(up) + Math.abs(down)) / (2 * h);
            assertEquals(numeric, g[t], truncation + rounding, "component " + t);
        }
    }

    private static double[] shifted(double[] p, int t, double by) {
        double[] q = p.clone();
        q[t] += by;
        return q;
    }

    @Test
    void lineSearchShortcutGivesTheSameValuesAsFullEvaluation() {
        SplittableRandom r = new SplittableRandom(12);
        double[] x = randomDesign(r);
        int[] y = randomLabels(r);
        SoftmaxObjective f = new SoftmaxObjective(x, N, D, y, K, 1.0);
        double[] a = new double[f.dimension()];
        double[] s = new double[a.length];
        for (int t = 0; t < a.length; t++) {
            a[t] = r.nextGaussian();
            s[t] = r.nextGaussian();
        }
        f.gradient(a);
        long before = f.fullProducts();
        for (double alpha : new double[] {0.0, 1.0, 0.3, -0.7, 2.5, 1e-4}) {
            double[] p = new double[a.length];
            for (int t = 0; t < a.length; t++) {
                p[t] = a[t] + alpha * s[t];
            }
            // the shortcut evaluates z_a + α·z_s instead of z(a + α s): a few more roundings on |z| ≤ ~10 (α ≤ 2.5,
            // |a|, |s| ~ 1, D = 4): ≲ 100 ε·10 ≈ 2e-13, so 1e-12
            assertEquals(directLoss(x, y, p, 1.0), f.value(p), 1e-12, "alpha " + alpha);
        }
        assertEquals(1, f.fullProducts() - before, "only the first point off the anchor needs a product");
        // a point off the line is computed in full
        double[] off = a.clone();
        off[0] += 1;
        off[1] -= 2;
        assertEquals(directLoss(x, y, off, 1.0), f.value(off), 1e-12);
    }

    /**
     * Chains many line searches whose accepted step is 100× the first trial point (so an unstable
     * interpolation would blow up geometrically) and compares gradients with a fresh objective's.
     */
    @Test
    void gradientsAtInterpolatedIteratesStayExact() {
        SplittableRandom r = new SplittableRandom(13);
        double[] x = randomDesign(r);
        int[] y = randomLabels(r);
        SoftmaxObjective f = new SoftmaxObjective(x, N, D, y, K, 1.0);
        double[] a = new double[f.dimension()];
        double[] g = f.gradient(a);
        for (int iteration = 0; iteration < 35; iteration++) {
            double[] trial = new double[a.length];
            double[] next = new double[a.length];
            for (int t = 0; t < a.length; t++) {
                double s = -g[t] + 0.01 * r.nextGaussian();
                trial[t] = a[t] + 0.001 * s;
                next[t] = a[t] + 0.1 * s;
            }
            f.value(trial);
            f.value(next);
            a = next;
            g = f.gradient(a);
            double[] exact = new SoftmaxObjective(x, N, D, y, K, 1.0).gradient(a);
            for (int t = 0; t < a.length; t++) {
                // same sums, different (interpolated) route to z: O(10) roundings of O(1) terms per iteration, and a
                // stable interpolation does not amplify them, so 1e-12 after 35 iterations (an unstable one grows
                // 100× per iteration and fails this within a few)
                assertEquals(exact[t], g[t], 1e-12, "iteration " + iteration + ", component " + t);
            }
        }
    }
}
