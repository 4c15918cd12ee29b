package io.somnus.readout;

import org.hipparchus.linear.SingularValueDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Principal component analysis of centred data (hipparchus singular value decomposition of the centred
 * data), keeping the fewest components whose eigenvalues explain at least {@code varianceKept} of
 * the total variance, optionally whitened (each component divided by √eigenvalue).
 */
public final class Pca {
    private final double[] mean;
    private final double[][] components; // [k][d]
    private final double[] eigenvalues;  // [k], descending
    private final boolean whiten;

    public Pca(double[][] x, double varianceKept, boolean whiten) {
        int n = x.length;
        int d = x[0].length;
        mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] centred = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[i][j] = x[i][j] - mean[j];
            }
        }
        // SVD of the centred data (X = U S Vᵀ): the covariance's eigenvectors are V's columns and its
        // eigenvalues S²/(n−1); more robust than decomposing the covariance when features are degenerate
        SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(centred));
        double[] sv = svd.getSingularValues(); // descending
        double[] values = new double[sv.length];
        for (int i = 0; i < sv.length; i++) {
            values[i] = sv[i] * sv[i] / Math.max(1, n - 1);
        }
        RealMatrix v = svd.getV();
        double total = 0;
        for (double ev : values) {
            total += Math.max(0, ev);
        }
        int k = 0;
        double acc = 0;
        while (k < values.length && (total == 0 ? k < 1 : acc < varianceKept * total - 1e-12)) {
            acc += Math.max(0, values[k]);
            k++;
        }
        k = Math.max(1, k);
        // components with (numerically) zero variance carry no information and cannot be whitened
        while (k > 1 && values[k - 1] <= 1e-12 * Math.max(1e-300, values[0])) {
            k--;
        }
        components = new double[k][];
        eigenvalues = new double[k];
        for (int i = 0; i < k; i++) {
            components[i] = v.getColumn(i);
            eigenvalues[i] = values[i];
        }
        this.whiten = whiten;
    }

    public int components() {
        return components.length;
    }

    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    public double[][] transform(double[][] x) {
        double[][] out = new double[x.length][components.length];
        int d = mean.length;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < components.length; k++) {
                double s = 0;
                double[] v = components[k];
                for (int j = 0; j < d; j++) {
                    s += (x[i][j] - mean[j]) * v[j];
                }
                out[i][k] = whiten ? (eigenvalues[k] > 0 ? s / Math.sqrt(eigenvalues[k]) : 0) : s;
            }
        }
        return out;
    }
}
