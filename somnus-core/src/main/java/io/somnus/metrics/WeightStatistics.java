package io.somnus.metrics;

import io.somnus.core.NumberText;

/**
 * Summary of one projection's weights w_1 … w_n (Massey et al. 2026, §5 of the spec). Definitions:
 * <ul>
 *   <li>{@code mean} = (1/n) Σ w_i; {@code std} = sqrt((1/n) Σ (w_i − mean)²), the population standard
 *       deviation (every synapse is counted, none sampled);</li>
 *   <li>{@code min}, {@code max}: smallest and largest w_i (signed);</li>
 *   <li>{@code totalAbs} = Σ |w_i|, the quantity sleep drives back to its set point;</li>
 *   <li>{@code fractionSaturated} = #{i : |w_i| ≥ 0.95 · R} / n, with reference magnitude
 *       {@code saturationReference} R: the upper bound of the rule when one is given; for an unbounded
 *       rule, the caller passes the running maximum of |w| over training so far (see
 *       {@link #maxAbs}); if the caller passes NaN, R = max_i |w_i| of these weights. R = 0 gives 0;</li>
 *   <li>{@code fractionNearZero} = #{i : |w_i| ≤ tol} / n;</li>
 *   <li>{@code histogramEntropy} = −Σ_b p_b log₂ p_b over a 32-bin histogram of w on [min, max] (equal
 *       widths, bin ⌊32 (w − min)/(max − min)⌋, the value max in the last bin); in bits, from 0 (all
 *       weights in one bin, or all equal) to 5 (uniform over the bins).</li>
 * </ul>
 * Accumulations are in double. For n = 0 every statistic is NaN except {@code totalAbs} = 0.
 *
 * @param count               n, the number of weights (synapses)
 * @param mean                mean weight
 * @param std                 population standard deviation of the weights
 * @param min                 smallest weight (signed)
 * @param max                 largest weight (signed)
 * @param totalAbs            Σ|w|, the quantity sleep drives back to its set point
 * @param saturationReference R, the magnitude saturation is measured against
 * @param fractionSaturated   fraction of weights with |w| ≥ 0.95 · R, in [0, 1]
 * @param fractionNearZero    fraction of weights with |w| ≤ the tolerance, in [0, 1]
 * @param histogramEntropy    entropy of the 32-bin weight histogram, in bits, in [0, 5]
 */
public record WeightStatistics(int count, double mean, double std, double min, double max, double totalAbs,
        double saturationReference, double fractionSaturated, double fractionNearZero, double histogramEntropy) {

    /** Bins of the weight histogram. */
    public static final int HISTOGRAM_BINS = 32;
    /** A weight counts as saturated at this fraction of the reference magnitude or more. */
    public static final double SATURATION_FRACTION = 0.95;

    /**
     * Statistics of {@code w[0 .. n)} (not modified).
     *
     * @param saturationBound the rule's upper bound on |w|, or the running maximum of |w| for an unbounded
     *                        rule; NaN: use the maximum |w| of these weights
     * @param nearZeroTol     |w| at or below this counts as near zero, ≥ 0
     */
    public static WeightStatistics of(float[] w, int n, double saturationBound, double nearZeroTol) {
        if (w == null) {
            throw new IllegalArgumentException("weights array is null");
        }
        if (n < 0 || n > w.length) {
            throw new IllegalArgumentException("weight count n = " + n + " is outside [0, " + w.length + "]");
        }
        if (!(nearZeroTol >= 0)) {
            throw new IllegalArgumentException("nearZeroTol = " + NumberText.of(nearZeroTol) + "; must be >= 0");
        }
        if (!Double.isNaN(saturationBound) && !(saturationBound >= 0 && saturationBound < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("saturationBound = " + NumberText.of(saturationBound)
                    + "; must be finite and >= 0, or NaN for the maximum |w|");
        }
        if (n == 0) {
            return new WeightStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.0,
                    saturationBound, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        double abs = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int nearZero = 0;
        for (int i = 0; i < n; i++) {
            double v = w[i];
            sum += v;
            double a = Math.abs(v);
            abs += a;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (a <= nearZeroTol) {
                nearZero++;
            }
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double c = w[i] - mean;
            ss += c * c;
        }
        double reference = Double.isNaN(saturationBound) ? Math.max(Math.abs(min), Math.abs(max)) : saturationBound;
        double threshold = SATURATION_FRACTION * reference;
        int saturated = 0;
        if (reference > 0) {
            for (int i = 0; i < n; i++) {
                if (Math.abs(w[i]) >= threshold) {
                    saturated++;
                }
            }
        }
        return new WeightStatistics(n, mean, Math.sqrt(ss / n), min, max, abs, reference,
                (double) saturated / n, (double) nearZero / n, histogramEntropy(w, n, min, max));
    }

    /** max_i |w_i| over {@code w[0 .. n)}, 0 for n = 0: fold it into a running maximum between checkpoints. */
    public static double maxAbs(float[] w, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(w[i]));
        }
        return m;
    }

    private static double histogramEntropy(float[] w, int n, double min, double max) {
        double width = max - min;
        if (!(width > 0)) {
            return 0.0;
        }
        int[] bins = new int[HISTOGRAM_BINS];
        double scale = HISTOGRAM_BINS / width;
        for (int i = 0; i < n; i++) {
            int b = (int) ((w[i] - min) * scale);
            bins[Math.min(b, HISTOGRAM_BINS - 1)]++;
        }
        return Entropy.bits(bins, n);
    }
}
