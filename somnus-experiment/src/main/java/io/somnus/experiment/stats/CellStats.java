package io.somnus.experiment.stats;

/**
 * Mean and 95 % confidence interval of one metric across the seeds of a cell:
 * mean ± t_{0.975, n−1} · s / √n.
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
