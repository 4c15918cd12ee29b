package io.somnus.readout;

import org.hipparchus.optim.nonlinear.scalar.gradient.Preconditioner;

/**
 * {@link CovariancePreconditioner}'s {@code M⁻¹}, {@code M = XᵀX / n + λ I}, for fewer samples than features,
 * through the Woodbury identity
 * <pre>M⁻¹ = (I − Xᵀ H⁻¹ X) / λ,   H = n λ I + X Xᵀ   (n × n),</pre>
 * so the d × d matrix is never formed: its Gram product (n d² / 2 multiply-adds), Cholesky factor (d³ / 3) and
 * two triangular solves per iteration (2 d² per class) become an n × n product and factor and, per iteration,
 * three products with X (≈ 3 n d per class). At diehl-cook's N_e = 6 400 on 100 training images the factor alone
 * took 7–12 s and each iteration's solves ≈ 0.1 s. The same operator up to rounding, not the same bits, so the
 * logistic regression uses it only above {@link DenseProducts#WIDE_ABOVE} features, where the d × d one was the
 * slow part. Intercepts are left as they are.
 */
final class WoodburyPreconditioner implements Preconditioner {
    private final double[] x;
    /** Xᵀ, d × n: Xᵀ W as a plain product, which runs on the Vector API (the same sums as a transposed one). */
    private final double[] xTransposed;
    private final int n;
    private final int d;
    private final int classes;
    private final double lambda;
    /** Cholesky factor of H, row-major n × n lower-triangular. */
    private final double[] lowerH;
    /** Scratch of each call (not thread-safe, as the optimiser is not): Y (d × K), H⁻¹XY (n × K), XᵀH⁻¹XY (d × K). */
    private final double[] y;
    private final double[] w;
    private final double[] xtw;

    /**
     * @param x design, row-major n × d (not modified; held, not copied)
     * @param c inverse regularisation strength C
     */
    WoodburyPreconditioner(double[] x, int n, int d, int classes, double c) {
        this.x = x;
        this.xTransposed = DenseProducts.transpose(x, n, d);
        this.n = n;
        this.d = d;
        this.classes = classes;
        this.lambda = CovariancePreconditioner.lambda(c, n);
        // X Xᵀ is the Gram matrix of Xᵀ's columns; n λ = 4 / C on its diagonal
        this.lowerH = DenseProducts.gram(xTransposed, d, n, 1.0);
        for (int i = 0; i < n; i++) {
            lowerH[i * n + i] += n * lambda;
        }
        CovariancePreconditioner.factorInPlace(lowerH, n);
        this.y = new double[d * classes];
        this.w = new double[n * classes];
        this.xtw = new double[d * classes];
    }

    @Override
    public double[] precondition(double[] point, double[] r) {
        int blockStride = d + 1;
        CovariancePreconditioner.weightBlocks(r, d, classes, y, classes);
        DenseProducts.multiply(x, y, w, n, d, classes);
        CovariancePreconditioner.choleskySolve(lowerH, n, w, classes);
        DenseProducts.multiply(xTransposed, w, xtw, d, n, classes);
        double[] out = r.clone();
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                out[k * blockStride + j] = (y[j * classes + k] - xtw[j * classes + k]) / lambda;
            }
        }
        return out;
    }
}
