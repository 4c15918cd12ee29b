package io.somnus.experiment.verdict;

import io.somnus.experiment.stats.Statistics;
import java.util.Map;
import java.util.TreeMap;

/**
 * An effect Δ with its 95 % interval [low, high] across seeds (docs/verdict.md, "Effect sizes and intervals").
 *
 * @param n      seeds: pairs for a paired difference, the smaller group for Welch's, the values for one sample
 * @param paired whether the difference was taken seed by seed
 * @param value  the estimate
 * @param low    the interval's lower end (NaN when there are fewer than two values on a side)
 * @param high   its upper end
 */
public record Estimate(int n, boolean paired, double value, double low, double high) {
    /** No value at all: the criterion was not run. */
    public static final Estimate NONE = new Estimate(0, false, Double.NaN, Double.NaN, Double.NaN);

    /** Whether there was anything to estimate from. */
    public boolean present() {
        return !Double.isNaN(value);
    }

    /** Whether the interval exists (two or more values on each side). */
    public boolean hasInterval() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    /** The mean of one sample with its t-interval. */
    public static Estimate mean(Map<Long, Double> bySeed) {
        double[] x = finite(bySeed).values().stream().mapToDouble(Double::doubleValue).toArray();
        if (x.length == 0) {
            return NONE;
        }
        double m = Statistics.mean(x);
        double half = Statistics.ciHalfWidth(x);
        return new Estimate(x.length, false, m, m - half, m + half);
    }

    /**
     * a − b: paired by seed when both have runs of the same seeds and at least two of those pairs have a finite value
     * on both sides (a pair with a value that is not a number is left out, as {@code aggregate.csv}'s paired test
     * leaves it out), otherwise the difference of means with Welch's interval.
     */
    public static Estimate difference(Map<Long, Double> a, Map<Long, Double> b) {
        Map<Long, Double> fa = finite(a);
        Map<Long, Double> fb = finite(b);
        if (fa.isEmpty() || fb.isEmpty()) {
            return NONE;
        }
        Map<Long, Double> complete = new TreeMap<>(fa);
        complete.keySet().retainAll(fb.keySet());
        if (a.keySet().equals(b.keySet()) && complete.size() >= 2) {
            double[] d = complete.keySet().stream().mapToDouble(s -> fa.get(s) - fb.get(s)).toArray();
            double m = Statistics.mean(d);
            double half = Statistics.ciHalfWidth(d);
            return new Estimate(d.length, true, m, m - half, m + half);
        }
        double[] x = fa.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = fb.values().stream().mapToDouble(Double::doubleValue).toArray();
        double diff = Statistics.mean(x) - Statistics.mean(y);
        int n = Math.min(x.length, y.length);
        if (n < 2) {
            return new Estimate(n, false, diff, Double.NaN, Double.NaN);
        }
        double vx = Math.pow(Statistics.std(x), 2) / x.length;
        double vy = Math.pow(Statistics.std(y), 2) / y.length;
        double se = Math.sqrt(vx + vy);
        if (se == 0) {
            return new Estimate(n, false, diff, diff, diff);
        }
        double df = (vx + vy) * (vx + vy) / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        double half = Statistics.tQuantile(Statistics.CONFIDENCE, df) * se;
        return new Estimate(n, false, diff, diff - half, diff + half);
    }

    private static Map<Long, Double> finite(Map<Long, Double> bySeed) {
        Map<Long, Double> out = new TreeMap<>();
        bySeed.forEach((s, v) -> {
            if (v != null && Double.isFinite(v)) {
                out.put(s, v);
            }
        });
        return out;
    }
}
