package io.somnus.readout;

/**
 * Z-scoring of each feature with the training mean and standard deviation, as scikit-learn's
 * {@code StandardScaler}: <pre>z_j = (x_j − μ_j) / σ_j,   σ_j = sqrt(Σ_i (x_ij − μ_j)² / n)</pre>
 * (population standard deviation). A feature that is constant on the training set (σ_j = 0, or
 * σ_j ≤ n·ε·|μ_j|, i.e. no larger than the rounding error of the mean) is mapped to 0 for every input,
 * so a neuron that never fired during fitting carries no information later.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] scale;
    private final double[] inverseScale;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
        this.inverseScale = new double[scale.length];
        for (int j = 0; j < scale.length; j++) {
            inverseScale[j] = scale[j] == 0 ? 0.0 : 1.0 / scale[j];
        }
    }

    /** Fits on the rows of {@code x} (not modified). */
    public static Standardizer fit(double[][] x) {
        int d = Features.columns(x, "features");
        return fitFlat(Features.flatten(x, d), x.length, d);
    }

    /** The mean of each column of a row-major {@code n × d} array (not modified), summed row by row. */
    static double[] columnMeans(double[] x, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                mean[j] += x[o + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return mean;
    }

    /** Fits on a row-major {@code n × d} array (not modified). */
    static Standardizer fitFlat(double[] x, int n, int d) {
        double[] mean = columnMeans(x, n, d);
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                double c = x[o + j] - mean[j];
                var[j] += c * c;
            }
        }
        double roundingBound = n * Math.ulp(1.0);
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(var[j] / n);
            scale[j] = (s == 0 || s <= roundingBound * Math.abs(mean[j])) ? 0.0 : s;
        }
        return new Standardizer(mean, scale);
    }

    /** Number of features. */
    public int dimension() {
        return mean.length;
    }

    /** Training mean of each feature (copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Training standard deviation of each feature, 0 for a constant feature (copy). */
    public double[] scale() {
        return scale.clone();
    }

    /** Whether feature {@code j} was constant on the training set (and is therefore mapped to 0). */
    public boolean isConstant(int j) {
        return scale[j] == 0;
    }

    /** Standardised copy of {@code x} (not modified). */
    public double[][] transform(double[][] x) {
        int d = mean.length;
        Features.checkColumns(x, d, "features");
        double[][] out = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            double[] r = x[i];
            double[] o = out[i];
            for (int j = 0; j < d; j++) {
                o[j] = (r[j] - mean[j]) * inverseScale[j];
            }
        }
        return out;
    }

    /** Standardises a row-major {@code n × d} array in place. */
    void transformInPlace(double[] x, int n) {
        int d = mean.length;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                x[o + j] = (x[o + j] - mean[j]) * inverseScale[j];
            }
        }
    }
}
