package io.somnus.metrics;

/**
 * Summary statistics of one projection's weights.
 * <ul>
 *   <li>fraction saturated: |w| ≥ 0.95·bound, where bound is the upper weight bound if the projection has
 *       one, else the running maximum of |w| seen so far (the caller keeps it);</li>
 *   <li>fraction near zero: |w| ≤ tolerance;</li>
 *   <li>histogram entropy: Shannon entropy (bits) of a 32-bin histogram over [min, max]; 0 if all equal.</li>
 * </ul>
 */
public final class WeightStatistics {
    public static final int BINS = 32;

    /** The statistics; {@code std} is the population standard deviation. */
    public record Result(double mean, double std, double min, double max, double totalAbs, double fractionSaturated,
                         double fractionNearZero, double histogramEntropy) { }

    private WeightStatistics() { }

    public static Result of(float[] w, int n, double saturationBound, double nearZeroTolerance) {
        if (n == 0) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        double abs = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            sum += w[i];
            abs += Math.abs(w[i]);
            min = Math.min(min, w[i]);
            max = Math.max(max, w[i]);
        }
        double mean = sum / n;
        double ss = 0;
        int saturated = 0;
        int nearZero = 0;
        double satLevel = 0.95 * Math.abs(saturationBound);
        int[] hist = new int[BINS];
        for (int i = 0; i < n; i++) {
            double d = w[i] - mean;
            ss += d * d;
            double a = Math.abs(w[i]);
            if (!Double.isNaN(saturationBound) && saturationBound != 0 && a >= satLevel) {
                saturated++;
            }
            if (a <= nearZeroTolerance) {
                nearZero++;
            }
            if (max > min) {
                hist[Math.min(BINS - 1, (int) ((w[i] - min) / (max - min) * BINS))]++;
            }
        }
        double entropy = 0;
        if (max > min) {
            for (int h : hist) {
                if (h > 0) {
                    double p = (double) h / n;
                    entropy -= p * Math.log(p) / Math.log(2);
                }
            }
        }
        return new Result(mean, Math.sqrt(ss / n), min, max, abs,
                Double.isNaN(saturationBound) ? Double.NaN : (double) saturated / n, (double) nearZero / n, entropy);
    }
}
