package io.somnus.sg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import io.somnus.core.CpuInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Row-major single-precision GEMM on top of netlib-java's column-major {@code sgemm}. The system property
 * {@code somnus.blas} chooses the implementation: {@code auto} (default) loads the system {@code libblas.so.3}
 * through JNI (OpenBLAS when Debian's {@code libopenblas0-pthread} is installed; keep it at one thread with
 * {@code OPENBLAS_NUM_THREADS=1}) and falls back to netlib's Java implementation; {@code native} requires the
 * former, {@code java} forces the latter. {@link #implementation()} says which one runs.
 * <p>
 * The results of a product depend on the implementation and, for OpenBLAS, on the kernels it picks for the CPU
 * (or {@code OPENBLAS_CORETYPE}): sums are blocked differently, so SG-SNN numbers can differ in the last digits
 * from one CPU to another. {@link #provenance()} records what ran.
 */
final class SgBlas {
    /** The system property that chooses the implementation. */
    static final String PROPERTY = "somnus.blas";

    private static final class Holder {
        static final BLAS INSTANCE = choose(System.getProperty(PROPERTY, "auto"));
        /** {@link #threads()}: the environment does not change while the JVM runs. */
        static final int THREADS = INSTANCE instanceof NativeBLAS
                ? threads(System::getenv, Runtime.getRuntime().availableProcessors()) : 1;
    }

    private SgBlas() {}

    private static BLAS choose(String choice) {
        return switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> BLAS.getInstance();
            case "java" -> JavaBLAS.getInstance();
            case "native" -> {
                try {
                    yield NativeBLAS.getInstance();
                } catch (RuntimeException e) {
                    throw new IllegalStateException("-D" + PROPERTY + "=native, but no native BLAS loads ("
                            + e.getMessage() + "); install libopenblas0-pthread or use auto or java", e);
                }
            }
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + choice
                    + " is not a BLAS choice; use auto, native or java");
        };
    }

    /**
     * The threads each product runs on: 1 for netlib's Java implementation; for a native BLAS, OpenBLAS's own choice
     * from the environment ({@link #threads(java.util.function.UnaryOperator, int)}).
     */
    static int threads() {
        return Holder.THREADS;
    }

    /**
     * The threads OpenBLAS (pthreads build) takes, as it reads them: the first positive one of
     * {@code OPENBLAS_NUM_THREADS}, {@code GOTO_NUM_THREADS} and {@code OMP_NUM_THREADS} (leading digits, as C's
     * {@code atoi}), else every processor; at most {@code processors}.
     */
    static int threads(UnaryOperator<String> env, int processors) {
        for (String name : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String value = env.apply(name);
            int n = value == null ? 0 : leadingInt(value.trim());
            if (n > 0) {
                return Math.min(n, processors);
            }
        }
        return processors;
    }

    private static int leadingInt(String s) {
        int end = 0;
        while (end < s.length() && end < 9 && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
    }

    /** Class name of the BLAS implementation in use, e.g. {@code dev.ludovic.netlib.blas.JNIBLAS}. */
    static String implementation() {
        return Holder.INSTANCE.getClass().getName();
    }

    /**
     * What the SG-SNN's arithmetic ran on: the implementation, the native library file it loaded (none for Java),
     * {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_NUM_THREADS} as set (OpenBLAS picks its kernels from the CPU
     * when the core type is unset), and the CPU's SIMD extensions.
     */
    static Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("blas_implementation", implementation());
        p.put("blas_library", Holder.INSTANCE instanceof NativeBLAS ? loadedBlasLibrary() : "none (Java)");
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        p.put("openblas_coretype", coretype == null || coretype.isBlank() ? "detected from the CPU" : coretype);
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        p.put("openblas_num_threads", threads == null ? "unset" : threads);
        p.put("cpu_simd", CpuInfo.simdFlags()); // the CPU model is in every run's provenance
        return p;
    }

    /** The BLAS shared library mapped into this process (real path), from /proc/self/maps. */
    private static String loadedBlasLibrary() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String file = line.substring(slash);
                String name = Path.of(file).getFileName().toString();
                if (name.startsWith("libblas") || name.startsWith("libopenblas") || name.startsWith("libmkl_rt")) {
                    return Path.of(file).toRealPath().toString();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
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
     * Products of at least this many multiply-adds run as two halves ({@link #gemmInHalves}); below it, a hand-over
     * to a second thread costs more than it gains.
     */
    static final long HALVES_FROM = 1L << 24;

    /**
     * {@link #gemm}, as two products over halves of C's longer side when it is large ({@link #HALVES_FROM}): the
     * second half on a second thread when {@code second}, else after the first. OpenBLAS sums an element of a half
     * differently from the same element of the whole product, but the split depends on the shape alone, so one
     * thread and two give the same bits.
     */
    static void gemmInHalves(boolean second, boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int offA, int lda, float[] b, int offB, int ldb,
                             float beta, float[] c, int offC, int ldc) {
        if ((long) m * n * k < HALVES_FROM || Math.max(m, n) < 2 * HALF_ALIGN) {
            gemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
        } else if (m >= n) { // halves of C's rows: of op(A)'s rows
            int top = half(m);
            SgThreads.both(second,
                    () -> gemm(transA, transB, top, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc),
                    () -> gemm(transA, transB, m - top, n, k, alpha, a, offA + (transA ? top : top * lda), lda,
                            b, offB, ldb, beta, c, offC + top * ldc, ldc));
        } else { // halves of C's columns: of op(B)'s columns
            int left = half(n);
            SgThreads.both(second,
                    () -> gemm(transA, transB, m, left, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc),
                    () -> gemm(transA, transB, m, n - left, k, alpha, a, offA, lda,
                            b, offB + (transB ? left * ldb : left), ldb, beta, c, offC + left, ldc));
        }
    }

    /** Halves start at a multiple of this (whole SIMD registers of floats in BLAS kernels). */
    private static final int HALF_ALIGN = 16;

    private static int half(int n) {
        return (n / 2 + HALF_ALIGN - 1) / HALF_ALIGN * HALF_ALIGN;
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
        Holder.INSTANCE.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, offB, ldb, a, offA, lda, beta, c, offC, ldc);
    }
}
