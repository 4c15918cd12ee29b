package io.somnus.experiment.model;

import io.somnus.metrics.AccuracyCurveStability;
import io.somnus.metrics.WeightStatistics;
import java.util.LinkedHashMap;
import java.util.Map;

/** The summary.json / metrics.csv names of the shared measurements (docs/run-directory.md). */
public final class SummaryFields {
    private SummaryFields() { }

    public static Map<String, Double> stability(double[] curve) {
        AccuracyCurveStability st = AccuracyCurveStability.of(curve);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("final", st.finalAccuracy());
        m.put("peak", st.peakAccuracy());
        m.put("last_quarter_mean", st.lastQuarterMean());
        m.put("last_quarter_std", st.lastQuarterStd());
        m.put("max_drawdown", st.maxDrawdown());
        return m;
    }

    public static Map<String, Double> weights(WeightStatistics r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mean", r.mean());
        m.put("std", r.std());
        m.put("min", r.min());
        m.put("max", r.max());
        m.put("total_abs", r.totalAbs());
        m.put("frac_saturated", r.fractionSaturated());
        m.put("frac_near_zero", r.fractionNearZero());
        m.put("entropy", r.histogramEntropy());
        return m;
    }
}
