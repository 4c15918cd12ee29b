package io.somnus.sg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * How many threads the BLAS takes, read from the environment as OpenBLAS reads it; large products in halves, the same
 * bits on one thread or two.
 */
class SgBlasTest {

    private static int threads(Map<String, String> env, int processors) {
        return SgBlas.threads(env::get, processors);
    }

    @Test
    void theThreadsAreOpenBlasOwnReading() {
        assertEquals(8, threads(Map.of(), 8), "unset: every processor");
        assertEquals(1, threads(Map.of("OPENBLAS_NUM_THREADS", "1"), 8));
        assertEquals(3, threads(Map.of("OPENBLAS_NUM_THREADS", " 3 "), 8));
        assertEquals(2, threads(Map.of("OPENBLAS_NUM_THREADS", "2x"), 8), "leading digits, as atoi");
        assertEquals(8, threads(Map.of("OPENBLAS_NUM_THREADS", "64"), 8), "at most the processors");
        assertEquals(4, threads(Map.of("OPENBLAS_NUM_THREADS", "0", "GOTO_NUM_THREADS", "4", "OMP_NUM_THREADS", "2"), 8),
                "not positive: the next variable");
        assertEquals(2, threads(Map.of("OPENBLAS_NUM_THREADS", "many", "OMP_NUM_THREADS", "2"), 8));
        assertEquals(5, threads(Map.of("OPENBLAS_NUM_THREADS", "5", "OMP_NUM_THREADS", "2"), 8), "OpenBLAS's own first");
        assertEquals(8, threads(Map.of("OMP_NUM_THREADS", "-3"), 8));
    }

    @Test
    void theJvmsBlasThreadsFollowItsEnvironment() {
        // the builds run the tests with OPENBLAS_NUM_THREADS=1 (the parent pom), as the launcher runs Somnus: one
        // thread for OpenBLAS, and netlib's Java BLAS (the java-blas arithmetic path) is one thread anyway
        assertEquals("1", System.getenv("OPENBLAS_NUM_THREADS"), "the test JVMs get the launcher's BLAS threads");
        assertEquals(1, SgThreading.blasThreads());
    }

    /**
     * C = alpha·op(A)·op(B) + beta·C in halves on one thread and on two: the same bits, and against a sum in double
     * of each element (an independent computation) within float rounding. Shapes: above and below the threshold,
     * split by rows and by columns, every transposition, inside larger stored matrices (offsets and strides).
     */
    @Test
    void largeProductsInHalvesGiveTheSameBitsOnOneThreadOrTwo() {
        int[][] shapes = {{300, 160, 400}, {150, 420, 300}, {33, 40, 20}}; // m, n, k: rows, columns, neither
        SplittableRandom rng = new SplittableRandom(11);
        int split = 0;
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (int t = 0; t < 4; t++) {
                boolean transA = (t & 1) != 0;
                boolean transB = (t & 2) != 0;
                int lda = (transA ? m : k) + 3;
                int ldb = (transB ? k : n) + 5;
                int ldc = n + 2;
                float[] a = random((transA ? k : m) * lda + 7, rng);
                float[] b = random((transB ? n : k) * ldb + 4, rng);
                float[] c0 = random(m * ldc + 1, rng);
                float[] one = c0.clone();
                float[] two = c0.clone();
                SgBlas.gemmInHalves(false, transA, transB, m, n, k, 0.5f, a, 7, lda, b, 4, ldb, 2f, one, 1, ldc);
                SgBlas.gemmInHalves(true, transA, transB, m, n, k, 0.5f, a, 7, lda, b, 4, ldb, 2f, two, 1, ldc);
                assertArrayEquals(one, two, "m n k " + m + " " + n + " " + k + ", trans " + transA + " " + transB);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        double magnitude = 0;
                        for (int p = 0; p < k; p++) {
                            double x = a[7 + (transA ? p * lda + i : i * lda + p)]
                                    * (double) b[4 + (transB ? j * ldb + p : p * ldb + j)];
                            sum += x;
                            magnitude += Math.abs(x);
                        }
                        double expected = 0.5 * sum + 2.0 * c0[1 + i * ldc + j];
                        // the classic bound of a float sum of k + 2 terms: (k + 2)·u·Σ|terms|, u = 2⁻²⁴
                        double bound = (k + 2) * 0x1p-24 * (0.5 * magnitude + 2.0 * Math.abs(c0[1 + i * ldc + j]));
                        assertTrue(Math.abs(one[1 + i * ldc + j] - expected) <= bound,
                                "element " + i + "," + j + ": " + one[1 + i * ldc + j] + " against " + expected);
                    }
                }
                for (int j = 0; j < one.length; j++) {
                    boolean inside = j >= 1 && (j - 1) / ldc < m && (j - 1) % ldc < n;
                    if (!inside) {
                        assertEquals(c0[j], one[j], "outside C: untouched at " + j);
                    }
                }
                split += (long) m * n * k >= SgBlas.HALVES_FROM ? 1 : 0;
            }
        }
        assertEquals(8, split, "the first two shapes are split (by rows, by columns), the third is not");
    }

    private static float[] random(int n, SplittableRandom rng) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }
}
