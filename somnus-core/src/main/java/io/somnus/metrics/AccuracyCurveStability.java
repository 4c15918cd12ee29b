package io.somnus.metrics;

/**
 * Stability of an accuracy curve: final and peak value, mean and sample standard deviation of the last
 * quarter (the last ⌈n/4⌉ points), and the maximum drawdown max_t (max_{s≤t} a_s − a_t).
 */
public record AccuracyCurveStability(double finalAccuracy, double peak, double lastQuarterMean, double lastQuarterStd,
                                     double maxDrawdown) {
    public static AccuracyCurveStability of(double[] a) {
        int n = a.length;
        if (n == 0) {
            return new AccuracyCurveStability(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double peak = Double.NEGATIVE_INFINITY;
        double drawdown = 0;
        for (double x : a) {
            peak = Math.max(peak, x);
            drawdown = Math.max(drawdown, peak - x);
        }
        int q = (n + 3) / 4;
        double mean = 0;
        for (int i = n - q; i < n; i++) {
            mean += a[i] / q;
        }
        double ss = 0;
        for (int i = n - q; i < n; i++) {
            ss += (a[i] - mean) * (a[i] - mean);
        }
        double std = q > 1 ? Math.sqrt(ss / (q - 1)) : 0.0;
        return new AccuracyCurveStability(a[n - 1], peak, mean, std, drawdown);
    }
}
