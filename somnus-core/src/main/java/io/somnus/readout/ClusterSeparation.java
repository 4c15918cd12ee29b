package io.somnus.readout;

/**
 * The cluster separation ratio of Massey et al. (2026), the Calinski–Harabasz index:
 * <pre>
 * φ = (BCSS / (k − 1)) / (WCSS / (n − k)),
 * BCSS = Σ_c n_c ‖μ_c − μ‖²,   WCSS = Σ_i ‖z_i − μ_{y_i}‖²,
 * </pre>
 * μ the mean of all n points, μ_c the mean of the n_c points of class c. As in scikit-learn's
 * {@code calinski_harabasz_score}, k counts only the classes that occur in {@code labels}.
 */
public final class ClusterSeparation {
    private ClusterSeparation() {
    }

    /**
     * φ of points {@code z} (one row per sample, not modified) with classes {@code labels} in [0, k).
     * Returns NaN when it is undefined (fewer than 2 classes present, or n ≤ number of classes present,
     * or every point identical), and +∞ when every class collapses to a point (WCSS = 0 &lt; BCSS).
     */
    public static double phi(double[][] z, int[] labels, int k) {
        int d = Features.columns(z, "z");
        Features.checkLabels(labels, z.length, k);
        int n = z.length;
        double[] classSum = new double[k * d];
        double[] total = new double[d];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            int o = labels[i] * d;
            counts[labels[i]]++;
            double[] r = z[i];
            for (int j = 0; j < d; j++) {
                classSum[o + j] += r[j];
                total[j] += r[j];
            }
        }
        int present = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                present++;
                double inv = 1.0 / counts[c];
                for (int j = 0; j < d; j++) {
                    classSum[c * d + j] *= inv;
                }
            }
        }
        if (present < 2 || n <= present) {
            return Double.NaN;
        }
        for (int j = 0; j < d; j++) {
            total[j] /= n;
        }
        double bcss = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = classSum[c * d + j] - total[j];
                s += v * v;
            }
            bcss += counts[c] * s;
        }
        double wcss = 0;
        for (int i = 0; i < n; i++) {
            int o = labels[i] * d;
            double[] r = z[i];
            for (int j = 0; j < d; j++) {
                double v = r[j] - classSum[o + j];
                wcss += v * v;
            }
        }
        if (wcss == 0) {
            return bcss > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return (bcss / (present - 1)) / (wcss / (n - present));
    }
}
