package io.somnus.metrics;

/**
 * Stability of an accuracy curve a_1 … a_n measured at checkpoints (spec §5). Definitions:
 * <ul>
 *   <li>{@code finalAccuracy} = a_n; {@code peakAccuracy} = max_t a_t, first reached at checkpoint
 *       {@code peakIndex} (0-based);</li>
 *   <li>{@code lastQuarterMean}, {@code lastQuarterStd}: mean and sample standard deviation
 *       (denominator m − 1) of the last m = ⌈n/4⌉ points; the std is NaN when m = 1;</li>
 *   <li>{@code maxDrawdown} = max_t (max_{s ≤ t} a_s − a_t) ≥ 0, the largest fall below the running peak.</li>
 * </ul>
 *
 * @param finalAccuracy   a_n, the last checkpoint's accuracy
 * @param peakAccuracy    max_t a_t
 * @param peakIndex       the checkpoint (0-based) where the peak is first reached
 * @param lastQuarterMean mean of the last ⌈n/4⌉ accuracies
 * @param lastQuarterStd  their sample standard deviation (NaN for a single point)
 * @param maxDrawdown     the largest fall below the running peak, ≥ 0
 */
public record AccuracyCurveStability(double finalAccuracy, double peakAccuracy, int peakIndex,
        double lastQuarterMean, double lastQuarterStd, double maxDrawdown) {

    /** Stability of {@code accuracy} (checkpoints in order, not modified, at least one, all finite). */
    public static AccuracyCurveStability of(double[] accuracy) {
        if (accuracy == null || accuracy.length == 0) {
            throw new IllegalArgumentException("accuracy curve is empty; at least one checkpoint is needed");
        }
        int n = accuracy.length;
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(accuracy[t])) {
                throw new IllegalArgumentException("accuracy[" + t + "] = " + accuracy[t] + "; must be finite");
            }
        }
        double peak = accuracy[0];
        int peakIndex = 0;
        double drawdown = 0;
        for (int t = 0; t < n; t++) {
            if (accuracy[t] > peak) {
                peak = accuracy[t];
                peakIndex = t;
            }
            drawdown = Math.max(drawdown, peak - accuracy[t]);
        }
        int m = (n + 3) / 4;
        double sum = 0;
        for (int t = n - m; t < n; t++) {
            sum += accuracy[t];
        }
        double mean = sum / m;
        double std = Double.NaN;
        if (m > 1) {
            double ss = 0;
            for (int t = n - m; t < n; t++) {
                double c = accuracy[t] - mean;
                ss += c * c;
            }
            std = Math.sqrt(ss / (m - 1));
        }
        return new AccuracyCurveStability(accuracy[n - 1], peak, peakIndex, mean, std, drawdown);
    }
}
