package io.somnus.experiment.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Aggregates a sweep's finished runs into files for the report and for R or pandas:
 *
 * <ul>
 *   <li>{@code aggregate.csv}: per cell (preset × dataset × grid variant × sleep fraction) and main
 *       metric, n, mean, std and 95 % CI across seeds; for f &gt; 0 the comparison with f = 0 (Welch and,
 *       when the seeds match, paired t-test; Cohen's d; Hedges' g; Holm-adjusted Welch and paired p);</li>
 *   <li>{@code runs_long.csv}: every numeric summary value of every run in long format
 *       ({@code run_id, preset, model, dataset, sleep_fraction, seed, metric, value, variant});</li>
 *   <li>{@code curves.csv}: mean ± CI of {@code val_accuracy} over training per cell;</li>
 *   <li>{@code stats.json}: what was computed and the GLMM's status (see {@link GlmmRunner}).</li>
 * </ul>
 */
public final class Aggregator {
    /** The per-cell summary and comparisons with sleep fraction 0, in the sweep directory. */
    public static final String AGGREGATE = "aggregate.csv";
    /** Every run's numeric summary values, one row per run and metric. */
    public static final String RUNS_LONG = "runs_long.csv";
    /** Each cell's mean validation-accuracy curve with its 95 % CI. */
    public static final String CURVES = "curves.csv";
    /** What was computed and the GLMM's status. */
    public static final String STATS = "stats.json";
    /** metrics.csv column averaged into curves.csv. */
    public static final String CURVE_COLUMN = RunDirectory.Metrics.VAL_ACCURACY;

    /** The columns of {@value #AGGREGATE}, in order. */
    public static final List<String> AGGREGATE_HEADER = List.of("preset", "model", "dataset", "variant", "sleep_fraction",
            "metric", "n", "mean", "std", "ci95_low", "ci95_high", "baseline_n", "baseline_mean", "diff", "welch_t",
            "welch_df", "welch_p", "welch_p_holm", "paired_n", "paired_t", "paired_p", "paired_p_holm", "cohens_d", "hedges_g");
    /** The columns of {@value #RUNS_LONG}, in order. */
    public static final List<String> RUNS_LONG_HEADER = List.of("run_id", "preset", "model", "dataset", "sleep_fraction",
            "seed", "metric", "value", "variant");

    private Aggregator() {}

    /**
     * Writes the files above into {@code dir} for the finished runs of a sweep (or of one run directory) and fits the
     * GLMM when R allows. Reading a sweep directory is the sweep's business ({@code SweepResults}); this takes the
     * plain records.
     *
     * @param name     the sweep's name
     * @param runs     the finished runs, in cell then seed order
     * @param cellOrder the order of the cells in the files (the sweep's, {@link CellKey#order})
     * @param warnings what reading them left out, and why (copied; more are added)
     */
    public static AggregateResult aggregate(Path dir, String name, List<RunRecord> runs, Comparator<CellKey> cellOrder,
            List<String> warnings, GlmmRunner glmm) throws IOException {
        warnings = new ArrayList<>(warnings);
        List<AggregateRow> rows = rows(runs, cellOrder);
        List<Path> files = new ArrayList<>();

        Path aggregate = dir.resolve(AGGREGATE);
        Csv.write(aggregate, AGGREGATE_HEADER, aggregateCells(rows));
        files.add(aggregate);

        Path runsLong = dir.resolve(RUNS_LONG);
        Csv.write(runsLong, RUNS_LONG_HEADER, longRows(runs));
        files.add(runsLong);

        Path curves = dir.resolve(CURVES);
        List<CurvePoint> points = curves(runs, cellOrder, CURVE_COLUMN, warnings);
        List<List<Object>> curveRows = new ArrayList<>();
        for (CurvePoint p : points) {
            CellKey c = p.cell();
            curveRows.add(List.of(c.preset(), c.model(), c.dataset(), c.variant(), c.sleepFraction(), p.column(),
                    p.imagesSeen(), p.stats().n(), p.stats().mean(), p.stats().std(), p.stats().ciLow(), p.stats().ciHigh()));
        }
        Csv.write(curves, List.of("preset", "model", "dataset", "variant", "sleep_fraction", "column", "images_seen", "n",
                "mean", "std", "ci95_low", "ci95_high"), curveRows);
        files.add(curves);

        Set<String> models = new HashSet<>();
        Set<String> datasets = new HashSet<>();
        Set<Double> fractions = new HashSet<>();
        int observations = 0;
        for (RunRecord r : runs) {
            models.add(r.model());
            datasets.add(r.dataset());
            fractions.add(r.sleepFraction());
            if (Double.isFinite(r.metric("test_accuracy"))) {
                observations++;
            }
        }
        GlmmOutcome outcome = runs.isEmpty() ? GlmmOutcome.skipped("no finished runs")
                : glmm.fit(dir, models.size(), datasets.size(), fractions.size(), observations);
        if (outcome.done()) {
            files.add(dir.resolve(GlmmRunner.SCRIPT));
            files.add(dir.resolve(GlmmRunner.TABLE));
            files.add(dir.resolve(GlmmRunner.TEXT));
            if (Files.isRegularFile(dir.resolve(GlmmRunner.FACTOR_TABLE))) {
                files.add(dir.resolve(GlmmRunner.FACTOR_TABLE));
            }
        }

        Path stats = dir.resolve(STATS);
        AtomicFiles.write(stats, statsJson(dir, name, runs, rows, outcome, warnings));
        files.add(stats);
        return new AggregateResult(dir, runs.size(), rows, outcome, files, warnings);
    }

    /**
     * Per-cell statistics and comparisons with f = 0 for every main metric, cells in {@code cellOrder} (the sweep's,
     * {@link CellKey#order}), then metric order.
     */
    public static List<AggregateRow> rows(List<RunRecord> runs, Comparator<CellKey> cellOrder) {
        Map<CellKey, List<RunRecord>> cells = new TreeMap<>(cellOrder);
        for (RunRecord r : runs) {
            cells.computeIfAbsent(r.cell(), k -> new ArrayList<>()).add(r);
        }
        Set<String> metrics = new TreeSet<>(MetricCatalog.ORDERING);
        for (RunRecord r : runs) {
            for (String m : r.metrics().keySet()) {
                if (MetricCatalog.isMain(m)) {
                    metrics.add(m);
                }
            }
        }
        List<AggregateRow> rows = new ArrayList<>();
        // family for Holm: same preset × dataset × variant × metric, across fractions
        Map<String, List<Integer>> families = new LinkedHashMap<>();
        for (Map.Entry<CellKey, List<RunRecord>> cell : cells.entrySet()) {
            CellKey key = cell.getKey();
            List<RunRecord> baseline = cells.get(key.baseline());
            for (String metric : metrics) {
                double[] values = values(cell.getValue(), metric);
                if (CellStats.finite(values).length == 0) {
                    continue;
                }
                Comparison cmp = null;
                if (key.sleepFraction() != 0.0 && baseline != null) {
                    cmp = Comparison.of(values, seeds(cell.getValue()), values(baseline, metric), seeds(baseline));
                    families.computeIfAbsent(key.baseline() + "|" + metric, k -> new ArrayList<>()).add(rows.size());
                }
                rows.add(new AggregateRow(key, metric, CellStats.of(metric, values), cmp, Double.NaN, Double.NaN));
            }
        }
        for (List<Integer> family : families.values()) {
            double[] welch = new double[family.size()];
            double[] paired = new double[family.size()];
            for (int i = 0; i < welch.length; i++) {
                welch[i] = rows.get(family.get(i)).vsBaseline().welchP();
                // every pair equal: no t, but no difference either; it counts in the family as Welch's p = 1 does
                paired[i] = rows.get(family.get(i)).vsBaseline().pairedPInFamily();
            }
            double[] welchHolm = Statistics.holm(welch);
            double[] pairedHolm = Statistics.holm(paired);
            for (int i = 0; i < welch.length; i++) {
                AggregateRow r = rows.get(family.get(i));
                rows.set(family.get(i), new AggregateRow(r.cell(), r.metric(), r.stats(), r.vsBaseline(), welchHolm[i],
                        pairedHolm[i]));
            }
        }
        return rows;
    }

    /**
     * Mean ± CI of a metrics.csv column against images_seen per cell, matching checkpoints by their
     * images_seen value, over the checkpoints each run trained through (the restored row that ends a run that stopped
     * early left out, {@link RunRecord#endsRestored}). Runs without metrics.csv or the column are left out (with a
     * warning when the file is unreadable). Cells in {@code cellOrder} (the sweep's, {@link CellKey#order}).
     */
    public static List<CurvePoint> curves(List<RunRecord> runs, Comparator<CellKey> cellOrder, String column,
            List<String> warnings) {
        Map<CellKey, TreeMap<Double, List<Double>>> byCell = new TreeMap<>(cellOrder);
        for (RunRecord r : runs) {
            CsvTable table;
            Path file = r.dir().resolve(RunDirectory.METRICS);
            try {
                table = r.metricsCsv().orElse(null);
            } catch (IOException e) {
                throw new FileFormatException("run " + r.runId() + ": cannot read " + file + ": " + e.getMessage(), e);
            } catch (FileFormatException e) {
                throw new FileFormatException("run " + r.runId() + ": damaged file: " + e.getMessage(), e);
            }
            if (table != null && !table.hasColumn(RunDirectory.Metrics.IMAGES_SEEN)) {
                // every metrics.csv Somnus writes has images_seen: without it, the file was damaged
                throw new FileFormatException("run " + r.runId() + ": " + file + " is damaged: it has no images_seen column"
                        + " (its header is " + table.header() + ")");
            }
            if (table == null || !table.hasColumn(column)) {
                continue;
            }
            double[] x;
            double[] y;
            try {
                x = table.doubles(RunDirectory.Metrics.IMAGES_SEEN);
                y = table.doubles(column);
            } catch (FileFormatException e) {
                throw new FileFormatException("run " + r.runId() + ": " + file + " is damaged: " + e.getMessage(), e);
            }
            TreeMap<Double, List<Double>> points = byCell.computeIfAbsent(r.cell(), k -> new TreeMap<>());
            // the checkpoints trained through, as summary.json's stability: a restored last row counted the run twice
            int trained = r.checkpointsTrained(x.length);
            for (int i = 0; i < trained; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    points.computeIfAbsent(x[i], k -> new ArrayList<>()).add(y[i]);
                }
            }
        }
        List<CurvePoint> out = new ArrayList<>();
        byCell.forEach((cell, points) -> points.forEach((x, ys) ->
                out.add(new CurvePoint(cell, column, x,
                        CellStats.of(column, ys.stream().mapToDouble(Double::doubleValue).toArray())))));
        return out;
    }

    private static List<List<Object>> aggregateCells(List<AggregateRow> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (AggregateRow r : rows) {
            CellKey c = r.cell();
            CellStats s = r.stats();
            Comparison k = r.vsBaseline();
            List<Object> row = new ArrayList<>(List.of(c.preset(), c.model(), c.dataset(), c.variant(), c.sleepFraction(),
                    r.metric(), s.n(), s.mean(), s.std(), s.ciLow(), s.ciHigh()));
            if (k == null) {
                for (int i = 0; i < 13; i++) {
                    row.add(null);
                }
            } else {
                row.addAll(List.of(k.baselineN(), k.baselineMean(), k.diff(), k.welchT(), k.welchDf(), k.welchP(),
                        r.welchPHolm(), k.pairedN(), k.pairedT(), k.pairedP(), r.pairedPHolm(), k.cohensD(), k.hedgesG()));
            }
            out.add(row);
        }
        return out;
    }

    private static List<List<Object>> longRows(List<RunRecord> runs) {
        List<List<Object>> out = new ArrayList<>();
        for (RunRecord r : runs) {
            for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                out.add(List.of(r.runId(), r.preset(), r.model(), r.dataset(), r.sleepFraction(), r.seed(), m.getKey(),
                        m.getValue(), r.variant()));
            }
        }
        return out;
    }

    private static String statsJson(Path dir, String name, List<RunRecord> runs, List<AggregateRow> rows, GlmmOutcome glmm,
            List<String> warnings) throws IOException {
        ObjectNode root = Mappers.JSON.createObjectNode();
        root.put("generated_at", Instant.now().toString());
        root.put("sweep", name);
        root.put("runs", runs.size());
        root.put("cells", runs.stream().map(RunRecord::cell).distinct().count());
        ArrayNode metrics = root.putArray("metrics");
        rows.stream().map(AggregateRow::metric).distinct().sorted(MetricCatalog.ORDERING).forEach(metrics::add);
        ObjectNode methods = root.putObject("methods");
        methods.put("interval", "mean ± t(0.975, n-1) · s / sqrt(n) across seeds; for metrics in [0, 1] (accuracies, "
                + "fractions) the same interval on the logit scale of the squeezed values (y (n-1) + 0.5) / n, mapped back "
                + "and clipped to [0, 1]");
        methods.put("test", "each sleep fraction against f = 0 of the same preset × dataset × variant: Welch's two-sided "
                + "t-test (hipparchus-stat TTest.tTest); paired two-sided t-test by seed when both have the same seeds; "
                + "Holm adjustment of Welch p, and separately of paired p, over the fractions of each preset × dataset × "
                + "variant × metric (a fraction equal to f = 0 seed by seed has no paired t and counts as p = 1 there); "
                + "the paired test is the design's (runs paired by seed), Welch's is kept beside it");
        methods.put("effect_size", "Cohen's d with pooled standard deviation; Hedges' g = J(df) · d with the exact J");
        ObjectNode g = root.putObject("glmm");
        g.put("status", glmm.status());
        g.put("formula", glmm.formula());
        g.put("family", "beta_family() (glmmTMB), accuracy squeezed as (y (n - 1) + 0.5) / n");
        if (glmm.done()) {
            g.put("table", GlmmRunner.TABLE);
            g.put("text", GlmmRunner.TEXT);
            g.put("script", GlmmRunner.SCRIPT);
            if (Files.isRegularFile(dir.resolve(GlmmRunner.FACTOR_TABLE))) {
                g.put("table_sleep_factor", GlmmRunner.FACTOR_TABLE); // the authors' form: sleep as a factor
            }
        }
        ArrayNode w = root.putArray("warnings");
        warnings.forEach(w::add);
        return Mappers.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static double[] values(List<RunRecord> runs, String metric) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = runs.get(i).metric(metric);
        }
        return v;
    }

    private static long[] seeds(List<RunRecord> runs) {
        long[] s = new long[runs.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = runs.get(i).seed();
        }
        return s;
    }
}
