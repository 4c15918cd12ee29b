package io.somnus.readout;

import java.util.Arrays;

/**
 * The readouts' dense matrix products in plain Java, so that a readout gives the same bits on every CPU.
 * <p>
 * Why not BLAS: a native BLAS (OpenBLAS) picks its kernels per CPU family and sums in a block order that
 * depends on them, so the same fit differed in the last bits between an Intel and an AMD machine, and the
 * logistic regression's value-based stop then ended on another iterate. Java's double arithmetic is
 * IEEE 754 with no fused multiply-add contraction and no reassociation (the JIT may use SIMD instructions
 * only where the order of every sum stays as written), so each entry below is summed in one fixed order:
 * ascending over the sample index, whatever the CPU or vector width. The readouts work on at most about
 * 10 000 × 1 600 matrices, where these loops take well under a second per product.
 * <p>
 * Matrices are row-major flat arrays; inputs are not modified.
 */
final class DenseProducts {
    private DenseProducts() {
    }

    /**
     * Whether {@link #multiply} runs on the Vector API ({@link VectorDenseProducts}: the same bits, faster), which needs
     * the JVM option {@code --add-modules jdk.incubator.vector}; {@code -Dsomnus.readout.simd=false} turns it off.
     */
    static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("somnus.readout.simd"));

    /**
     * Features beyond which, given no more samples than features, the readouts work with the samples' n × n Gram
     * matrix instead of the features' d × d one ({@link Pca}'s decomposition, {@link WoodburyPreconditioner}); at or
     * below it with the d × d one, as before, so results up to this size keep their bits.
     */
    static final int WIDE_ABOVE = 2048;

    /**
     * {@code c (rows × cols) = a (rows × inner) · b (inner × cols)}; each entry summed over the inner index
     * in ascending order.
     */
    static void multiply(double[] a, double[] b, double[] c, int rows, int inner, int cols) {
        if (SIMD) {
            VectorDenseProducts.multiply(a, b, c, rows, inner, cols);
        } else {
            multiplyScalar(a, b, c, rows, inner, cols);
        }
    }

    /** {@link #multiply} in plain loops (the definition the SIMD version is tested against). */
    static void multiplyScalar(double[] a, double[] b, double[] c, int rows, int inner, int cols) {
        Arrays.fill(c, 0, rows * cols, 0.0);
        for (int i = 0; i < rows; i++) {
            int ci = i * cols;
            int ai = i * inner;
            for (int k = 0; k < inner; k++) {
                double aik = a[ai + k];
                if (aik != 0) { // skipping exact zeros (silent neurons) changes no sum: c + 0·b = c for finite b
                    int bk = k * cols;
                    for (int j = 0; j < cols; j++) {
                        c[ci + j] += aik * b[bk + j];
                    }
                }
            }
        }
    }

    /** Rows and columns of a tile of the Gram matrix: 64 × 512 doubles (256 KiB) stay in a core's L2 cache. */
    static final int GRAM_TILE_ROWS = 64;
    static final int GRAM_TILE_COLS = 512;

    /**
     * The scaled Gram matrix {@code scale · XᵀX} (d × d, both triangles) of a row-major {@code n × d} array;
     * each entry summed over the rows in ascending order, then scaled.
     */
    static double[] gram(double[] x, int n, int d, double scale) {
        return gram(x, n, d, scale, GRAM_TILE_ROWS, GRAM_TILE_COLS);
    }

    /**
     * As above, one tile of the upper triangle at a time: all rows pass over a tile before the next, so the tile
     * stays in the cache where row-by-row updates of the whole matrix streamed all d² entries from memory for each
     * row (at d = 6 400 and n = 20 000 that took minutes). Each entry is still summed over the rows in ascending
     * order: the same bits whatever the tile.
     */
    static double[] gram(double[] x, int n, int d, double scale, int tileRows, int tileCols) {
        double[] g = new double[d * d];
        if (SIMD && allFinite(x, n * d)) {
            VectorDenseProducts.gram(x, n, d, g, tileRows, tileCols);
        } else {
            gramScalar(x, n, d, g, tileRows, tileCols);
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double v = g[a * d + b] * scale;
                g[a * d + b] = v;
                g[b * d + a] = v;
            }
        }
        return g;
    }

    /** Whether {@code x[0, length)} holds no NaN or infinity (the SIMD products' ±0 argument needs finite terms). */
    static boolean allFinite(double[] x, int length) {
        for (int t = 0; t < length; t++) {
            if (!Double.isFinite(x[t])) {
                return false;
            }
        }
        return true;
    }

    /** The upper triangle of XᵀX, unscaled, into {@code g} in plain loops (the definition the SIMD one is tested against). */
    static void gramScalar(double[] x, int n, int d, double[] g, int tileRows, int tileCols) {
        for (int a0 = 0; a0 < d; a0 += tileRows) {
            int a1 = Math.min(d, a0 + tileRows);
            for (int b0 = a0; b0 < d; b0 += tileCols) {
                int b1 = Math.min(d, b0 + tileCols);
                for (int i = 0; i < n; i++) {
                    int xi = i * d;
                    for (int a = a0; a < a1; a++) {
                        double xa = x[xi + a];
                        if (xa != 0) {
                            int ga = a * d;
                            for (int b = Math.max(a, b0); b < b1; b++) {
                                g[ga + b] += xa * x[xi + b];
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code xᵀ} (cols × rows, row-major) of a row-major {@code rows × cols} array. */
    static double[] transpose(double[] x, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    /**
     * {@code out (d × k) = xᵀ (d × n) · r (n × k)} for row-major {@code x (n × d)} and {@code r (n × k)}:
     * {@code out[j][c] = Σ_i x[i][j] r[i][c]}, summed over the rows in ascending order.
     */
    static void transposeMultiply(double[] x, double[] r, double[] out, int n, int d, int k) {
        if (SIMD) {
            VectorDenseProducts.transposeMultiply(x, r, out, n, d, k);
        } else {
            transposeMultiplyScalar(x, r, out, n, d, k);
        }
    }

    /** {@link #transposeMultiply} in plain loops (the definition the SIMD version is tested against). */
    static void transposeMultiplyScalar(double[] x, double[] r, double[] out, int n, int d, int k) {
        Arrays.fill(out, 0, d * k, 0.0);
        for (int i = 0; i < n; i++) {
            int xi = i * d;
            int ri = i * k;
            for (int j = 0; j < d; j++) {
                double xij = x[xi + j];
                if (xij != 0) {
                    int oj = j * k;
                    for (int c = 0; c < k; c++) {
                        out[oj + c] += xij * r[ri + c];
                    }
                }
            }
        }
    }
}
