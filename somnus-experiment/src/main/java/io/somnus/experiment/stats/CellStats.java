package io.somnus.experiment.stats;

/**
 * Mean and 95 % confidence interval of one metric across the seeds of a cell. An unbounded metric gets
 * mean ± t_{0.975, n−1} · s / √n. A metric that lives in [0, 1] (an accuracy, a fraction: see
 * {@link MetricCatalog#isUnitInterval}) gets the same t-interval on the logit scale, mapped back, so that it never
 * leaves [0, 1]: the values are first squeezed into (0, 1) by y' = (y (n − 1) + ½) / n (Smithson &amp; Verkuilen
 * 2006, as the GLMM does), the interval of logit(y') is mapped back by the inverse logit and the squeeze, then clipped
 * to [0, 1] (the unsqueeze can overshoot by at most ½/(n − 1) where y' is near 0 or 1).
 *
 * @param n      number of values (seeds)
 * @param mean   sample mean
 * @param std    sample standard deviation (n − 1); NaN for n &lt; 2
 * @param ciLow  lower end of the 95 % interval; NaN for n &lt; 2
 * @param ciHigh upper end
 */
public record CellStats(int n, double mean, double std, double ciLow, double ciHigh) {

    /** Statistics of the finite values of {@code x} (NaN values, i.e. "not recorded", are left out). */
    public static CellStats of(double[] x) {
        double[] v = finite(x);
        double mean = Statistics.mean(v);
        double half = Statistics.ciHalfWidth(v);
        return new CellStats(v.length, mean, Statistics.std(v), mean - half, mean + half);
    }

    /** As {@link #of}, with the interval on the logit scale: for a metric that lives in [0, 1]. */
    public static CellStats ofUnitInterval(double[] x) {
        double[] v = finite(x);
        int n = v.length;
        double mean = Statistics.mean(v);
        if (n < 2) {
            return new CellStats(n, mean, Statistics.std(v), Double.NaN, Double.NaN);
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double squeezed = (Math.min(1, Math.max(0, v[i])) * (n - 1) + 0.5) / n;
            z[i] = Math.log(squeezed / (1 - squeezed));
        }
        double centre = Statistics.mean(z);
        double half = Statistics.ciHalfWidth(z);
        return new CellStats(n, mean, Statistics.std(v), unsqueeze(centre - half, n), unsqueeze(centre + half, n));
    }

    private static double unsqueeze(double logit, int n) {
        double squeezed = 1 / (1 + Math.exp(-logit));
        return Math.min(1, Math.max(0, (squeezed * n - 0.5) / (n - 1)));
    }

    /** Statistics of {@code x} with the interval that suits {@code metric} ({@link MetricCatalog#isUnitInterval}). */
    public static CellStats of(String metric, double[] x) {
        return MetricCatalog.isUnitInterval(metric) ? ofUnitInterval(x) : of(x);
    }

    /** Half the width of the interval. */
    public double ciHalfWidth() {
        return (ciHigh - ciLow) / 2;
    }

    static double[] finite(double[] x) {
        int n = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                n++;
            }
        }
        double[] out = new double[n];
        int i = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                out[i++] = v;
            }
        }
        return out;
    }
}
