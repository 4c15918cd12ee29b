package io.somnus.sg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Row-major single-precision GEMM on top of netlib-java's column-major {@code sgemm}. {@link BLAS#getInstance()}
 * loads the system {@code libblas.so.3} through JNI (OpenBLAS when Debian's {@code libopenblas0-pthread} is
 * installed; keep it at one thread with {@code OPENBLAS_NUM_THREADS=1}) and falls back to a pure-Java
 * implementation otherwise; {@link #implementation()} says which one runs.
 */
final class SgBlas {
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private SgBlas() {}

    /** Class name of the BLAS implementation in use, e.g. {@code dev.ludovic.netlib.blas.JNIBLAS}. */
    static String implementation() {
        return BLAS_INSTANCE.getClass().getName();
    }

    /**
     * Best single-precision GEMM speed of three 512×512×512 products, in GFLOP/s (about a tenth of a second): a
     * quick check that the native BLAS is really fast on this CPU. OpenBLAS that does not recognise a virtualised
     * CPU falls back to its generic "Prescott" kernels, several times slower; {@code OPENBLAS_CORETYPE} (e.g.
     * {@code Haswell} for AVX2, {@code SkylakeX} for AVX-512) set before the JVM starts fixes that.
     */
    static double measureGflops() {
        int n = 512;
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 7) * 0.125f;
            b[i] = (i % 5) * 0.25f;
        }
        double best = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            long dt = System.nanoTime() - t0;
            best = Math.max(best, 2.0 * n * n * n / dt);
        }
        return best;
    }

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C} with all matrices row-major: {@code op(A)} is m×k, {@code op(B)} is
     * k×n, C is m×n. {@code lda}, {@code ldb}, {@code ldc} are the row strides as stored (columns of the stored
     * matrix). A and B are not modified.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int offA, int lda, float[] b, int offB, int ldb,
                     float beta, float[] c, int offC, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < n; j++) {
                    c[offC + r * ldc + j] *= beta;
                }
            }
            return;
        }
        // Row-major C = op(A)·op(B) is column-major Cᵀ = op(B)ᵀ·op(A)ᵀ, and a row-major matrix read column-major
        // is its transpose: so swap the operands and keep the transpose flags.
        BLAS_INSTANCE.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, offB, ldb, a, offA, lda, beta, c, offC, ldc);
    }
}
