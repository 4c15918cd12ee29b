package io.somnus.experiment.stats;

import java.util.Arrays;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Gamma;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.hipparchus.stat.descriptive.moment.Variance;

/**
 * Small-sample statistics across seeds. Distributions and tests are Hipparchus's; this class only
 * combines them and defines what happens with too few or degenerate samples (NaN, never an exception).
 */
public final class Statistics {
    /** Confidence level of every interval Somnus reports. */
    public static final double CONFIDENCE = 0.95;

    private Statistics() {}

    /** Arithmetic mean; NaN for an empty sample. */
    public static double mean(double[] x) {
        return x.length == 0 ? Double.NaN : new Mean().evaluate(x);
    }

    /** Sample standard deviation (n − 1 denominator); NaN for n &lt; 2. */
    public static double std(double[] x) {
        return x.length < 2 ? Double.NaN : Math.sqrt(new Variance(true).evaluate(x));
    }

    /** Two-sided Student-t quantile t_{1 − (1 − level)/2, df}; NaN for df &lt; 1. */
    public static double tQuantile(double level, double df) {
        if (!(df >= 1)) {
            return Double.NaN;
        }
        return new TDistribution(df).inverseCumulativeProbability(1 - (1 - level) / 2);
    }

    /**
     * Half-width of the confidence interval of the mean, t_{0.975, n−1} · s / √n (95 %); NaN for n &lt; 2.
     */
    public static double ciHalfWidth(double[] x) {
        int n = x.length;
        return n < 2 ? Double.NaN : tQuantile(CONFIDENCE, n - 1) * std(x) / Math.sqrt(n);
    }

    /**
     * Whether a spread (a standard error or deviation) is rounding noise beside values of size {@code scale}: at most
     * 10 ε of it, R's rule in t.test ("data are essentially constant"). Values equal in decimals but computed apart
     * (0.55 − 0.45 and 0.6 − 0.5) differ by such noise, and a test of it gives t ≈ 10^15 and p ≈ 0. A spread of 0 is
     * noise at any scale.
     */
    public static boolean isRoundingNoise(double spread, double scale) {
        return spread <= 10 * Math.ulp(1.0) * scale;
    }

    /**
     * Cohen's d of {@code a} against {@code b}: (mean_a − mean_b) / s_pooled with
     * s_pooled² = ((n_a − 1) s_a² + (n_b − 1) s_b²) / (n_a + n_b − 2). NaN when undefined (n_a + n_b &lt; 3, or
     * s_pooled 0 or {@linkplain #isRoundingNoise rounding noise}).
     */
    public static double cohensD(double[] a, double[] b) {
        int df = a.length + b.length - 2;
        if (a.length < 1 || b.length < 1 || df < 1) {
            return Double.NaN;
        }
        double va = a.length > 1 ? new Variance(true).evaluate(a) : 0;
        double vb = b.length > 1 ? new Variance(true).evaluate(b) : 0;
        double pooled = Math.sqrt(((a.length - 1) * va + (b.length - 1) * vb) / df);
        double ma = mean(a);
        double mb = mean(b);
        return isRoundingNoise(pooled, Math.max(Math.abs(ma), Math.abs(mb))) ? Double.NaN : (ma - mb) / pooled;
    }

    /**
     * Hedges' small-sample correction J(df) = Γ(df/2) / (√(df/2) · Γ((df − 1)/2)) (Hedges 1981), exact,
     * so that g = J · d is unbiased; J → 1 − 3/(4 df − 1) for large df.
     */
    public static double hedgesJ(int df) {
        if (df < 2) {
            return Double.NaN;
        }
        return Math.exp(Gamma.logGamma(df / 2.0) - 0.5 * Math.log(df / 2.0) - Gamma.logGamma((df - 1) / 2.0));
    }

    /** Hedges' g = J(n_a + n_b − 2) · d. */
    public static double hedgesG(double[] a, double[] b) {
        return hedgesJ(a.length + b.length - 2) * cohensD(a, b);
    }

    /**
     * Holm's step-down adjustment of a family of p-values (NaN entries are left out of the family and
     * stay NaN): sort ascending, p'_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j)).
     */
    public static double[] holm(double[] p) {
        int m = 0;
        for (double v : p) {
            if (!Double.isNaN(v)) {
                m++;
            }
        }
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> {
            boolean ni = Double.isNaN(p[i]);
            boolean nj = Double.isNaN(p[j]);
            return ni || nj ? Boolean.compare(ni, nj) : Double.compare(p[i], p[j]);
        });
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            out[i] = running;
        }
        return out;
    }
}
