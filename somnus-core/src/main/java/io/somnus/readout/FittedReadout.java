package io.somnus.readout;

/** A readout after fitting. */
public interface FittedReadout {
    /** Predicted class for each row of {@code features} (not modified). */
    int[] predict(double[][] features);

    /** Fraction of rows predicted correctly. */
    default double accuracy(double[][] features, int[] labels) {
        int[] p = predict(features);
        int ok = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == labels[i]) {
                ok++;
            }
        }
        return p.length == 0 ? 0.0 : (double) ok / p.length;
    }
}
