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
    FittedReadout fit(FeatureRows features, int[] labels, int numClasses, long seed);

    /** {@link #fit(FeatureRows, int[], int, long)} on the rows of a rectangular matrix of finite numbers. */
    default FittedReadout fit(double[][] features, int[] labels, int numClasses, long seed) {
        return fit(FeatureRows.of(features, "features"), labels, numClasses, seed);
    }

    /**
     * Bytes that {@link #fit} holds at its peak beyond its arguments, for {@code n} samples of {@code d} features: a
     * lower bound (the arrays of n·d, d² or n² elements it allocates at once; not object headers, not the fitted
     * readout's small arrays), so that a caller can refuse a fit that cannot fit in the heap before it starts. 0 for a
     * readout that does not say.
     */
    default long fitBytes(int n, int d, int numClasses) {
        return 0;
    }
}
