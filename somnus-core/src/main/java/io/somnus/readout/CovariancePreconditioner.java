package io.somnus.readout;

import org.hipparchus.optim.nonlinear.scalar.gradient.Preconditioner;

/**
 * Preconditioner for the conjugate-gradient fit of {@link SoftmaxObjective}: each class's weight block
 * of the descent direction is multiplied by {@code M⁻¹}, with
 * <pre>M = XᵀX / n + λ I,   λ = 4 / (C n),</pre>
 * an approximation of the weight Hessian up to the softmax curvature factor p(1 − p) ≤ ¼ (hence λ is
 * the penalty 1/(Cn) over ¼). Intercepts are left as they are. For correlated features (neurons with
 * similar receptive fields) this cuts the number of iterations several-fold; on whitened features M is
 * about the identity and it is not used. The product XᵀX comes from {@link DenseProducts}, the
 * factorisation M = L Lᵀ from {@link #factorInPlace} (Hipparchus' Cholesky decomposition, operation for
 * operation, in the product's own array: one d × d array where Hipparchus held five, 1.6 GB at d = 6 400), the two
 * triangular solves per iteration run over all classes at once, on the Vector API where the JVM has it
 * ({@link VectorDenseProducts#choleskySolve}: the same operations in the same order, so the same bits).
 */
final class CovariancePreconditioner implements Preconditioner {
    private final int d;
    private final int classes;
    /** Lower-triangular L, row-major d × d. */
    private final double[] lower;
    /** L's nonzero entries below the diagonal, for the SIMD solves; null without them. */
    private final VectorDenseProducts.LowerRows rows;
    /** Classes per row of {@link #work}: padded to whole vectors for the SIMD solves. */
    private final int stride;
    private final double[] work;

    /**
     * @param x design, row-major n × d (not modified)
     * @param c inverse regularisation strength C
     */
    CovariancePreconditioner(double[] x, int n, int d, int classes, double c) {
        this.d = d;
        this.classes = classes;
        double lambda = lambda(c, n);
        this.lower = DenseProducts.gram(x, n, d, 1.0 / n);
        for (int i = 0; i < d; i++) {
            lower[i * d + i] += lambda;
        }
        factorInPlace(lower, d);
        this.rows = DenseProducts.SIMD ? new VectorDenseProducts.LowerRows(lower, d) : null;
        this.stride = DenseProducts.SIMD ? VectorDenseProducts.paddedWidth(classes) : classes;
        this.work = new double[d * stride];
    }

    /** λ = 4 / (C n): the penalty 1/(C n) over the softmax curvature's bound ¼. */
    static double lambda(double c, int n) {
        return 4.0 / (c * n);
    }

    /** {@code y} (d × K, row-major, rows {@code stride} apart) ← the K weight blocks of {@code r} (d + 1 per class). */
    static void weightBlocks(double[] r, int d, int classes, double[] y, int stride) {
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                y[j * stride + k] = r[k * (d + 1) + j];
            }
        }
    }

    @Override
    public double[] precondition(double[] point, double[] r) {
        int blockStride = d + 1;
        weightBlocks(r, d, classes, work, stride);
        if (rows != null) {
            VectorDenseProducts.choleskySolve(lower, d, rows, work, stride);
        } else {
            choleskySolve(lower, d, work, classes);
        }
        double[] out = r.clone();
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                out[k * blockStride + j] = work[j * stride + k];
            }
        }
        return out;
    }

    /**
     * Replaces the symmetric positive definite {@code a} (d × d, row-major; only its upper triangle is read) by its
     * Cholesky factor L (lower triangle, row-major; zeros above the diagonal), with the floating-point operations of
     * Hipparchus' {@code CholeskyDecomposition} on the same matrix: row i of Lᵀ is the diagonal's square root and the
     * rest of the row times its inverse, then each later row q loses {@code Lᵀ[i][q]·Lᵀ[i][p]} at every p ≥ q, so each
     * entry sees its subtractions in ascending i, as there (in panels of {@link #BLOCK} rows and, on the Vector API,
     * four vectors of columns at a time). Hence the same bits (tested against Hipparchus).
     *
     * @throws IllegalArgumentException if a diagonal entry reaches 0 or below (not positive definite)
     */
    static void factorInPlace(double[] a, int d) {
        // blocked: a panel of BLOCK rows of Lᵀ is finished, then its updates reach the rows below it together, each
        // entry still in ascending i; the matrix is swept once per panel instead of once per row
        for (int from = 0; from < d; from += BLOCK) {
            int to = Math.min(from + BLOCK, d);
            for (int i = from; i < to; i++) {
                int ri = i * d;
                if (!(a[ri + i] > 0)) {
                    throw new IllegalArgumentException("the feature covariance is not positive definite (pivot " + i
                            + " of " + d + " is " + a[ri + i] + ")");
                }
                double diagonal = Math.sqrt(a[ri + i]);
                a[ri + i] = diagonal;
                double inverse = 1.0 / diagonal;
                for (int q = i + 1; q < d; q++) {
                    a[ri + q] *= inverse;
                }
                for (int q = i + 1; q < to; q++) {
                    double liq = a[ri + q];
                    int rq = q * d;
                    for (int p = q; p < d; p++) {
                        a[rq + p] -= liq * a[ri + p];
                    }
                }
            }
            if (to < d) {
                if (DenseProducts.SIMD) {
                    VectorDenseProducts.choleskyUpdate(a, d, from, to);
                } else {
                    choleskyUpdate(a, d, from, to);
                }
            }
        }
        // Lᵀ (upper) → L (lower): swap across the diagonal; the never-read lower triangle is cleared on the way
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                a[j * d + i] = a[i * d + j];
                a[i * d + j] = 0;
            }
        }
    }

    /** Rows of Lᵀ finished together before their updates reach the rows below. */
    static final int BLOCK = 32;
    /** Columns of the trailing rows updated together: the panel's part of them (BLOCK × 4 KiB) stays in cache. */
    static final int TILE = 512;

    /**
     * The trailing update of one panel, on upper-triangular row-major {@code a}: for rows q ≥ {@code to} and columns
     * p ≥ q, {@code a[q][p] −= a[i][q]·a[i][p]} for i = from, …, to − 1 in that order (column tiles of {@link #TILE}).
     */
    static void choleskyUpdate(double[] a, int d, int from, int to) {
        for (int tile = to; tile < d; tile += TILE) {
            int tileEnd = Math.min(tile + TILE, d);
            for (int q = to; q < tileEnd; q++) {
                for (int p = Math.max(tile, q); p < tileEnd; p++) {
                    updateEntry(a, d, from, to, q, p);
                }
            }
        }
    }

    /** One entry of {@link #choleskyUpdate}: {@code a[q][p] −= a[i][q]·a[i][p]} for i = from, …, to − 1 in order. */
    static void updateEntry(double[] a, int d, int from, int to, int q, int p) {
        double x = a[q * d + p];
        for (int i = from; i < to; i++) {
            x -= a[i * d + q] * a[i * d + p];
        }
        a[q * d + p] = x;
    }

    /**
     * Solves {@code L Lᵀ u = y} in place for the {@code k} columns of {@code work} (d × k, row-major): first
     * {@code L z = y} row by row, then {@code Lᵀ u = z} from the last row up. Each entry sees its subtractions in
     * ascending (forward) or descending (backward) row order; exact zeros of L are skipped.
     */
    static void choleskySolve(double[] lower, int d, double[] work, int k) {
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            int oi = i * k;
            for (int j = 0; j < i; j++) {
                double lij = lower[ri + j];
                if (lij != 0) {
                    int oj = j * k;
                    for (int c = 0; c < k; c++) {
                        work[oi + c] -= lij * work[oj + c];
                    }
                }
            }
            double inv = 1.0 / lower[ri + i];
            for (int c = 0; c < k; c++) {
                work[oi + c] *= inv;
            }
        }
        // u_i = z_i / L_ii, then z_j −= L_ij u_i for j < i
        for (int i = d - 1; i >= 0; i--) {
            int ri = i * d;
            int oi = i * k;
            double inv = 1.0 / lower[ri + i];
            for (int c = 0; c < k; c++) {
                work[oi + c] *= inv;
            }
            for (int j = 0; j < i; j++) {
                double lij = lower[ri + j];
                if (lij != 0) {
                    int oj = j * k;
                    for (int c = 0; c < k; c++) {
                        work[oj + c] -= lij * work[oi + c];
                    }
                }
            }
        }
    }
}
