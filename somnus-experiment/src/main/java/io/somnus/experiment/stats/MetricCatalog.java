package io.somnus.experiment.stats;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which of a summary's metrics are aggregated per cell, and in what order they are listed: accuracy,
 * stability of the accuracy curve, weights (total |w| and fraction saturated per projection), diversity,
 * φ and continual-learning figures.
 */
public final class MetricCatalog {
    /** Summary fields that identify a run rather than measure it. */
    public static final Set<String> IDENTITY = Set.of("seed", "sleep_fraction", "model", "preset", "dataset");

    private static final List<String> ORDER = List.of("test_accuracy", "test_accuracy_by_readout.", "stability.",
            "weights.", "diversity.", "phi", "continual.", "achieved_sleep_fraction");

    private MetricCatalog() {}

    /** Whether a flattened summary metric is one of the main ones aggregated per cell. */
    public static boolean isMain(String metric) {
        if (metric.equals("test_accuracy") || metric.equals("phi") || metric.equals("phi_authors")
                || metric.equals("achieved_sleep_fraction")) {
            return true;
        }
        if (metric.startsWith("test_accuracy_by_readout.") || metric.startsWith("stability.")
                || metric.startsWith("diversity.")) {
            return true;
        }
        if (metric.startsWith("weights.")) {
            return metric.endsWith(".total_abs") || metric.endsWith(".frac_saturated");
        }
        return metric.equals("continual.average_accuracy") || metric.equals("continual.average_forgetting");
    }

    /**
     * Whether a metric lives in [0, 1] (accuracies, fractions, normalised entropies): its intervals are taken on the
     * logit scale ({@link CellStats#ofUnitInterval}) so that they never leave [0, 1].
     */
    public static boolean isUnitInterval(String metric) {
        if (metric.equals("test_accuracy") || metric.startsWith("test_accuracy_by_readout.")
                || metric.startsWith("val_accuracy") || metric.equals("achieved_sleep_fraction")
                || metric.equals("continual.average_accuracy")) {
            return true;
        }
        if (metric.startsWith("stability.")) {
            return !metric.endsWith(".last_quarter_std");
        }
        if (metric.startsWith("weights.")) {
            return metric.endsWith(".frac_saturated") || metric.endsWith(".frac_near_zero");
        }
        return metric.equals("diversity.winner_fraction") || metric.equals("diversity.assignment_entropy");
    }

    /** Listing order: by family as above, then by name. */
    public static final Comparator<String> ORDERING = Comparator.comparingInt(MetricCatalog::rank)
            .thenComparing(Comparator.naturalOrder());

    private static int rank(String metric) {
        for (int i = 0; i < ORDER.size(); i++) {
            String p = ORDER.get(i);
            if (p.endsWith(".") ? metric.startsWith(p) : metric.equals(p)) {
                return i;
            }
        }
        return ORDER.size();
    }
}
