package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.junit.jupiter.api.Test;

class CovariancePreconditionerTest {
    /**
     * A lower-triangular factor with a diagonal in [0.5, 3.5) and about a third of its off-diagonal entries exactly
     * 0; the others Gaussian, times 10^m for m drawn from [-3, maxExponent).
     */
    private static double[] lower(SplittableRandom r, int d, int maxExponent) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                l[i * d + j] = r.nextInt(3) == 0 ? 0 : r.nextGaussian() * Math.pow(10, r.nextInt(-3, maxExponent));
            }
            l[i * d + i] = 0.5 + r.nextDouble() * 3;
        }
        return l;
    }

    @Test
    void theSolveUndoesLTimesLTransposed() {
        SplittableRandom r = new SplittableRandom(8);
        int d = 23;
        int k = 3;
        double[] l = lower(r, d, -1); // small off-diagonal entries: well conditioned
        double[] u = new double[d * k];
        for (int t = 0; t < u.length; t++) {
            u[t] = r.nextGaussian();
        }
        // y = L (Lᵀ u), by plain sums
        double[] y = new double[d * k];
        for (int i = 0; i < d; i++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int m = 0; m <= i; m++) {
                    double ltu = 0;
                    for (int j = m; j < d; j++) {
                        ltu += l[j * d + m] * u[j * k + c];
                    }
                    s += l[i * d + m] * ltu;
                }
                y[i * k + c] = s;
            }
        }
        for (boolean simd : new boolean[] {false, true}) {
            int stride = simd ? VectorDenseProducts.paddedWidth(k) : k;
            double[] w = new double[d * stride];
            for (int i = 0; i < d; i++) {
                System.arraycopy(y, i * k, w, i * stride, k);
            }
            if (simd) {
                VectorDenseProducts.choleskySolve(l, d, new VectorDenseProducts.LowerRows(l, d), w, stride);
            } else {
                CovariancePreconditioner.choleskySolve(l, d, w, k);
            }
            for (int i = 0; i < d; i++) {
                for (int c = 0; c < k; c++) {
                    assertEquals(u[i * k + c], w[i * stride + c], 1e-9 * (1 + Math.abs(u[i * k + c])),
                            (simd ? "SIMD" : "plain") + " u[" + i + "][" + c + "]");
                }
            }
        }
    }

    @Test
    void theSimdSolveGivesThePlainLoopsBits() {
        assertTrue(DenseProducts.SIMD, "the tests run with jdk.incubator.vector: the SIMD solve must be the one in use");
        SplittableRandom r = new SplittableRandom(9);
        for (int d : new int[] {1, 2, 17, 40}) {
            double[] l = lower(r, d, 2);
            for (int k = 1; k <= 14; k++) {
                int stride = VectorDenseProducts.paddedWidth(k);
                double[] plain = new double[d * k];
                double[] simd = new double[d * stride];
                for (int i = 0; i < d; i++) {
                    for (int c = 0; c < k; c++) {
                        double v = r.nextInt(4) == 0 ? 0 : r.nextGaussian() * Math.pow(10, r.nextInt(-8, 9));
                        if (r.nextInt(60) == 0) {
                            v = r.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY;
                        }
                        plain[i * k + c] = v;
                        simd[i * stride + c] = v;
                    }
                }
                CovariancePreconditioner.choleskySolve(l, d, plain, k);
                VectorDenseProducts.choleskySolve(l, d, new VectorDenseProducts.LowerRows(l, d), simd, stride);
                for (int i = 0; i < d; i++) {
                    for (int c = 0; c < k; c++) {
                        assertEquals(Double.doubleToRawLongBits(plain[i * k + c]),
                                Double.doubleToRawLongBits(simd[i * stride + c]), "d " + d + ", k " + k + ", [" + i + "][" + c + "]");
                    }
                }
            }
        }
    }

    /** A covariance as the readout builds it: XᵀX / n + λ I of correlated features, some columns all zero. */
    private static double[] covariance(SplittableRandom r, int n, int d, double lambda) {
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double shared = r.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[i * d + j] = j % 7 == 3 ? 0 : Math.max(0, shared + r.nextGaussian() * Math.pow(10, r.nextInt(-2, 2)));
            }
        }
        double[] m = DenseProducts.gram(x, n, d, 1.0 / n);
        for (int j = 0; j < d; j++) {
            m[j * d + j] += lambda;
        }
        return m;
    }

    @Test
    void theInPlaceFactorHasHipparchusBits() {
        SplittableRandom r = new SplittableRandom(10);
        // 1 and several panels (BLOCK 32), 1 and 2 column tiles (TILE 512), vector tails
        for (int d : new int[] {1, 2, 5, 33, 120, 601}) {
            double[] m = covariance(r, d / 2 + 4, d, 1e-3);
            double[][] rows = new double[d][];
            for (int i = 0; i < d; i++) {
                rows[i] = Arrays.copyOfRange(m, i * d, (i + 1) * d);
            }
            double[][] expected = new CholeskyDecomposition(new Array2DRowRealMatrix(rows, false),
                    CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0.0).getL().getData();
            CovariancePreconditioner.factorInPlace(m, d);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i][j]), Double.doubleToRawLongBits(m[i * d + j]),
                            "d " + d + ", L[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void theFactorTimesItsTransposeIsTheMatrix() {
        int d = 4; // a hand-made case: L = [[2,0,0,0],[1,3,0,0],[0,-1,1,0],[4,0,2,5]], M = L Lᵀ
        double[] l = {2, 0, 0, 0, 1, 3, 0, 0, 0, -1, 1, 0, 4, 0, 2, 5};
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int t = 0; t < d; t++) {
                    m[i * d + j] += l[i * d + t] * l[j * d + t];
                }
            }
        }
        CovariancePreconditioner.factorInPlace(m, d);
        for (int t = 0; t < d * d; t++) {
            assertEquals(l[t], m[t], 1e-12, "L entry " + t);
        }
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteIsRefused() {
        double[] m = {1, 2, 2, 1}; // eigenvalues 3 and −1
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CovariancePreconditioner.factorInPlace(m, 2));
        assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
    }

    @Test
    void theSimdTrailingUpdateGivesThePlainLoopsBits() {
        SplittableRandom r = new SplittableRandom(11);
        for (int d : new int[] {40, 97, 700}) {
            double[] plain = new double[d * d];
            for (int t = 0; t < plain.length; t++) {
                plain[t] = r.nextInt(50) == 0 ? (r.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY)
                        : r.nextGaussian() * Math.pow(10, r.nextInt(-6, 7));
            }
            double[] simd = plain.clone();
            int from = d / 5;
            int to = Math.min(d, from + CovariancePreconditioner.BLOCK);
            CovariancePreconditioner.choleskyUpdate(plain, d, from, to);
            VectorDenseProducts.choleskyUpdate(simd, d, from, to);
            for (int t = 0; t < plain.length; t++) {
                assertEquals(Double.doubleToRawLongBits(plain[t]), Double.doubleToRawLongBits(simd[t]),
                        "d " + d + ", entry " + t);
            }
        }
    }
}
