package io.somnus.readout;

/** z-scores each feature with the training mean and standard deviation; a constant feature maps to 0. */
final class Standardiser {
    private final double[] mean;
    private final double[] scale;

    Standardiser(double[][] x) {
        int d = x.length == 0 ? 0 : x[0].length;
        mean = new double[d];
        scale = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= Math.max(1, x.length);
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                scale[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / Math.max(1, x.length));
            scale[j] = sd > 1e-12 ? 1 / sd : 0;
        }
    }

    double[][] apply(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] r = new double[mean.length];
            for (int j = 0; j < mean.length; j++) {
                r[j] = (x[i][j] - mean[j]) * scale[j];
            }
            out[i] = r;
        }
        return out;
    }
}
