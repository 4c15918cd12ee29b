package io.somnus.experiment.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.stat.inference.TTest;

/**
 * One sleep fraction against f = 0 (same preset × dataset × grid variant) for one metric, across seeds.
 * Welch's unequal-variance t-test always; the paired t-test when both groups have the same seeds
 * (seed i of both was trained on the same data order and initial weights); Cohen's d and Hedges' g of the
 * treated group against the baseline. Undefined quantities (too few seeds, no spread: none, or only
 * {@linkplain Statistics#isRoundingNoise rounding noise}) are NaN.
 *
 * @param baselineN    seeds at f = 0
 * @param baselineMean mean at f = 0
 * @param diff         mean − baseline mean
 * @param welchT       Welch's t statistic
 * @param welchDf      Welch–Satterthwaite degrees of freedom
 * @param welchP       two-sided p-value of Welch's test
 * @param pairedN      number of seed pairs (0 when the seeds differ)
 * @param pairedT      paired t statistic
 * @param pairedP      two-sided p-value of the paired test
 * @param cohensD      Cohen's d (pooled standard deviation)
 * @param hedgesG      Hedges' g (exact small-sample correction)
 */
public record Comparison(int baselineN, double baselineMean, double diff, double welchT, double welchDf,
                         double welchP, int pairedN, double pairedT, double pairedP, double cohensD, double hedgesG) {

    /**
     * The paired p as a Holm family counts it and the report shows it: 1 where every seed pair is equal (no t, and no
     * difference to find), else {@link #pairedP}.
     */
    public double pairedPInFamily() {
        double scale = Math.max(Math.abs(baselineMean), Math.abs(baselineMean + diff));
        return Double.isNaN(pairedP) && pairedN >= 2 && Statistics.isRoundingNoise(Math.abs(diff), scale) ? 1.0 : pairedP;
    }

    /**
     * @param treated       values at the sleep fraction, one per seed
     * @param treatedSeeds  their seeds
     * @param baseline      values at f = 0
     * @param baselineSeeds their seeds
     */
    public static Comparison of(double[] treated, long[] treatedSeeds, double[] baseline, long[] baselineSeeds) {
        double[] a = CellStats.finite(treated);
        double[] b = CellStats.finite(baseline);
        double welchT = Double.NaN;
        double welchDf = Double.NaN;
        double welchP = Double.NaN;
        TTest test = new TTest();
        if (a.length >= 2 && b.length >= 2) {
            double va = Statistics.std(a) * Statistics.std(a) / a.length;
            double vb = Statistics.std(b) * Statistics.std(b) / b.length;
            if (!Statistics.isRoundingNoise(Math.sqrt(va + vb),
                    Math.max(Math.abs(Statistics.mean(a)), Math.abs(Statistics.mean(b))))) {
                welchT = test.t(a, b);
                welchDf = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
                welchP = safe(() -> test.tTest(a, b));
            }
        }
        // pair by seed when both groups have exactly the same set of seeds
        int pairedN = 0;
        double pairedT = Double.NaN;
        double pairedP = Double.NaN;
        double[][] pairs = pairs(treated, treatedSeeds, baseline, baselineSeeds);
        if (pairs != null) {
            pairedN = pairs[0].length;
            if (pairedN >= 2) {
                double[] d = new double[pairedN];
                for (int i = 0; i < pairedN; i++) {
                    d[i] = pairs[0][i] - pairs[1][i];
                }
                // the noise of a difference is that of the values it was taken from (R's |mean d| would call pairs
                // equal up to noise a spread, and test it)
                double scale = Math.max(Math.abs(Statistics.mean(pairs[0])), Math.abs(Statistics.mean(pairs[1])));
                if (!Statistics.isRoundingNoise(Statistics.std(d) / Math.sqrt(pairedN), scale)) {
                    pairedT = safe(() -> test.pairedT(pairs[0], pairs[1]));
                    pairedP = safe(() -> test.pairedTTest(pairs[0], pairs[1]));
                }
            }
        }
        double mb = Statistics.mean(b);
        return new Comparison(b.length, mb, Statistics.mean(a) - mb, welchT, welchDf, welchP, pairedN, pairedT, pairedP,
                Statistics.cohensD(a, b), Statistics.hedgesG(a, b));
    }

    /**
     * The values of {@code a} and {@code b} paired by seed, {@code {a's, b's}} in a's order, the pairs with a value that
     * is not finite left out; null unless both groups have exactly the same seeds, each once.
     */
    public static double[][] pairs(double[] a, long[] seedsA, double[] b, long[] seedsB) {
        if (seedsA.length != seedsB.length) {
            return null;
        }
        Map<Long, Double> byB = new HashMap<>();
        for (int i = 0; i < seedsB.length; i++) {
            byB.put(seedsB[i], b[i]);
        }
        if (byB.size() != seedsB.length) {
            return null;
        }
        double[] x = new double[a.length];
        double[] y = new double[a.length];
        int n = 0;
        for (int i = 0; i < seedsA.length; i++) {
            Double v = byB.get(seedsA[i]);
            if (v == null) {
                return null;
            }
            if (Double.isFinite(a[i]) && Double.isFinite(v)) {
                x[n] = a[i];
                y[n] = v;
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)};
    }

    private interface Value {
        double get();
    }

    private static double safe(Value v) {
        try {
            return v.get();
        } catch (MathRuntimeException e) {
            return Double.NaN;
        }
    }
}
