package io.somnus.experiment.model;

/**
 * A histogram of a projection's weights in equal bins between their least and greatest (a range of zero width is
 * widened by 10⁻⁶), as weight_histograms.csv records them before and after a sleep episode.
 *
 * @param edges  the bins' bounds, one more than the bins
 * @param counts the weights in each bin; the greatest weight counts in the last
 */
public record WeightHistogram(double[] edges, long[] counts) {
    /** The bins of every histogram a run records. */
    public static final int BINS = 30;

    /** The histogram of {@code w} in {@link #BINS} bins. */
    public static WeightHistogram of(float[] w) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float x : w) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (!(hi > lo)) {
            hi = lo + 1e-6;
        }
        double[] edges = new double[BINS + 1];
        for (int b = 0; b <= BINS; b++) {
            edges[b] = lo + (hi - lo) * b / BINS;
        }
        long[] counts = new long[BINS];
        for (float x : w) {
            int b = (int) ((x - lo) / (hi - lo) * BINS);
            counts[Math.min(BINS - 1, Math.max(0, b))]++;
        }
        return new WeightHistogram(edges, counts);
    }

    /** Records it as {@code projection}'s histogram {@code when} ("before" or "after") sleep episode {@code episode}. */
    public void record(RunRecorder recorder, int episode, String when, String projection) {
        recorder.histogram(episode, when, projection, edges, counts);
    }
}
