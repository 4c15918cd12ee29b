package io.somnus.experiment.model;

import io.somnus.experiment.io.StoppedEarly;
import io.somnus.metrics.AccuracyCurveStability;
import io.somnus.metrics.WeightStatistics;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The summary.json / metrics.csv names of the shared measurements (docs/run-directory.md). */
public final class SummaryFields {
    /** The fraction of a run's steps spent asleep, as it ran (its requested fraction is {@code sleep_fraction}). */
    public static final String ACHIEVED_SLEEP_FRACTION = "achieved_sleep_fraction";
    /** How many sleep episodes a run had: 0 where a run that asked for sleep got none. */
    public static final String SLEEP_EPISODES = "sleep_episodes";
    /**
     * What a finished run found wrong with itself, in words, for the console and inspect RUN (an SG-SNN that fits its
     * training images worse than guessing, io.somnus.experiment.sg.SgLossCheck); absent where there is nothing.
     */
    public static final String WARNINGS = "warnings";

    private SummaryFields() { }

    /**
     * summary.json's stability fields ({@code final}, {@code peak}, {@code last_quarter_mean}, …) of an accuracy curve
     * (metrics.csv's checkpoints in order, at least one), as {@link AccuracyCurveStability} defines them, over the
     * checkpoints the network trained through: where {@code endsRestored} (a run that stopped early), the curve's last
     * point measures the restored best epoch's weights, which training did not pass through there, and is left out,
     * unless it is the only point ({@link StoppedEarly#checkpointsTrained}, the rule the readers of runs apply too).
     */
    public static Map<String, Double> stability(double[] curve, boolean endsRestored) {
        double[] trained = Arrays.copyOf(curve, StoppedEarly.checkpointsTrained(curve.length, endsRestored));
        AccuracyCurveStability st = AccuracyCurveStability.of(trained);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("final", st.finalAccuracy());
        m.put("peak", st.peakAccuracy());
        m.put("last_quarter_mean", st.lastQuarterMean());
        m.put("last_quarter_std", st.lastQuarterStd());
        m.put("max_drawdown", st.maxDrawdown());
        return m;
    }

    /**
     * summary.json's weight fields ({@code mean}, {@code std}, {@code min}, {@code max}, …) of one projection's
     * statistics.
     */
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
