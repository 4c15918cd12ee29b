package io.somnus.readout;

/** A readout after fitting. */
public interface FittedReadout {
    /** Predicted class for each row of {@code features} (not modified). */
    int[] predict(FeatureRows features);

    /** {@link #predict(FeatureRows)} on the rows of a rectangular matrix of finite numbers. */
    default int[] predict(double[][] features) {
        return predict(FeatureRows.of(features, "features"));
    }

    /**
     * Fraction of rows predicted correctly.
     *
     * @throws IllegalArgumentException when there is not one label per row
     */
    default double accuracy(FeatureRows features, int[] labels) {
        int[] p = predict(features);
        if (labels.length != p.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + p.length + " rows of features; give one "
                    + "label per row");
        }
        int ok = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == labels[i]) {
                ok++;
            }
        }
        return p.length == 0 ? 0.0 : (double) ok / p.length;
    }

    /** {@link #accuracy(FeatureRows, int[])} on the rows of a rectangular matrix of finite numbers. */
    default double accuracy(double[][] features, int[] labels) {
        return accuracy(FeatureRows.of(features, "features"), labels);
    }
}
