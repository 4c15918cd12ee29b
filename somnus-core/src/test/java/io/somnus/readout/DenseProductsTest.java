package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseProductsTest {
    /** Small integers: every product and partial sum is exact in double, so the results are exact. */
    private static double[] integers(SplittableRandom r, int size, boolean sparse) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = sparse && r.nextInt(3) == 0 ? 0 : r.nextInt(-9, 10);
        }
        return a;
    }

    @Test
    void productsOfIntegersAreExact() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 7;
        int d = 5;
        int k = 3;
        double[] x = integers(r, n * d, true);
        double[] b = integers(r, d * k, false);
        double[] c = new double[n * k];
        DenseProducts.multiply(x, b, c, n, d, k);
        double[] xr = new double[d * k];
        double[] res = integers(r, n * k, false);
        DenseProducts.transposeMultiply(x, res, xr, n, d, k);
        double[] g = DenseProducts.gram(x, n, d, 0.5);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                long s = 0;
                for (int t = 0; t < d; t++) {
                    s += (long) x[i * d + t] * (long) b[t * k + j];
                }
                assertEquals(s, c[i * k + j], "c[" + i + "][" + j + "]");
            }
        }
        for (int a = 0; a < d; a++) {
            for (int j = 0; j < k; j++) {
                long s = 0;
                for (int i = 0; i < n; i++) {
                    s += (long) x[i * d + a] * (long) res[i * k + j];
                }
                assertEquals(s, xr[a * k + j], "xᵀr[" + a + "][" + j + "]");
            }
            for (int e = 0; e < d; e++) {
                long s = 0;
                for (int i = 0; i < n; i++) {
                    s += (long) x[i * d + a] * (long) x[i * d + e];
                }
                assertEquals(0.5 * s, g[a * d + e], "gram[" + a + "][" + e + "]");
            }
        }
    }

    /**
     * Real-valued inputs: each entry is the correctly rounded sum of its products accumulated left to right
     * over the inner index, which is what makes it CPU-independent; checked against BigDecimal products
     * rounded in that order.
     */
    @Test
    void sumsFollowTheDocumentedOrder() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 40;
        int d = 9;
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(4) == 0 ? 0 : r.nextGaussian();
        }
        // one tile, and tiles of 2 × 3 entries that split the rows and columns of the upper triangle unevenly
        for (double[] g : new double[][] {DenseProducts.gram(x, n, d, 1.0), DenseProducts.gram(x, n, d, 1.0, 2, 3)}) {
            for (int a = 0; a < d; a++) {
                for (int e = 0; e < d; e++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        // the product rounded once, then the running sum rounded once, as Java evaluates it
                        double p = new BigDecimal(x[i * d + a]).multiply(new BigDecimal(x[i * d + e])).doubleValue();
                        s = new BigDecimal(s).add(new BigDecimal(p)).doubleValue();
                    }
                    assertEquals(s, g[a * d + e], 0.0, "gram[" + a + "][" + e + "]");
                }
            }
        }
        double[] c = new double[n * n];
        double[] xt = new double[d * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                xt[j * n + i] = x[i * d + j];
            }
        }
        DenseProducts.multiply(x, xt, c, n, d, n);
        double[] viaGram = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int e = 0; e < n; e++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    s += x[i * d + t] * x[e * d + t];
                }
                viaGram[i * n + e] = s;
            }
        }
        assertArrayEquals(viaGram, c, 0.0);
    }

    /** Random doubles of mixed magnitudes, a third of them exact zeros: sums whose value depends on their order. */
    private static double[] mixed(SplittableRandom r, int size) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = r.nextInt(3) == 0 ? 0 : r.nextGaussian() * Math.pow(10, r.nextInt(-8, 9));
        }
        return a;
    }

    @Test
    void theSimdProductGivesThePlainLoopsBitsAtEveryShape() {
        assertTrue(DenseProducts.SIMD, "the tests run with jdk.incubator.vector: the SIMD product must be the one in use");
        SplittableRandom r = new SplittableRandom(3);
        for (int rows : new int[] {1, 2, 3, 7, 8}) {
            for (int inner : new int[] {1, 5, 33}) {
                for (int cols = 1; cols <= 27; cols++) {
                    double[] a = mixed(r, rows * inner);
                    double[] b = mixed(r, inner * cols);
                    if (cols % 5 == 0) { // a non-finite b: the plain loops skip its zero-a terms, the SIMD path must too
                        b[r.nextInt(b.length)] = cols % 10 == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
                    }
                    assertSimdProductBits(a, b, rows, inner, cols);
                }
            }
        }
    }

    private static void assertSimdProductBits(double[] a, double[] b, int rows, int inner, int cols) {
        double[] plain = new double[rows * cols];
        double[] simd = new double[rows * cols];
        Arrays.fill(simd, Double.NaN); // every entry must be written
        DenseProducts.multiplyScalar(a, b, plain, rows, inner, cols);
        VectorDenseProducts.multiply(a, b, simd, rows, inner, cols);
        assertSameBits(plain, simd, rows + "×" + inner + "×" + cols);
    }

    /** Every entry of {@code actual} has the bits of {@code expected}'s (−0 and NaN payloads included). */
    private static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int t = 0; t < expected.length; t++) {
            assertEquals(Double.doubleToRawLongBits(expected[t]), Double.doubleToRawLongBits(actual[t]),
                    what + " entry " + t);
        }
    }

    @Test
    void theSimdProductOfAWideBGivesThePlainLoopsBits() {
        // b larger than VectorDenseProducts.WIDE_B (a PCA projection): packed panels, the last one partly past the
        // columns; rows of a four at a time, then one by one, in chunks of 64
        SplittableRandom r = new SplittableRandom(6);
        int inner = 300;
        for (int cols : new int[] {219, 224, 230, 233}) {
            assertTrue((long) inner * cols > VectorDenseProducts.WIDE_B);
            for (int rows : new int[] {1, 3, 4, 5, 8, 11, 70}) {
                assertSimdProductBits(mixed(r, rows * inner), mixed(r, inner * cols), rows, inner, cols);
            }
        }
    }

    @Test
    void theSimdGramMatrixGivesThePlainLoopsBitsAtEveryShapeAndTile() {
        assertTrue(DenseProducts.SIMD, "the tests run with jdk.incubator.vector: the SIMD Gram matrix must be the one in use");
        SplittableRandom r = new SplittableRandom(4);
        // more rows than a block of samples (128); widths around whole vectors and four-vector blocks; tiles that
        // cut rows and columns unevenly, and the defaults
        int[][] tiles = {{1, 1}, {3, 8}, {5, 17}, {DenseProducts.GRAM_TILE_ROWS, DenseProducts.GRAM_TILE_COLS}};
        for (int n : new int[] {1, 130, 300}) {
            for (int d : new int[] {1, 2, 7, 8, 9, 31, 33, 47, 64, 70}) {
                double[] x = mixed(r, n * d);
                double[] plain = new double[d * d];
                DenseProducts.gramScalar(x, n, d, plain, d, d);
                for (int[] tile : tiles) {
                    double[] simd = new double[d * d];
                    double[] scalarTiles = new double[d * d];
                    VectorDenseProducts.gram(x, n, d, simd, tile[0], tile[1]);
                    DenseProducts.gramScalar(x, n, d, scalarTiles, tile[0], tile[1]);
                    for (int a = 0; a < d; a++) {
                        for (int b = a; b < d; b++) { // the upper triangle: the lower is the caller's to mirror
                            String at = n + "×" + d + " tiles " + tile[0] + "×" + tile[1] + " entry " + a + "," + b;
                            assertEquals(Double.doubleToRawLongBits(plain[a * d + b]),
                                    Double.doubleToRawLongBits(simd[a * d + b]), "SIMD " + at);
                            assertEquals(Double.doubleToRawLongBits(plain[a * d + b]),
                                    Double.doubleToRawLongBits(scalarTiles[a * d + b]), "plain tiles " + at);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theSimdTransposedProductGivesThePlainLoopsBitsAtEveryShape() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 9}) {
            for (int d = 1; d <= 19; d++) {
                for (int k : new int[] {1, 3, 10}) {
                    double[] x = mixed(r, n * d);
                    double[] res = mixed(r, n * k);
                    if (d % 6 == 0) { // a non-finite r: the plain loops skip its zero-x terms, the SIMD path must too
                        res[r.nextInt(res.length)] = d % 12 == 0 ? Double.NaN : Double.NEGATIVE_INFINITY;
                    }
                    double[] plain = new double[d * k];
                    double[] simd = new double[d * k];
                    Arrays.fill(simd, Double.NaN); // every entry must be written
                    DenseProducts.transposeMultiplyScalar(x, res, plain, n, d, k);
                    VectorDenseProducts.transposeMultiply(x, res, simd, n, d, k);
                    assertSameBits(plain, simd, n + "×" + d + "×" + k);
                }
            }
        }
    }

    @Test
    void theTransposedProductGivesTheGradientProductsBits() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 41;
        int d = 13;
        int k = 10;
        double[] x = mixed(r, n * d);
        double[] res = mixed(r, n * k);
        double[] direct = new double[d * k];
        double[] viaTranspose = new double[d * k];
        DenseProducts.transposeMultiply(x, res, direct, n, d, k);
        DenseProducts.multiply(DenseProducts.transpose(x, n, d), res, viaTranspose, d, n, k);
        assertSameBits(viaTranspose, direct, "xᵀr");
    }
}
