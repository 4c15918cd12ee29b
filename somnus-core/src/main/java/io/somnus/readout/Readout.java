package io.somnus.readout;

/** A way to classify samples from network activity (features, e.g. E firing rates), fitted after training. */
public interface Readout {
    /** A short name used in metrics and summaries, e.g. {@code pca-logistic}, {@code vote}. */
    String name();

    /**
     * Fits the readout.
     *
     * @param features   one row per sample (not modified)
     * @param labels     class of each sample
     * @param numClasses number of classes
     * @param seed       seed for any randomness in fitting
     */
    FittedReadout fit(double[][] features, int[] labels, int numClasses, long seed);
}
