package io.somnus.report;

import io.somnus.experiment.config.StudyControl;
import io.somnus.experiment.stats.CellKey;
import io.somnus.experiment.stats.Comparison;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.stats.Statistics;
import io.somnus.experiment.sweep.SweepPlanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * A sweep's variants against each other: in every preset × dataset × sleep fraction that ran two or more variants
 * (the control runs left out), each variant against the first in the sweep file's order, per metric. Named variants
 * are compared at each point of the grid (nearest-pair with 40 images against triplet with 40 images), so that a
 * difference is the variants' alone; a sweep with a grid and no named variants compares its grid points. The difference is the variant's mean less the reference's, with the paired t-interval where both ran the same
 * seeds (each seed's two runs differ only in the variant's settings), and the tests of {@link Comparison}; the paired p is
 * Holm-adjusted over the variants compared with one reference.
 */
final class VariantComparisons {
    /**
     * @param cell        the variant's cell
     * @param reference   the variant it is compared with
     * @param comparison  the tests (variant against reference)
     * @param ciLow       the paired difference's 95 % interval, NaN where unpaired or with fewer than two pairs
     * @param pairedPHolm the paired p, Holm-adjusted over the group's variants
     */
    record Row(CellKey cell, String reference, Comparison comparison, double ciLow, double ciHigh, double pairedPHolm) { }

    private VariantComparisons() {
    }

    /**
     * @param cellOrder the order of the sweep's cells ({@link io.somnus.experiment.sweep.SweepResults#cellOrder}: its
     *                  file's presets, datasets and variants), which the groups and, within each, the variants follow
     */
    static List<Row> of(List<RunRecord> runs, Comparator<CellKey> cellOrder, String metric) {
        Comparator<String> byOrder = CellKey.variants(cellOrder);
        Map<CellKey, Map<String, List<RunRecord>>> groups = new TreeMap<>(cellOrder);
        for (RunRecord r : runs) {
            if (!StudyControl.labelIn(r.variant()).isEmpty()) {
                continue;
            }
            String named = SweepPlanner.named(r.variant());
            String gridPoint = named.isEmpty() ? "" : r.variant().substring(named.length()).replaceFirst("^,", "");
            CellKey group = new CellKey(r.preset(), r.model(), r.dataset(), gridPoint, r.sleepFraction());
            groups.computeIfAbsent(group, k -> new TreeMap<>(byOrder))
                    .computeIfAbsent(r.variant(), v -> new ArrayList<>()).add(r);
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, List<RunRecord>> variants : groups.values()) {
            if (variants.size() < 2) {
                continue;
            }
            Map.Entry<String, List<RunRecord>> reference = variants.entrySet().iterator().next();
            Map<String, Comparison> compared = new LinkedHashMap<>();
            Map<String, double[]> intervals = new LinkedHashMap<>();
            for (Map.Entry<String, List<RunRecord>> v : variants.entrySet()) {
                if (v == reference || v.getKey().equals(reference.getKey())) {
                    continue;
                }
                compared.put(v.getKey(), Comparison.of(values(v.getValue(), metric), seeds(v.getValue()),
                        values(reference.getValue(), metric), seeds(reference.getValue())));
                intervals.put(v.getKey(), pairedInterval(v.getValue(), reference.getValue(), metric));
            }
            double[] p = compared.values().stream().mapToDouble(Comparison::pairedPInFamily).toArray();
            double[] holm = Statistics.holm(p);
            int k = 0;
            for (Map.Entry<String, Comparison> c : compared.entrySet()) {
                RunRecord first = variants.get(c.getKey()).get(0);
                double[] ci = intervals.get(c.getKey());
                rows.add(new Row(first.cell(), reference.getKey(), c.getValue(), ci[0], ci[1], holm[k++]));
            }
        }
        return rows;
    }

    private static double[] values(List<RunRecord> runs, String metric) {
        return runs.stream().mapToDouble(r -> r.metric(metric)).toArray();
    }

    private static long[] seeds(List<RunRecord> runs) {
        return runs.stream().mapToLong(RunRecord::seed).toArray();
    }

    /** The 95 % t-interval of the mean difference by seed, where both groups ran the same seeds; else NaN, NaN. */
    static double[] pairedInterval(List<RunRecord> variant, List<RunRecord> reference, String metric) {
        double[][] pairs = Comparison.pairs(values(variant, metric), seeds(variant), values(reference, metric),
                seeds(reference));
        if (pairs == null || pairs[0].length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] d = new double[pairs[0].length];
        for (int i = 0; i < d.length; i++) {
            d[i] = pairs[0][i] - pairs[1][i];
        }
        double mean = Statistics.mean(d);
        double half = new TDistribution(d.length - 1).inverseCumulativeProbability(0.975)
                * Statistics.std(d) / Math.sqrt(d.length);
        return new double[] {mean - half, mean + half};
    }
}
