package io.somnus.readout;

import io.somnus.core.NumberText;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Principal component analysis by eigen-decomposition of the sample covariance
 * <pre>S = Xcᵀ Xc / (n − 1),   Xc = X − 1·μᵀ,   S v_i = λ_i v_i,   λ_1 ≥ λ_2 ≥ … ≥ λ_d ≥ 0</pre>
 * (XcᵀXc by {@link DenseProducts}; the decomposition by Hipparchus' {@link EigenDecompositionSymmetric} up to
 * order {@link #EJML_ABOVE}, by EJML's symmetric QR algorithm above and where Hipparchus' does not converge (fewer
 * samples than features below that order, e.g. N_e = 1 600 on 1 000 images; where {@link #hipparchusFails} predicts
 * that, without trying Hipparchus): all pure Java and so bitwise the same on every
 * CPU. Native LAPACK {@code dsyevd} is about 40× faster at d = 1600 but returned different last bits in half of
 * repeated runs on identical input, so it is not used.)
 * With no more samples than varying features, and more of those than {@link DenseProducts#WIDE_ABOVE}, the same nonzero
 * eigenpairs come from the n × n matrix Xc Xcᵀ / (n − 1) instead: at diehl-cook's N_e = 6 400 the d × d
 * decomposition needed ≈ 2 GB, and Hipparchus' QL iteration did not converge on 64 validation images (its SVD
 * fallback ran for minutes).
 * Keeps the smallest number k of leading components whose cumulative explained variance ratio
 * {@code Σ_{i≤k} λ_i / Σ_i λ_i} is at least {@code varianceToKeep} (scikit-learn's
 * {@code PCA(n_components=0.95)} uses "strictly greater than"; the difference only shows at an exact
 * tie). A component whose eigenvalue is numerically zero ({@code λ_i ≤ 10⁻¹² λ_1}) is never kept, so
 * whitening cannot divide by zero; if every feature is constant, k = 0.
 * <p>
 * The transform is {@code y_i = v_iᵀ (x − μ)}, divided by {@code sqrt(λ_i)} when whitened (so each kept
 * coordinate has unit sample variance on the training set, as scikit-learn's {@code whiten=True}).
 * Each eigenvector's sign is fixed so that its entry of largest magnitude is positive (the first such
 * entry on ties), which makes the result independent of the decomposition's sign choice.
 */
public final class Pca {
    /** The paper's rule: keep 95 % of the variance (Massey et al. 2026). */
    public static final double DEFAULT_VARIANCE_TO_KEEP = 0.95;
    /**
     * Matrices of higher order are decomposed by EJML, whose blocked reduction made a PCA of 2 400 features 5.9×
     * faster than Hipparchus (JMH {@code PcaBenchmark}: 12.5 s against 73.2 s); Hipparchus keeps the smaller ones, so
     * that the results of studies at up to 2 048 features keep their bits.
     */
    static final int EJML_ABOVE = DenseProducts.WIDE_ABOVE;
    /**
     * Hipparchus' QL iteration gives up after 30 iterations on one eigenvalue, and a covariance whose rank r is well
     * below its order m (fewer samples than varying features) holds a cluster of m − r zero eigenvalues that takes it
     * past them. Where both r and m − r are at least this, it failed on every covariance of spike counts tried (ranks
     * 32 to 999 with clusters of 48 to 1 300, and ranks 64 to 600 from 32; diehl-cook's N_e = 1 600 at each checkpoint
     * of a short run: ≈ 20 s lost each time), so EJML decomposes such a matrix straight away, with the bits it gave
     * after Hipparchus' failure. Smaller clusters or ranks keep Hipparchus, which converged on many of them (clusters
     * of up to 24 at every rank tried, of 300 at ranks 2 and 11, of 64 at rank 16): there its bits are the study's.
     */
    static final int HIPPARCHUS_FAILS_AT = 64;
    /** Eigenvalues at or below this fraction of the largest are treated as zero. */
    static final double RELATIVE_ZERO_EIGENVALUE = 1e-12;

    private final int d;
    private final int k;
    private final boolean whiten;
    private final double[] mean;
    /** k × d, row i = unit eigenvector v_i. */
    private final double[][] components;
    /** all d eigenvalues, descending, clamped at 0. */
    private final double[] eigenvalues;
    /** d × k row-major, projection[j*k+i] = v_i[j] · scale_i. */
    private final double[] projection;
    /** −μᵀ·projection, length k. */
    private final double[] offset;

    private Pca(int d, int k, boolean whiten, double[] mean, double[][] components, double[] eigenvalues) {
        this.d = d;
        this.k = k;
        this.whiten = whiten;
        this.mean = mean;
        this.components = components;
        this.eigenvalues = eigenvalues;
        this.projection = new double[d * k];
        this.offset = new double[k];
        for (int i = 0; i < k; i++) {
            double s = whiten ? 1.0 / Math.sqrt(eigenvalues[i]) : 1.0;
            double b = 0;
            for (int j = 0; j < d; j++) {
                double p = components[i][j] * s;
                projection[j * k + i] = p;
                b -= mean[j] * p;
            }
            offset[i] = b;
        }
    }

    /**
     * Fits on the rows of {@code x} (not modified): centres, but does not scale (compose with a
     * {@link Standardizer} for PCA on z-scores).
     *
     * @param varianceToKeep fraction of the variance to keep, in (0, 1]
     * @param whiten         divide each kept coordinate by the square root of its eigenvalue
     */
    public static Pca fit(double[][] x, double varianceToKeep, boolean whiten) {
        int d = Features.columns(x, "features");
        return fitFlat(Features.flatten(x, d), x.length, d, varianceToKeep, whiten);
    }

    /**
     * Fits on a row-major {@code n × d} array, which is centred in place (the caller passes a scratch
     * copy).
     */
    static Pca fitFlat(double[] x, int n, int d, double varianceToKeep, boolean whiten) {
        return fitFlat(x, n, d, varianceToKeep, whiten, DenseProducts.WIDE_ABOVE);
    }

    /** As above; the n × n decomposition serves n ≤ m varying features when m exceeds {@code dualAbove}. */
    static Pca fitFlat(double[] x, int n, int d, double varianceToKeep, boolean whiten, int dualAbove) {
        return fitFlat(x, n, d, varianceToKeep, whiten, dualAbove, EJML_ABOVE);
    }

    /** As above; EJML decomposes the matrices of order above {@code ejmlAbove}. */
    static Pca fitFlat(double[] x, int n, int d, double varianceToKeep, boolean whiten, int dualAbove,
            int ejmlAbove) {
        return fitReleasing(new double[][] {x}, n, d, varianceToKeep, whiten, dualAbove, ejmlAbove);
    }

    /**
     * {@link #fitFlat} on the array {@code scratch[0]}, which it sets to null once it no longer needs it: the d × d
     * path lets go of the n × d data when it has the covariance, so that a caller who keeps no other reference does
     * not hold it beside the decomposition's copies (at N_e = 6 400 and 20 000 images, 1 GiB beside 1.2 GiB).
     */
    static Pca fitReleasing(double[][] scratch, int n, int d, double varianceToKeep, boolean whiten) {
        return fitReleasing(scratch, n, d, varianceToKeep, whiten, DenseProducts.WIDE_ABOVE, EJML_ABOVE);
    }

    private static Pca fitReleasing(double[][] scratch, int n, int d, double varianceToKeep, boolean whiten,
            int dualAbove, int ejmlAbove) {
        double[] x = scratch[0];
        checkVarianceToKeep(varianceToKeep);
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 samples, got " + n);
        }
        double[] mean = Standardizer.columnMeans(x, n, d);
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                x[o + j] -= mean[j];
            }
        }
        double[] eigenvalues = new double[d];
        if (d == 0) {
            return new Pca(0, 0, whiten, mean, new double[0][], eigenvalues);
        }
        boolean[] varies = new boolean[d];
        for (int t = 0; t < n * d; t++) {
            varies[t % d] |= x[t] != 0;
        }
        int m = 0;
        for (boolean v : varies) {
            m += v ? 1 : 0;
        }
        Eigenvectors eigen;
        if (n <= m && m > dualAbove) {
            eigen = dualDecomposition(x, n, d, eigenvalues, ejmlAbove);
        } else {
            x = null; // scratch[0] is the only reference left, which the decomposition drops
            eigen = primalDecomposition(scratch, n, d, eigenvalues, ejmlAbove);
        }
        if (eigen == null) { // every feature constant
            return new Pca(d, 0, whiten, mean, new double[0][], eigenvalues);
        }
        double total = 0;
        for (double e : eigenvalues) {
            total += e;
        }
        double zero = eigenvalues[0] * RELATIVE_ZERO_EIGENVALUE;
        int k = 0;
        double cumulative = 0;
        while (k < d && eigenvalues[k] > zero) {
            cumulative += eigenvalues[k];
            k++;
            if (cumulative / total >= varianceToKeep) {
                break;
            }
        }
        double[][] components = new double[k][];
        for (int i = 0; i < k; i++) {
            double[] c = eigen.component(i);
            int big = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(c[j]) > Math.abs(c[big])) {
                    big = j;
                }
            }
            if (c[big] < 0) {
                for (int j = 0; j < d; j++) {
                    c[j] = -c[j];
                }
            }
            components[i] = c;
        }
        return new Pca(d, k, whiten, mean, components, eigenvalues);
    }

    /**
     * Bytes {@link #fitFlat} allocates at its peak for n samples of d features, all varying (a lower bound: arrays
     * only): the n × n path holds Xcᵀ with its Gram matrix, then that matrix with the decomposition's; the d × d
     * path the covariance with the decomposition's. Hipparchus holds one copy of an m × m matrix, EJML three (the
     * matrix kept for its fallback, the eigenvectors as a matrix and as columns; it reduces the matrix in place).
     */
    static long fitBytes(int n, int d) {
        return fitBytes(n, d, DenseProducts.WIDE_ABOVE, EJML_ABOVE);
    }

    /** As above, for {@link #fitFlat}'s thresholds. */
    static long fitBytes(int n, int d, int dualAbove, int ejmlAbove) {
        boolean dual = n <= d && d > dualAbove;
        int m = dual ? n : d;
        long mm = (long) m * m;
        long decomposition = mm * (m > ejmlAbove ? 4 : 2);
        return Double.BYTES * (dual ? Math.max((long) n * d + mm, decomposition) : decomposition);
    }

    /**
     * The peak of {@link #fitReleasing} with its n × d data counted, for a caller that keeps no other reference to
     * it: the d × d path holds the data beside the covariance, then the decomposition's copies without it.
     */
    static long releasingPeakBytes(int n, int d) {
        long data = (long) Double.BYTES * n * d;
        boolean dual = n <= d && d > DenseProducts.WIDE_ABOVE;
        return dual ? data + fitBytes(n, d) : Math.max(data + (long) Double.BYTES * d * d, fitBytes(n, d));
    }

    /** Unit eigenvectors in descending order of eigenvalue, each built over all d features only when kept. */
    private interface Eigenvectors {
        double[] component(int i);
    }

    /**
     * The d × d decomposition of the centred data {@code scratch[0]}, which it sets to null once it has the
     * covariance: fills {@code eigenvalues} (descending, clamped at 0) and returns the eigenvectors over the varying
     * features, or null if every feature is constant.
     */
    private static Eigenvectors primalDecomposition(double[][] scratch, int n, int d, double[] eigenvalues,
            int ejmlAbove) {
        double[] cov = DenseProducts.gram(scratch[0], n, d, 1.0 / (n - 1));
        scratch[0] = null;
        double trace = 0;
        for (int r = 0; r < d; r++) {
            trace += cov[r * d + r];
        }
        if (!(trace > 0)) {
            return null;
        }
        // Constant features (zero variance) add only zero eigenvalues; leaving them out of the decomposition
        // avoids Hipparchus' QL iteration failing to converge on large blocks of zeros (seen with silent
        // neurons), and their entries of every eigenvector are exactly 0.
        int[] live = new int[d];
        int m = 0;
        for (int j = 0; j < d; j++) {
            if (cov[j * d + j] > 0) {
                live[m++] = j;
            }
        }
        double[] sub = cov;
        if (m < d) {
            sub = new double[m * m];
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    sub[a * m + b] = cov[live[a] * d + live[b]];
                }
            }
        }
        cov = null; // d² doubles no longer needed while the decomposition holds its copies
        double[] raw = new double[m];
        double[][] vectors = new double[m][];
        decompose(sub, m, Math.min(n - 1, m), raw, vectors, ejmlAbove);
        for (int i = 0; i < m; i++) {
            eigenvalues[i] = Math.max(0.0, raw[i]);
        }
        int varying = m;
        return i -> {
            double[] c = new double[d];
            for (int a = 0; a < varying; a++) {
                c[live[a]] = vectors[i][a];
            }
            return c;
        };
    }

    /**
     * The n × n decomposition for fewer samples than features: the centred Gram matrix K = Xc Xcᵀ / (n − 1) has
     * the covariance's nonzero eigenvalues, and K u = λ u gives the covariance's eigenvector v ∝ Xcᵀ u (normalised
     * here). O(n² d + n³) time and n² + n d memory instead of the covariance's O(d³) and several d² copies
     * (diehl-cook's N_e = 6 400 on 1 000 validation images: ≈ 0.1 GB instead of ≈ 2 GB). Fills {@code eigenvalues} as
     * {@link #primalDecomposition} does; the rest are 0.
     */
    private static Eigenvectors dualDecomposition(double[] x, int n, int d, double[] eigenvalues,
            int ejmlAbove) {
        double[] k = DenseProducts.gram(DenseProducts.transpose(x, n, d), d, n, 1.0 / (n - 1));
        double trace = 0;
        for (int r = 0; r < n; r++) {
            trace += k[r * n + r];
        }
        if (!(trace > 0)) {
            return null;
        }
        double[] raw = new double[n];
        double[][] u = new double[n][];
        decompose(k, n, n - 1, raw, u, ejmlAbove);
        for (int i = 0; i < n; i++) {
            eigenvalues[i] = Math.max(0.0, raw[i]);
        }
        // v ∝ Xcᵀ u costs n·d multiply-adds per component: only for those fitFlat keeps
        return i -> {
            double[] v = new double[d];
            for (int r = 0; r < n; r++) {
                double ur = u[i][r];
                int o = r * d;
                for (int j = 0; j < d; j++) {
                    v[j] += ur * x[o + j];
                }
            }
            double norm = 0;
            for (double vj : v) {
                norm += vj * vj;
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (int j = 0; j < d; j++) {
                    v[j] /= norm;
                }
            }
            return v;
        };
    }

    /**
     * Eigen-decomposition of the symmetric positive semi-definite m × m matrix {@code sym} (row-major; overwritten
     * where EJML decomposes it), eigenvalues descending. Of order up to {@code ejmlAbove} by Hipparchus, above by
     * EJML; where Hipparchus' iteration does not converge, by EJML too, which falls back to the singular value
     * decomposition (equal for such a matrix) when its own does not. Hipparchus is not tried where
     * {@link #hipparchusFails} predicts it fails.
     *
     * @param rankAtMost a bound on the matrix's rank (a covariance of n samples: n − 1)
     */
    static void decompose(double[] sym, int m, int rankAtMost, double[] values, double[][] vectors, int ejmlAbove) {
        if (m == 0) {
            return;
        }
        if (m > ejmlAbove || hipparchusFails(m, rankAtMost)) {
            decomposeEjml(sym, m, values, vectors);
            return;
        }
        double[][] rows = new double[m][];
        for (int r = 0; r < m; r++) {
            rows[r] = Arrays.copyOfRange(sym, r * m, (r + 1) * m);
        }
        try {
            EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(
                    new Array2DRowRealMatrix(rows, false), EigenDecompositionSymmetric.DEFAULT_EPSILON, true);
            double[] raw = eig.getEigenvalues();
            for (int i = 0; i < m; i++) {
                values[i] = raw[i];
                vectors[i] = eig.getEigenvector(i).toArray();
            }
        } catch (MathIllegalStateException e) {
            // Hipparchus' QL iteration fails on covariances of fewer samples than features (a cluster of zero
            // eigenvalues) that hipparchusFails does not predict. Its SVD took 2-3 minutes per fit at N_e = 1 600;
            // EJML decomposes the same matrix in seconds (and takes its own SVD if it fails)
            rows = null;
            decomposeEjml(sym, m, values, vectors);
        }
    }

    /**
     * Whether Hipparchus' iteration is known not to converge on a matrix of order m and rank at most
     * {@code rankAtMost} ({@link #HIPPARCHUS_FAILS_AT}).
     */
    static boolean hipparchusFails(int m, int rankAtMost) {
        return rankAtMost >= HIPPARCHUS_FAILS_AT && m - rankAtMost >= HIPPARCHUS_FAILS_AT;
    }

    /**
     * EJML's symmetric QR algorithm after a blocked tridiagonal reduction (the SVD if it does not converge); it
     * returns the pairs unordered, so they are sorted here, descending, ties in EJML's order.
     */
    private static void decomposeEjml(double[] sym, int m, double[] values, double[][] vectors) {
        double[] original = sym.clone(); // the reduction works in place, in its own block layout
        DMatrixRMaj a = DMatrixRMaj.wrap(m, m, sym);
        double[] raw = new double[m];
        double[][] raws = new double[m][];
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (eig.decompose(a)) {
            for (int i = 0; i < m; i++) {
                raw[i] = eig.getEigenvalue(i).real;
                raws[i] = eig.getEigenVector(i).data;
            }
        } else {
            SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, m, false, true, true);
            if (!svd.decompose(DMatrixRMaj.wrap(m, m, original))) {
                throw new IllegalStateException("PCA: neither the eigen- nor the singular value decomposition of the "
                        + m + " x " + m + " covariance converged");
            }
            double[] sv = svd.getSingularValues();
            DMatrixRMaj v = svd.getV(null, true); // rows of Vᵀ: the right singular vectors
            for (int i = 0; i < m; i++) {
                raw[i] = sv[i];
                raws[i] = Arrays.copyOfRange(v.data, i * m, (i + 1) * m);
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(raw[q], raw[p])); // stable: ties keep EJML's order
        for (int i = 0; i < m; i++) {
            values[i] = raw[order[i]];
            vectors[i] = raws[order[i]];
        }
    }

    static void checkVarianceToKeep(double varianceToKeep) {
        if (!(varianceToKeep > 0 && varianceToKeep <= 1)) {
            throw new IllegalArgumentException("varianceToKeep = " + NumberText.of(varianceToKeep) + "; must be in (0, 1]");
        }
    }

    /** Number of input features d. */
    public int inputDimension() {
        return d;
    }

    /** Number of components kept k. */
    public int numComponents() {
        return k;
    }

    /** Whether kept coordinates are divided by sqrt(λ_i). */
    public boolean whitened() {
        return whiten;
    }

    /** Training mean μ (copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The k kept unit eigenvectors, one per row (copy). */
    public double[][] components() {
        double[][] out = new double[k][];
        for (int i = 0; i < k; i++) {
            out[i] = components[i].clone();
        }
        return out;
    }

    /** All d eigenvalues λ of the sample covariance (denominator n − 1), descending, clamped at 0. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** Explained variance ratio λ_i / Σλ of all d components (zeros if every feature is constant). */
    public double[] explainedVarianceRatio() {
        double total = 0;
        for (double v : eigenvalues) {
            total += v;
        }
        double[] out = new double[d];
        if (total > 0) {
            for (int i = 0; i < d; i++) {
                out[i] = eigenvalues[i] / total;
            }
        }
        return out;
    }

    /** Fraction of the variance carried by the kept components. */
    public double keptVarianceFraction() {
        double total = 0;
        double kept = 0;
        for (int i = 0; i < d; i++) {
            total += eigenvalues[i];
            if (i < k) {
                kept += eigenvalues[i];
            }
        }
        return total > 0 ? kept / total : 0.0;
    }

    /** Rows of {@code x} (not modified) in the kept component space, {@code rows × k}. */
    public double[][] transform(double[][] x) {
        Features.checkColumns(x, d, "features");
        double[] out = transformFlat(Features.flatten(x, d), x.length);
        return Features.unflatten(out, x.length, k);
    }

    /** Row-major {@code n × d} input (not modified) to a new row-major {@code n × k} array. */
    double[] transformFlat(double[] x, int n) {
        double[] out = new double[n * k];
        DenseProducts.multiply(x, projection, out, n, d, k);
        for (int i = 0; i < n; i++) {
            int o = i * k;
            for (int c = 0; c < k; c++) {
                out[o + c] += offset[c];
            }
        }
        return out;
    }
}
