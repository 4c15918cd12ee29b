package io.somnus.readout;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The BLAS instance used for the readouts' dense products (package-private). dev.ludovic.netlib picks
 * the system's native BLAS (OpenBLAS where installed) and falls back to a Java implementation. Results
 * are bitwise reproducible for one backend and thread count; different backends may differ in the
 * last bits.
 */
final class Blas {
    static final BLAS BLAS = dev.ludovic.netlib.blas.BLAS.getInstance();

    private Blas() {
    }

    /**
     * {@code c (rows × cols, row-major) = a (rows × inner, row-major) · b (inner × cols, row-major)}.
     * Uses the identity that a row-major matrix is the column-major transpose.
     */
    static void multiply(double[] a, double[] b, double[] c, int rows, int inner, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (inner == 0) {
            java.util.Arrays.fill(c, 0, rows * cols, 0.0);
            return;
        }
        // column-major: cᵀ (cols × rows) = bᵀ (cols × inner) · aᵀ (inner × rows)
        BLAS.dgemm("N", "N", cols, rows, inner, 1.0, b, cols, a, inner, 0.0, c, cols);
    }
}
