package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class PcaTest {
    private static final double S = Math.sqrt(0.5);

    /**
     * Points (±2, 0), (0, ±1) rotated by 45° and shifted by (5, −3): by hand the covariance (n − 1 = 3)
     * has eigenvalues 8/3 along (1, 1)/√2 and 2/3 along (−1, 1)/√2.
     */
    private static double[][] rotatedCross() {
        double[][] base = {{2, 0}, {-2, 0}, {0, 1}, {0, -1}};
        double[][] x = new double[4][];
        for (int i = 0; i < 4; i++) {
            double u = base[i][0];
            double v = base[i][1];
            x[i] = new double[] {S * u - S * v + 5, S * u + S * v - 3};
        }
        return x;
    }

    /*
     * Tolerances of the small hand-worked cases (pure Java double, the same on every CPU): the covariance is a few
     * exact-ish sums of O(10) numbers (error ~ 1e-15·‖A‖), the symmetric eigen-solver is backward stable (eigenvalues
     * within c·d·ε·‖A‖ ≈ 1e-15, Weyl) and the eigenvector gaps are ≥ 0.2, so eigenvectors turn by ≲ ε·‖A‖/gap ≈ 1e-14
     * (Davis–Kahan). 1e-12 (1e-10 where the data carry a mean of 10 and ‖A‖ = 6) is orders above these bounds and
     * orders below any real mistake (a wrong n − 1, a swapped axis: ≥ 0.1).
     */
    @Test
    void handWorkedTwoDimensionalCase() {
        Pca pca = Pca.fit(rotatedCross(), 1.0, false);
        assertArrayEquals(new double[] {8.0 / 3, 2.0 / 3}, pca.eigenvalues(), 1e-12);
        assertArrayEquals(new double[] {0.8, 0.2}, pca.explainedVarianceRatio(), 1e-12);
        assertArrayEquals(new double[] {5, -3}, pca.mean(), 1e-12);
        assertEquals(2, pca.numComponents());
        double[][] c = pca.components();
        assertEquals(1.0, Math.abs(c[0][0] * S + c[0][1] * S), 1e-12);
        assertEquals(1.0, Math.abs(-c[1][0] * S + c[1][1] * S), 1e-12);
        // scores: (±2, 0) and (0, ±1) up to each axis' sign
        double[][] y = pca.transform(rotatedCross());
        double[][] expected = {{2, 0}, {2, 0}, {0, 1}, {0, 1}};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i][0], Math.abs(y[i][0]), 1e-12);
            assertEquals(expected[i][1], Math.abs(y[i][1]), 1e-12);
        }
    }

    @Test
    void whitenedScoresHaveUnitVarianceAndRuleDropsMinorAxis() {
        Pca pca = Pca.fit(rotatedCross(), 0.75, true);
        assertEquals(1, pca.numComponents());
        assertEquals(0.8, pca.keptVarianceFraction(), 1e-12);
        double[][] y = pca.transform(rotatedCross());
        // 2 / sqrt(8/3) = sqrt(3/2)
        assertEquals(Math.sqrt(1.5), Math.abs(y[0][0]), 1e-12);
        assertEquals(0.0, y[2][0], 1e-12);
    }

    /** Householder reflection Q = I − 2vvᵀ/vᵀv, v = (1, 2, 3, 4): orthogonal, known columns. */
    private static double[][] householder() {
        double[] v = {1, 2, 3, 4};
        double vv = 30;
        double[][] q = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                q[i][j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv;
            }
        }
        return q;
    }

    /**
     * Eight samples whose sample covariance is exactly Q Λ Qᵀ: columns of a Sylvester–Hadamard matrix of
     * order 8 (orthogonal, zero-mean ±1) scaled to unit sample variance, times Λ^½ Qᵀ.
     */
    private static double[][] knownCovarianceSample(double[] lambda, double[][] q, double[] mean) {
        int n = 8;
        double[][] x = new double[n][4];
        for (int i = 0; i < n; i++) {
            double[] yi = new double[4];
            for (int c = 0; c < 4; c++) {
                int col = c + 1; // skip the all-ones column
                yi[c] = (Integer.bitCount(i & col) % 2 == 0 ? 1 : -1) * Math.sqrt((n - 1.0) / n);
            }
            for (int j = 0; j < 4; j++) {
                double s = mean[j];
                for (int c = 0; c < 4; c++) {
                    s += yi[c] * Math.sqrt(lambda[c]) * q[j][c];
                }
                x[i][j] = s;
            }
        }
        return x;
    }

    @Test
    void recoversEigenDecompositionOfKnownCovariance() {
        double[] lambda = {6, 3, 0.6, 0.4};
        double[][] q = householder();
        double[][] x = knownCovarianceSample(lambda, q, new double[] {1, -2, 0.5, 10});
        Pca pca = Pca.fit(x, 1.0, false);
        assertArrayEquals(lambda, pca.eigenvalues(), 1e-10);
        assertArrayEquals(new double[] {0.6, 0.3, 0.06, 0.04}, pca.explainedVarianceRatio(), 1e-12);
        double[][] c = pca.components();
        for (int i = 0; i < 4; i++) {
            double dot = 0;
            for (int j = 0; j < 4; j++) {
                dot += c[i][j] * q[j][i];
            }
            assertEquals(1.0, Math.abs(dot), 1e-10, "component " + i);
        }
    }

    @Test
    void keepsSmallestNumberOfComponentsReachingTheVarianceFraction() {
        double[][] x = knownCovarianceSample(new double[] {6, 3, 0.6, 0.4}, householder(), new double[4]);
        // cumulative ratios 0.6, 0.9, 0.96, 1.0
        assertEquals(1, Pca.fit(x, 0.5, true).numComponents());
        assertEquals(2, Pca.fit(x, 0.85, true).numComponents());
        assertEquals(3, Pca.fit(x, Pca.DEFAULT_VARIANCE_TO_KEEP, true).numComponents());
        assertEquals(4, Pca.fit(x, 0.99, true).numComponents());
    }

    @Test
    void whitenedTrainingScoresHaveIdentityCovariance() {
        double[][] x = knownCovarianceSample(new double[] {6, 3, 0.6, 0.4}, householder(), new double[] {3, 2, 1, 0});
        double[][] y = Pca.fit(x, 0.99, true).transform(x);
        int n = y.length;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                double s = 0;
                for (double[] row : y) {
                    s += row[a] * row[b];
                }
                assertEquals(a == b ? 1.0 : 0.0, s / (n - 1), 1e-10);
            }
        }
    }

    /** Random correlated data: covariance by plain loops, decomposed by Hipparchus as the reference. */
    @Test
    void agreesWithHipparchusOnRandomCorrelatedData() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 50;
        int d = 7;
        double[][] mix = new double[d][d];
        for (double[] row : mix) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] x = new double[n][d];
        for (double[] row : x) {
            double[] g = new double[d];
            for (int j = 0; j < d; j++) {
                g[j] = r.nextGaussian();
            }
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < d; l++) {
                    row[j] += mix[j][l] * g[l];
                }
                row[j] += 3 * j;
            }
        }
        double[] mu = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mu[j] += row[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += (row[a] - mu[a]) * (row[b] - mu[b]) / (n - 1);
                }
            }
        }
        EigenDecompositionSymmetric ref = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(cov));
        Pca pca = Pca.fit(x, 1.0, false);
        assertEquals(d, pca.numComponents());
        double[] lambda = pca.eigenvalues();
        double[][] c = pca.components();
        // Tolerances from perturbation theory (were 1e-10·λ_max and 1e-8, fixed): the two covariances differ by
        // rounding, ‖δA‖ ≤ 2·γ_n·max_a A_aa (Cauchy–Schwarz on the n-term sums) plus the means' rounding; each
        // symmetric eigen-solver is backward stable, off by ≤ c·d·ε·‖A‖ (c = 16, ‖A‖ ≤ trace). Weyl: an eigenvalue
        // moves by at most the sum; Davis–Kahan: an eigenvector turns by at most 2·(that)/gap, and
        // 1 − |cos θ| ≤ θ²/2 (+ the dot product's own d·ε).
        double eps = Math.ulp(1.0);
        double trace = 0;
        double maxDiag = 0;
        double maxX = 0;
        for (int a = 0; a < d; a++) {
            trace += cov[a][a];
            maxDiag = Math.max(maxDiag, cov[a][a]);
        }
        for (double[] row : x) {
            for (double v : row) {
                maxX = Math.max(maxX, Math.abs(v));
            }
        }
        double perturbation = 2 * n * eps * (maxDiag + 2 * maxX * Math.sqrt(maxDiag)) + 2 * 16 * d * eps * trace;
        for (int i = 0; i < d; i++) {
            assertEquals(ref.getEigenvalue(i), lambda[i], perturbation, "eigenvalue " + i);
            double gap = Double.POSITIVE_INFINITY;
            for (int j = 0; j < d; j++) {
                if (j != i) {
                    gap = Math.min(gap, Math.abs(ref.getEigenvalue(i) - ref.getEigenvalue(j)));
                }
            }
            double angle = 2 * perturbation / gap;
            double dot = ref.getEigenvector(i).dotProduct(new ArrayRealVector(c[i]));
            assertEquals(1.0, Math.abs(dot), angle * angle / 2 + d * eps, "eigenvector " + i);
            // sign convention: the largest-magnitude entry is positive
            double big = 0;
            for (double v : c[i]) {
                big = Math.abs(v) > Math.abs(big) ? v : big;
            }
            assertTrue(big > 0);
        }
    }

    @Test
    void constantDataKeepsNoComponent() {
        double[][] x = {{1, 2}, {1, 2}, {1, 2}};
        Pca pca = Pca.fit(x, 0.95, true);
        assertEquals(0, pca.numComponents());
        assertEquals(0, pca.transform(x)[0].length);
    }

    @Test
    void rejectsBadVarianceFraction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pca.fit(rotatedCross(), 1.5, true));
        assertTrue(e.getMessage().contains("varianceToKeep"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(rotatedCross(), 0.0, true));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, 2}}, 0.9, true));
    }

    @Test
    void constantFeaturesGetZeroLoadingsAndDoNotBreakTheDecomposition() {
        // spike counts of a mostly silent population: 150 of 200 neurons never fire, the rest rarely
        SplittableRandom rng = new SplittableRandom(3);
        int n = 300;
        int d = 200;
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 150; j < d; j++) {
                x[i][j] = rng.nextDouble() < 0.05 ? 1 + rng.nextInt(3) : 0;
            }
        }
        Pca pca = Pca.fit(x, 0.95, true);
        assertTrue(pca.numComponents() > 0);
        for (double[] c : pca.components()) {
            for (int j = 0; j < 150; j++) {
                Assertions.assertEquals(0.0, c[j], 0.0, "constant feature " + j);
            }
        }
        // whitened coordinates have unit sample variance on the training set
        double[][] z = pca.transform(x);
        double mean = 0;
        for (double[] row : z) {
            mean += row[0] / n;
        }
        double var = 0;
        for (double[] row : z) {
            var += (row[0] - mean) * (row[0] - mean) / (n - 1);
        }
        // the whitening divides by √λ₁ from the eigen-solver: relative error ~ c·d·ε·trace/λ₁ plus the n-term
        // variance sums, ≲ 1e-12 for d = 200; 1e-9 leaves room for the ~ε·λ_max/λ₁ of a small leading eigenvalue
        Assertions.assertEquals(1.0, var, 1e-9);
    }

    @Test
    void fewerSamplesThanFeaturesGiveTheSameComponentsThroughTheGramMatrix() {
        // 30 samples of 90 features (some constant, some correlated): the covariance has rank ≤ 29, and its
        // decomposition and the n × n Gram matrix's must give the same kept eigenvalues and components
        SplittableRandom r = new SplittableRandom(12);
        int n = 30;
        int d = 90;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[i * d + j] = j % 9 == 4 ? 2.5 : (j % 3 == 0 ? a : b) * (1 + j / 30.0) + r.nextGaussian();
            }
        }
        for (boolean whiten : new boolean[] {false, true}) {
            Pca primal = Pca.fitFlat(x.clone(), n, d, 0.99, whiten, Integer.MAX_VALUE);
            Pca dual = Pca.fitFlat(x.clone(), n, d, 0.99, whiten, 0);
            assertTrue(primal.numComponents() >= 3, "the data have several components: " + primal.numComponents());
            assertEquals(primal.numComponents(), dual.numComponents(), "kept components");
            for (int i = 0; i < d; i++) {
                assertEquals(primal.eigenvalues()[i], dual.eigenvalues()[i], 1e-9 * primal.eigenvalues()[0], "λ" + i);
            }
            for (int i = 0; i < primal.numComponents(); i++) {
                assertArrayEquals(primal.components()[i], dual.components()[i], 1e-8, "component " + i);
            }
            double[][] rows = new double[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = Arrays.copyOfRange(x, i * d, (i + 1) * d);
            }
            double[][] zp = primal.transform(rows);
            double[][] zd = dual.transform(rows);
            for (int i = 0; i < n; i++) {
                assertArrayEquals(zp[i], zd[i], 1e-7, "scores of sample " + i);
            }
        }
    }

    @Test
    void onlyWideDataBeyondTheThresholdTakeTheGramMatrix() {
        // at the default threshold these data take the covariance's decomposition: bit for bit the primal one
        SplittableRandom r = new SplittableRandom(13);
        int n = 10;
        int d = 40;
        double[] x = new double[n * d];
        for (int t = 0; t < x.length; t++) {
            x[t] = r.nextGaussian();
        }
        Pca byDefault = Pca.fitFlat(x.clone(), n, d, 0.95, true);
        Pca primal = Pca.fitFlat(x.clone(), n, d, 0.95, true, Integer.MAX_VALUE);
        assertArrayEquals(primal.eigenvalues(), byDefault.eigenvalues(), 0.0);
        for (int i = 0; i < primal.numComponents(); i++) {
            assertArrayEquals(primal.components()[i], byDefault.components()[i], 0.0);
        }
    }

    @Test
    void ejmlRecoversTheKnownDecompositionInDescendingOrder() {
        // the solver for large matrices (EJML_ABOVE = 0 here) on the hand-known covariance Q Λ Qᵀ, Λ given unordered
        double[] lambda = {0.6, 6, 0.4, 3};
        double[][] q = householder();
        double[][] x = knownCovarianceSample(lambda, q, new double[] {1, -2, 0.5, 10});
        Pca pca = Pca.fitFlat(Features.flatten(x, 4), x.length, 4, 1.0, false, Integer.MAX_VALUE, 0);
        assertArrayEquals(new double[] {6, 3, 0.6, 0.4}, pca.eigenvalues(), 1e-10);
        int[] column = {1, 3, 0, 2}; // the column of Q that belongs to each eigenvalue, descending
        double[][] c = pca.components();
        for (int i = 0; i < 4; i++) {
            double dot = 0;
            for (int j = 0; j < 4; j++) {
                dot += c[i][j] * q[j][column[i]];
            }
            assertEquals(1.0, Math.abs(dot), 1e-10, "component " + i);
        }
    }

    @Test
    void ejmlAndHipparchusGiveTheSameComponentsOnSpikeCounts() {
        // sparse counts of 60 neurons in 400 images, 10 of them silent, the rest tuned to one of 5 classes: both
        // solvers, on the covariance's and on the Gram matrix's path, must keep the same components (the data's
        // eigenvalues are distinct, gaps ≥ 1e-4·λ₁, so eigenvectors agree to ≈ ε·‖A‖/gap ≪ 1e-8)
        SplittableRandom r = new SplittableRandom(21);
        int n = 400;
        int d = 60;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(5);
            for (int j = 10; j < d; j++) {
                double rate = j % 5 == label ? 0.6 : 0.05;
                x[i * d + j] = r.nextDouble() < rate ? 1 + r.nextInt(4) : 0;
            }
        }
        Pca hipparchus = Pca.fitFlat(x.clone(), n, d, 0.95, true, Integer.MAX_VALUE, Integer.MAX_VALUE);
        Pca ejml = Pca.fitFlat(x.clone(), n, d, 0.95, true, Integer.MAX_VALUE, 0);
        int wideN = 40; // fewer samples than varying features: the Gram matrix's path, decomposed by EJML
        double[] wide = Arrays.copyOf(x, wideN * d);
        Pca wideHipparchus = Pca.fitFlat(wide.clone(), wideN, d, 0.95, true, Integer.MAX_VALUE, Integer.MAX_VALUE);
        Pca wideEjml = Pca.fitFlat(wide.clone(), wideN, d, 0.95, true, 0, 0);
        for (Pca[] pair : new Pca[][] {{hipparchus, ejml}, {wideHipparchus, wideEjml}}) {
            Pca ref = pair[0];
            Pca got = pair[1];
            assertTrue(ref.numComponents() > 5, "several components kept: " + ref.numComponents());
            assertEquals(ref.numComponents(), got.numComponents(), "kept components");
            double[] lr = ref.eigenvalues();
            double[] lg = got.eigenvalues();
            for (int i = 0; i < d; i++) {
                assertEquals(lr[i], lg[i], 1e-10 * lr[0], "eigenvalue " + i);
            }
            for (int i = 0; i < ref.numComponents(); i++) {
                assertArrayEquals(ref.components()[i], got.components()[i], 1e-8, "component " + i);
                for (int j = 0; j < 10; j++) {
                    assertEquals(0.0, got.components()[i][j], 0.0, "silent neuron " + j);
                }
            }
        }
    }

    @Test
    void fitBytesIsALowerBoundOfWhatEachSolverAllocates() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        SplittableRandom r = new SplittableRandom(22);
        for (int[] nd : new int[][] {{300, 120}, {60, 150}}) { // the covariance's path, then the Gram matrix's
            int n = nd[0];
            int d = nd[1];
            double[] x = new double[n * d];
            for (int t = 0; t < x.length; t++) {
                x[t] = r.nextGaussian();
            }
            for (int ejmlAbove : new int[] {0, Integer.MAX_VALUE}) {
                int dualAbove = n < d ? 0 : Integer.MAX_VALUE;
                double[] copy = x.clone();
                long before = threads.getCurrentThreadAllocatedBytes();
                Pca.fitFlat(copy, n, d, 0.95, true, dualAbove, ejmlAbove);
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                long bound = Pca.fitBytes(n, d, dualAbove, ejmlAbove);
                int m = Math.min(n, d);
                assertTrue(bound >= 8L * 2 * m * m, n + " x " + d + ": " + bound);
                assertTrue(bound <= allocated, n + " x " + d + " ejmlAbove " + ejmlAbove + ": fitBytes " + bound
                        + " > allocated " + allocated);
            }
        }
    }

    @Test
    void bothSolversTakeTheEigenDecompositionNotTheirFallback() {
        // Q diag(3, −1, 2, 0.5) Qᵀ: the eigen-decomposition gives −1 where the SVD fallback (for matrices the
        // iteration does not converge on) would give its magnitude, so a solver that always fell back fails here
        double[][] q = householder();
        double[] lambda = {3, -1, 2, 0.5};
        double[] a = new double[16];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                for (int k = 0; k < 4; k++) {
                    a[r * 4 + c] += q[r][k] * lambda[k] * q[c][k];
                }
            }
        }
        for (int ejmlAbove : new int[] {0, Integer.MAX_VALUE}) {
            double[] values = new double[4];
            double[][] vectors = new double[4][];
            Pca.decompose(a.clone(), 4, 4, values, vectors, ejmlAbove);
            assertArrayEquals(new double[] {3, 2, 0.5, -1}, values, 1e-12, "ejmlAbove " + ejmlAbove);
            int[] column = {0, 2, 3, 1};
            for (int i = 0; i < 4; i++) {
                double dot = 0;
                for (int j = 0; j < 4; j++) {
                    dot += vectors[i][j] * q[j][column[i]];
                }
                assertEquals(1.0, Math.abs(dot), 1e-12, "ejmlAbove " + ejmlAbove + " vector " + i);
            }
        }
    }

    /**
     * The covariance (denominator n − 1) of the varying features of spike counts of n images from d neurons, each tuned
     * to one of 10 classes (a sixth silent), a random 30 % of the time: row-major, of order {@code length / m}.
     */
    private static double[] spikeCountCovariance(long seed, int n, int d) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        int[] preferred = new int[d];
        for (int j = 0; j < d; j++) {
            preferred[j] = r.nextInt(12); // 10 and 11: silent
        }
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(10);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = preferred[j] == label && r.nextDouble() < 0.3 ? 1 + r.nextInt(3) : 0;
            }
        }
        double[] mean = new double[d];
        for (int t = 0; t < x.length; t++) {
            mean[t % d] += x[t] / n;
        }
        for (int t = 0; t < x.length; t++) {
            x[t] -= mean[t % d];
        }
        double[] full = DenseProducts.gram(x, n, d, 1.0 / (n - 1));
        int[] live = IntStream.range(0, d).filter(j -> full[j * d + j] > 0).toArray();
        int m = live.length;
        double[] cov = new double[m * m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                cov[a * m + b] = full[live[a] * d + live[b]];
            }
        }
        return cov;
    }

    private static int order(double[] sym) {
        return (int) Math.round(Math.sqrt(sym.length));
    }

    /** The leading principal submatrix of order {@code want} (its rank at most the whole matrix's). */
    private static double[] principal(double[] sym, int want) {
        int m = order(sym);
        assertTrue(m >= want, "varying features " + m + " for " + want);
        double[] sub = new double[want * want];
        for (int a = 0; a < want; a++) {
            System.arraycopy(sym, a * m, sub, a * want, want);
        }
        return sub;
    }

    private static EigenDecompositionSymmetric hipparchus(double[] sym) {
        int m = order(sym);
        double[][] rows = new double[m][];
        for (int a = 0; a < m; a++) {
            rows[a] = Arrays.copyOfRange(sym, a * m, (a + 1) * m);
        }
        return new EigenDecompositionSymmetric(new Array2DRowRealMatrix(rows, false),
                EigenDecompositionSymmetric.DEFAULT_EPSILON, true);
    }

    @Test
    void hipparchusFailsWhereItIsPredictedTo() {
        // the prediction's evidence, at its edges: rank and zero cluster each at least 64, one of them at the edge
        for (int[] rankCluster : new int[][] {{64, 64}, {64, 160}, {160, 64}, {100, 100}}) {
            int n = rankCluster[0] + 1;
            int d = (rankCluster[0] + rankCluster[1]) * 3 / 2 + 20; // a sixth silent, some never fire in n images
            int want = rankCluster[0] + rankCluster[1];
            double[] sub = principal(spikeCountCovariance(7 + n, n, d), want);
            assertTrue(Pca.hipparchusFails(want, n - 1), "predicted for rank " + (n - 1) + " order " + want);
            assertThrows(MathIllegalStateException.class, () -> hipparchus(sub),
                    "Hipparchus fails at rank " + (n - 1) + ", order " + want);
        }
        assertTrue(!Pca.hipparchusFails(127, 64) && !Pca.hipparchusFails(127, 63), "a cluster or a rank under 64");
    }

    @Test
    void aPredictedFailureIsNotTriedOnHipparchus() {
        // rank ≤ 149 of order ≈ 267: predicted. Hipparchus' attempt copies the matrix into rows, its tridiagonal
        // transformer copies it again and builds Q (≥ 3 m² doubles); EJML alone allocates as much as it did after it
        double[] cov = spikeCountCovariance(5, 150, 320);
        int m = order(cov);
        assertTrue(Pca.hipparchusFails(m, 149), "predicted at order " + m);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[2];
        double[][] values = new double[2][m];
        double[][][] vectors = new double[2][m][];
        int[] ejmlAbove = {0, Integer.MAX_VALUE};
        for (int round = 0; round < 2; round++) { // the second round's counts: classes loaded, JIT settled
            for (int k = 0; k < 2; k++) {
                double[] copy = cov.clone();
                long before = threads.getCurrentThreadAllocatedBytes();
                Pca.decompose(copy, m, 149, values[k], vectors[k], ejmlAbove[k]);
                allocated[k] = threads.getCurrentThreadAllocatedBytes() - before;
            }
        }
        assertArrayEquals(values[0], values[1], 0.0, "EJML's eigenvalues, bit for bit");
        for (int i = 0; i < m; i++) {
            assertArrayEquals(vectors[0][i], vectors[1][i], 0.0, "EJML's eigenvector " + i);
        }
        long mm = 8L * m * m;
        assertTrue(allocated[1] < allocated[0] + mm, "allocated " + allocated[1] + " bytes, EJML alone "
                + allocated[0] + ": Hipparchus was tried (m² doubles = " + mm + " bytes)");
    }

    @Test
    void aSmallZeroClusterKeepsHipparchusBits() {
        // fewer samples than varying features (rank ≤ 120 of order 128: 8 zero eigenvalues) and Hipparchus converges
        double[] small = principal(spikeCountCovariance(11, 121, 200), 128);
        assertTrue(!Pca.hipparchusFails(128, 120), "not predicted");
        EigenDecompositionSymmetric reference = hipparchus(small);
        double[] values = new double[128];
        double[][] vectors = new double[128][];
        Pca.decompose(small.clone(), 128, 120, values, vectors, Integer.MAX_VALUE);
        assertArrayEquals(reference.getEigenvalues(), values, 0.0, "Hipparchus' eigenvalues");
        for (int i = 0; i < 128; i++) {
            assertArrayEquals(reference.getEigenvector(i).toArray(), vectors[i], 0.0, "Hipparchus' eigenvector " + i);
        }
    }

    @Test
    void whereHipparchusDoesNotConvergeEjmlDecomposes() {
        // the covariance of spike counts of fewer images than neurons (a cluster of zero eigenvalues), as diehl-cook's
        // N_e = 1 600 at a checkpoint: Hipparchus' QL iteration fails on it, and its SVD took minutes at that size
        int n = 200;
        double[] cov = spikeCountCovariance(5, n, 320);
        int m = order(cov);
        assertTrue(m > n, "more varying features than samples: " + m);
        assertThrows(MathIllegalStateException.class, () -> hipparchus(cov),
                "the case Hipparchus fails on");
        double[] values = new double[m];
        double[][] vectors = new double[m][];
        Pca.decompose(cov.clone(), m, n - 1, values, vectors, Integer.MAX_VALUE);
        double[] ejmlValues = new double[m];
        double[][] ejmlVectors = new double[m][];
        Pca.decompose(cov.clone(), m, n - 1, ejmlValues, ejmlVectors, 0);
        assertArrayEquals(ejmlValues, values, 0.0, "EJML's eigenvalues, bit for bit");
        for (int i = 0; i < m; i++) {
            assertArrayEquals(ejmlVectors[i], vectors[i], 0.0, "EJML's eigenvector " + i);
        }
        // and they are eigenpairs: ‖S v − λ v‖ ≤ 1e-10·λ₁ for every pair (backward error ≈ m·ε·‖S‖ ≈ 1e-13·λ₁)
        for (int i = 0; i < m; i++) {
            assertTrue(i == 0 || values[i] <= values[i - 1], "descending at " + i);
            double residual = 0;
            for (int a = 0; a < m; a++) {
                double sv = 0;
                for (int b = 0; b < m; b++) {
                    sv += cov[a * m + b] * vectors[i][b];
                }
                residual = Math.max(residual, Math.abs(sv - values[i] * vectors[i][a]));
            }
            assertTrue(residual <= 1e-10 * values[0], "pair " + i + ": residual " + residual);
        }
    }
}
