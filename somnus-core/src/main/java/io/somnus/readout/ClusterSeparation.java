package io.somnus.readout;

/**
 * The cluster separation ratio φ = (BCSS/(k−1)) / (WCSS/(n−k)) (the Calinski–Harabasz index): between-class
 * over within-class sum of squares, each per degree of freedom, in the given feature space.
 */
public final class ClusterSeparation {
    private ClusterSeparation() { }

    /** @param k number of classes (labels in [0, k)); classes with no sample are not counted */
    public static double phi(double[][] z, int[] labels, int k) {
        int n = z.length;
        if (n == 0) {
            return Double.NaN;
        }
        int d = z[0].length;
        double[] grand = new double[d];
        double[][] centroid = new double[k][d];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            count[labels[i]]++;
            for (int j = 0; j < d; j++) {
                grand[j] += z[i][j] / n;
                centroid[labels[i]][j] += z[i][j];
            }
        }
        int present = 0;
        double bcss = 0;
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
                continue;
            }
            present++;
            for (int j = 0; j < d; j++) {
                centroid[c][j] /= count[c];
                double diff = centroid[c][j] - grand[j];
                bcss += count[c] * diff * diff;
            }
        }
        double wcss = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double diff = z[i][j] - centroid[labels[i]][j];
                wcss += diff * diff;
            }
        }
        if (present < 2 || n <= present || wcss == 0) {
            return Double.NaN;
        }
        return (bcss / (present - 1)) / (wcss / (n - present));
    }
}
