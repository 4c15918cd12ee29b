package io.somnus.readout;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Principal component analysis of centred data (hipparchus eigen-decomposition of the covariance
 * matrix), keeping the fewest components whose eigenvalues explain at least {@code varianceKept} of
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
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                c[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = c[a];
                if (ca == 0) {
                    continue;
                }
                double[] covA = cov[a];
                for (int b = a; b < d; b++) {
                    covA[b] += ca * c[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= Math.max(1, n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        RealMatrix m = MatrixUtils.createRealMatrix(cov);
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(m);
        double[] values = eig.getEigenvalues(); // descending
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
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
            components[i] = eig.getEigenvector(i).toArray();
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
