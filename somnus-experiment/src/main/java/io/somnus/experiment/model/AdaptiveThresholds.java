package io.somnus.experiment.model;

import io.somnus.network.Network;
import io.somnus.neuron.Population;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.stat.descriptive.StreamingStatistics;

/**
 * The adaptive thresholds θ (Diehl &amp; Cook's homeostasis) of a network's populations that have them, as summary.json's
 * {@code theta_mv} section and metrics.csv's {@code theta_<population>_<statistic>_mv} columns write them
 * (docs/run-directory.md). Reads θ only; a network without θ (current-based LIF, the SG-SNN) gives nothing.
 */
public final class AdaptiveThresholds {
    /** The learned state θ is kept as ({@link Population#learnedState()}), and summary.json's section. */
    public static final String THETA_MV = "theta_mv";

    private AdaptiveThresholds() { }

    /**
     * {@code mean}, {@code std} (population standard deviation, as the weights'), {@code min} and {@code max} of
     * θ values in mV; NaN for none.
     */
    public static Map<String, Double> spread(double[] thetaMv) {
        StreamingStatistics st = new StreamingStatistics();
        for (double t : thetaMv) {
            st.addValue(t);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mean", st.getMean());
        m.put("std", Math.sqrt(st.getPopulationVariance()));
        m.put("min", st.getMin());
        m.put("max", st.getMax());
        return m;
    }

    /**
     * Each population with an adaptive threshold ({@link Population#hasAdaptiveThreshold()}: not Diehl &amp; Cook's
     * inhibitory one, whose θ is 0 throughout), in the network's order, by name → {@link #spread} of its θ; empty when
     * none has. Reads θ without side effects on the network ({@link Population#learnedStateCopy()}).
     */
    public static Map<String, Map<String, Double>> of(Network net) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Population p : net.populations()) {
            double[] theta = p.hasAdaptiveThreshold() ? p.learnedStateCopy().get(THETA_MV) : null;
            if (theta != null) {
                out.put(p.name(), spread(theta));
            }
        }
        return out;
    }

    /** Adds {@link #of}'s numbers to a metrics.csv row, as {@code theta_<population>_<statistic>_mv}. */
    public static void columns(Network net, Map<String, Double> row) {
        of(net).forEach((pop, stats) -> stats.forEach((k, v) -> row.put("theta_" + pop + "_" + k + "_mv", v)));
    }
}
