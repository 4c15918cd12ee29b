package io.somnus.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.StudyControl;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.stats.AggregateRow;
import io.somnus.experiment.stats.Aggregator;
import io.somnus.experiment.stats.CellKey;
import io.somnus.experiment.stats.Comparison;
import io.somnus.experiment.stats.GlmmRunner;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.SweepResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/** Statistics across seeds: cell means with CIs, each sleep fraction against f = 0, and the beta GLMM's table. */
final class StatisticsSection implements ComparingSection {

    @Override
    public String id() {
        return "statistics";
    }

    @Override
    public String title() {
        return "Statistics";
    }

    @Override
    public String navLabel() {
        return "Statistics";
    }

    /**
     * Columns of the statistics tables: a heading, the metrics it may come from (first present wins) and the cell-means
     * table it goes in ({@link #TABLES}).
     */
    private record Column(String heading, List<String> metrics, int table) {
        String pick(Map<String, AggregateRow> byMetric) {
            return metrics.stream().filter(byMetric::containsKey).findFirst().orElse(null);
        }
    }

    /**
     * A cell's saturated share of its input weights, whatever their projection's name ({@code input_e}, {@code in_h}, a
     * composed network's {@code in_e1}: {@link InputWeights}), under one key beside the cell's metrics.
     */
    private static final String INPUT_SATURATED = "input weights saturated";

    private static final List<Column> TABLE_COLUMNS = List.of(
            new Column("test accuracy", List.of("test_accuracy"), 0),
            new Column("max drawdown", List.of("stability.max_drawdown"), 0),
            new Column("last-quarter std", List.of("stability.last_quarter_std"), 0),
            new Column("saturated (input weights)", List.of(INPUT_SATURATED), 1),
            new Column("winner fraction", List.of("diversity.winner_fraction"), 1),
            new Column("φ", List.of("phi"), 1));

    /**
     * The cell means in two tables, each with the cells' keys: in one, twelve columns ran past a 1400-px window and the
     * page scrolled sideways.
     */
    private static final List<String> TABLES = List.of("accuracy and stability", "weights and representations");

    @Override
    public void write(ReportContext ctx) throws IOException {
        Html html = ctx.html();
        Map<CellKey, Map<String, AggregateRow>> byCell = new TreeMap<>(ctx.results().cellOrder());
        for (AggregateRow r : ctx.rows()) {
            byCell.computeIfAbsent(r.cell(), k -> new LinkedHashMap<>()).put(r.metric(), r);
        }
        Map<CellKey, List<RunRecord>> runsByCell = ctx.runs().stream().collect(Collectors.groupingBy(RunRecord::cell));
        byCell.forEach((k, byMetric) -> runsByCell.getOrDefault(k, List.of()).stream().findFirst()
                .flatMap(InputWeights::of).map(name -> byMetric.get("weights." + name + ".frac_saturated"))
                .ifPresent(row -> byMetric.put(INPUT_SATURATED, row)));
        List<Column> columns = TABLE_COLUMNS.stream()
                .filter(c -> byCell.values().stream().anyMatch(m -> c.pick(m) != null)).toList();
        boolean anyVariant = byCell.keySet().stream().anyMatch(k -> !k.variant().isEmpty());
        html.tag("h3", "Cell means (95 % CI across seeds)");
        html.p("All metrics, with standard deviations and the tests below, are in aggregate.csv; every run's numbers in "
                + "runs_long.csv (written by the sweep, or by aggregating the directory). Sleep achieved: the fraction of "
                + "the run's time spent asleep, and the runs that had no sleep episode at all (they compare no sleep with "
                + "no sleep, whatever their requested fraction). n: the cell's runs; a mean of fewer says its own n.");
        // per column, the magnitude below which a value is rounding noise, shown as 0 (a std of equal values: 5.78e-17)
        Map<Column, Double> floors = new LinkedHashMap<>();
        for (Column col : columns) {
            double scale = byCell.values().stream().map(m -> col.pick(m) == null ? null : m.get(col.pick(m)))
                    .filter(Objects::nonNull).mapToDouble(r -> Math.abs(r.stats().mean()))
                    .filter(Double::isFinite).max().orElse(0);
            floors.put(col, Formats.noiseFloor(scale));
        }
        for (int table = 0; table < TABLES.size(); table++) {
            int which = table;
            List<Column> these = columns.stream().filter(c -> c.table() == which).toList();
            if (these.isEmpty()) {
                continue;
            }
            // one rule per column for a mean and its interval alike, decided by the column's means (NumberColumn)
            Map<Column, NumberColumn> rules = new LinkedHashMap<>();
            for (Column col : these) {
                rules.put(col, NumberColumn.of(byCell.values().stream().map(m -> col.pick(m) == null ? null
                        : m.get(col.pick(m))).filter(Objects::nonNull).mapToDouble(r -> r.stats().mean()),
                        floors.get(col)));
            }
            List<List<String>> t = new ArrayList<>();
            List<String> head = new ArrayList<>(List.of("preset", "dataset", "variant", "sleep", "sleep achieved", "n"));
            these.forEach(c -> head.add(c.heading()));
            t.add(head);
            for (Map.Entry<CellKey, Map<String, AggregateRow>> c : byCell.entrySet()) {
                CellKey k = c.getKey();
                int n = c.getValue().values().stream().mapToInt(r -> r.stats().n()).max().orElse(0);
                String achieved = k.sleepFraction() == 0 ? "0"
                        : SleepDose.of(runsByCell.getOrDefault(k, List.of())).words();
                List<String> row = new ArrayList<>(List.of(k.preset() + " (" + k.model() + ")", k.dataset(), k.variant(),
                        Formats.fraction(k.sleepFraction()), achieved, Integer.toString(n)));
                for (Column col : these) {
                    String m = col.pick(c.getValue());
                    row.add(m == null ? "not recorded"
                            : Formats.meanCi(c.getValue().get(m).stats(), floors.get(col), n, rules.get(col)));
                }
                t.add(row);
            }
            html.tag("h4", "Cell means: " + TABLES.get(table));
            html.table(anyVariant ? t : dropColumn(t, 2), "data");
        }
        everyRun(html, byCell.keySet(), runsByCell, anyVariant);

        html.tag("h3", "Each sleep fraction against no sleep (f = 0)");
        html.p("The paired two-sided t-test by seed where both share their seeds (the design's: each seed's runs differ "
                + "only in their sleep), its p Holm-adjusted over the sleep fractions of a panel; Welch's two-sided t-test "
                + "beside it, also Holm-adjusted; Cohen's d and Hedges' g from the pooled spread, which ignores the pairing "
                + "(positive: larger than at f = 0; with almost no spread they grow without bound). A paired p of 1 where "
                + "every seed pair is equal. A dash: undefined (fewer than two seeds, or no variation beyond rounding noise, as R's t.test has it). With three seeds a paired test of one slept run against two "
                + "that equal their twins gives t = ±1 whatever the effect: read the runs' sleep beside it.");
        boolean any = false;
        for (Column col : columns) {
            List<List<String>> c = new ArrayList<>();
            c.add(List.of("preset", "dataset", "variant", "sleep", "metric", "difference", "paired p", "paired p (Holm)",
                    "Welch p", "Welch p (Holm)", "d", "g"));
            NumberColumn differences = NumberColumn.of(byCell.values().stream().map(m -> col.pick(m) == null ? null
                    : m.get(col.pick(m))).filter(r -> r != null && r.vsBaseline() != null)
                    .mapToDouble(r -> r.vsBaseline().diff()), floors.get(col));
            for (Map.Entry<CellKey, Map<String, AggregateRow>> cell : byCell.entrySet()) {
                String m = col.pick(cell.getValue());
                AggregateRow r = m == null ? null : cell.getValue().get(m);
                if (r == null || r.vsBaseline() == null) {
                    continue;
                }
                Comparison k = r.vsBaseline();
                CellKey key = cell.getKey();
                c.add(List.of(key.preset() + " (" + key.model() + ")", key.dataset(), key.variant(),
                        Formats.fraction(key.sleepFraction()), m, differences.format(Formats.shown(k.diff(), floors.get(col))),
                        k.pairedN() >= 2 ? Html.p(k.pairedPInFamily()) : "–", k.pairedN() >= 2 ? Html.p(r.pairedPHolm()) : "–",
                        Html.p(k.welchP()), Html.p(r.welchPHolm()), Html.num(k.cohensD(), 2), Html.num(k.hedgesG(), 2)));
            }
            if (c.size() > 1) {
                any = true;
                html.tag("h4", col.heading());
                List<List<String>> shown = dropColumn(c, 4);
                // a variant column only where a row of this table has one: the untrained controls, variants of the
                // study, have no sleep to compare, and their column stood empty in every table
                boolean variantShown = c.stream().skip(1).anyMatch(row -> !row.get(2).isEmpty());
                html.table(variantShown ? shown : dropColumn(shown, 2), "data");
            }
        }
        if (!any) {
            html.note("no comparisons: the sweep needs f = 0 and at least one other sleep fraction per panel");
        }

        variantsAgainstTheFirst(ctx, html, columns);

        html.tag("h3", "Beta GLMM (glmmTMB)");
        Path table = ctx.results().dir().resolve(GlmmRunner.TABLE);
        Path stats = ctx.results().dir().resolve(Aggregator.STATS);
        String status = null;
        String formula = "";
        if (Files.isRegularFile(stats)) {
            try {
                JsonNode s = Mappers.JSON.readTree(stats.toFile()).path("glmm");
                status = s.path("status").asText(null);
                formula = s.path("formula").asText("");
            } catch (IOException e) {
                ctx.note("cannot read " + stats + ": " + e.getMessage());
            }
        }
        if (Files.isRegularFile(table) && (status == null || status.equals("done"))) {
            if (!formula.isEmpty()) {
                html.raw("<p>Model: <code>").text(formula).raw("</code>, beta family, accuracy squeezed into (0, 1).</p>\n");
            }
            html.note(glmmReading(ctx.runs(), ctx.results().cellOrder(), formula));
            glmmTable(html, table);
            Path factor = ctx.results().dir().resolve(GlmmRunner.FACTOR_TABLE);
            if (Files.isRegularFile(factor)) {
                html.p("The authors' form (their GLM/analysis.r): sleep as a factor, one coefficient per sleep fraction "
                        + "against f = 0.");
                glmmTable(html, factor);
            }
        } else if (status != null) {
            html.note("GLMM " + status);
        } else {
            html.note("GLMM not run for this directory: `somnus sweep` fits it after the runs when R and glmmTMB are installed");
        }
    }

    /**
     * The sweep's variants (named variants, grid values) against the first of them, where a preset × dataset × sleep
     * fraction ran several: nothing for a sweep with neither. The order is the sweep file's (DIR/sweep.yaml); without it,
     * the variants' names.
     */
    private static void variantsAgainstTheFirst(ReportContext ctx, Html html, List<Column> columns) {
        Comparator<CellKey> order = ctx.results().cellOrder();
        List<List<String>> all = new ArrayList<>();
        for (Column col : columns) {
            String metric = col.metrics().stream().filter(m -> ctx.runs().stream()
                    .anyMatch(r -> Double.isFinite(r.metric(m)))).findFirst().orElse(null);
            if (metric == null) {
                continue;
            }
            for (VariantComparisons.Row r : VariantComparisons.of(ctx.runs(), order, metric)) {
                Comparison k = r.comparison();
                CellKey key = r.cell();
                // the rows mix metrics: each difference and its interval by the rule of a column of that difference
                NumberColumn rule = NumberColumn.of(DoubleStream.of(k.diff()), Formats.NOISE);
                all.add(List.of(key.preset() + " (" + key.model() + ")", key.dataset(), Formats.fraction(key.sleepFraction()),
                        key.variant(), r.reference(), Integer.toString(k.pairedN()), col.heading(),
                        rule.format(Formats.shown(k.diff(), Formats.NOISE)),
                        Double.isNaN(r.ciLow()) ? "–" : "[" + rule.format(Formats.shown(r.ciLow(), Formats.NOISE)) + ", "
                        + rule.format(Formats.shown(r.ciHigh(), Formats.NOISE)) + "]",
                        k.pairedN() >= 2 ? Html.p(k.pairedPInFamily()) : "–", k.pairedN() >= 2 ? Html.p(r.pairedPHolm()) : "–",
                        Html.p(k.welchP())));
            }
        }
        if (all.isEmpty()) {
            return;
        }
        html.tag("h3", "Variants against the first");
        html.p("Where a preset × dataset × sleep fraction ran several of the sweep's variants (its named variants and grid "
                + "values; the controls left out), each against the first in the sweep file's order (a named variant against the "
                + "first named variant at the same grid point): the difference of the means (variant − first), the 95 % t-interval of the difference by seed where both ran the same seeds "
                + "(each seed's two runs differ only in the variant's settings), the paired two-sided t-test, its p Holm-adjusted over the variants compared with "
                + "one first, and Welch's test. Seed pairs: the seeds both ran (0: the test and interval are unpaired, or "
                + "undefined). A paired p of 1 where every seed pair is equal. A dash: undefined (fewer than two seeds, or no "
                + "variation beyond rounding noise).");
        List<List<String>> t = new ArrayList<>();
        t.add(List.of("preset", "dataset", "sleep", "variant", "against", "seed pairs", "metric", "difference",
                "95 % CI (paired)",
                "paired p", "paired p (Holm)", "Welch p"));
        t.addAll(all);
        html.table(t, "data");
    }

    /**
     * Every run behind the means, folded away: a cell's spread often comes from one seed (one that never slept, one that
     * ended at chance), which its mean and interval hide.
     */
    private static void everyRun(Html html, Set<CellKey> cells, Map<CellKey, List<RunRecord>> runsByCell,
                                 boolean anyVariant) {
        List<List<String>> t = new ArrayList<>();
        t.add(List.of("run", "preset", "dataset", "variant", "sleep", "seed", "sleep achieved", "sleep episodes",
                "test accuracy"));
        int n = 0;
        NumberColumn accuracy = NumberColumn.of(cells.stream().flatMap(k -> runsByCell.getOrDefault(k, List.of()).stream())
                .mapToDouble(r -> r.metric("test_accuracy")), Formats.NOISE);
        for (CellKey k : cells) {
            for (RunRecord r : runsByCell.getOrDefault(k, List.of())) {
                t.add(List.of(r.runId(), r.preset(), r.dataset(), r.variant(), Formats.fraction(r.sleepFraction()),
                        Long.toString(r.seed()), Formats.achieved(r.metric(SleepDose.ACHIEVED)),
                        Html.sig(r.metric(SleepDose.EPISODES)), accuracy.format(r.metric("test_accuracy"))));
                n++;
            }
        }
        html.raw("<details><summary>Every run (" + n + ")</summary>\n");
        html.table(anyVariant ? t : dropColumn(t, 3), "data");
        html.raw("</details>\n");
    }

    private static List<List<String>> dropColumn(List<List<String>> t, int column) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : t) {
            List<String> r = new ArrayList<>(row);
            r.remove(column);
            out.add(r);
        }
        return out;
    }

    /**
     * How far the GLMM carries: exploratory, beside the verdict; which presets its {@code model} factor pools, and which
     * variants of the study it pools, in the order of the report's cells ({@code cellOrder}, {@link
     * SweepResults#cellOrder}: the sweep file's), each model where its first preset comes; that its sleep is the
     * fraction asked for; how many datasets its random effect is estimated from.
     */
    static String glmmReading(List<RunRecord> runs, Comparator<CellKey> cellOrder, String formula) {
        Map<String, Set<String>> presetsByModel = new LinkedHashMap<>();
        Set<String> datasets = new TreeSet<>();
        for (RunRecord r : runs.stream().sorted(Comparator.comparing(RunRecord::cell, cellOrder)).toList()) {
            presetsByModel.computeIfAbsent(r.model(), m -> new LinkedHashSet<>()).add(r.preset());
            datasets.add(r.dataset());
        }
        List<String> pooled = new ArrayList<>();
        presetsByModel.forEach((model, presets) -> {
            if (presets.size() > 1) {
                pooled.add(model + " pools " + String.join(" and ", presets));
            }
        });
        // the terms glmm.R fitted: a model term with several models, a dataset effect with several datasets
        String modelTerm = (formula.contains("model") ? "Its model term is one level per model, a sleep slope each"
                : "It has no model term: one sleep slope for all runs") + (pooled.isEmpty() ? "" : " (" + String.join("; ",
                pooled) + "), which averages presets whose sleep may act in opposite ways: the comparisons above are per "
                + "preset");
        // glmm.R leaves the controls out and has no variant term: a grid's points share its slope
        Set<String> variants = new TreeSet<>(CellKey.variants(cellOrder));
        boolean controls = false;
        for (RunRecord r : runs) {
            if (StudyControl.labelIn(r.variant()).isEmpty()) {
                variants.add(r.variant());
            } else {
                controls = true;
            }
        }
        if (variants.size() > 1) {
            modelTerm += (pooled.isEmpty() ? ", which pools" : "; it also pools") + " the study's " + variants.size()
                    + " variants (" + String.join("; ", variants.stream().map(v -> v.isEmpty() ? "the preset as it is" : v)
                    .toList()) + (controls ? "; the untrained controls left out" : "") + "): the comparisons above are "
                    + "per variant";
        }
        String datasetTerm = formula.contains("dataset") ? "its dataset effect is estimated from " + datasets.size()
                + " datasets" : "it has no dataset effect (one dataset: a random intercept per seed instead)";
        return "Exploratory, not part of the verdict: the paper's model fitted as it is. " + modelTerm + "; its sleep is "
                + "the fraction asked for, not the sleep achieved; " + datasetTerm + ".";
    }

    /**
     * A GLMM coefficient table (term, estimate, std_error, z, p) as written by glmm.R, in the digits of the report's
     * other tables, not R's own (0.12 beside 0.02604): an estimate and its standard error by one column rule
     * ({@link NumberColumn}, decided by the estimates), z to two decimals as d and g, p as every p ({@link Html#p}).
     */
    static void glmmTable(Html html, Path table) {
        try {
            CsvTable g = Csv.read(table);
            List<String> header = g.header();
            int estimate = header.indexOf("estimate");
            NumberColumn rule = NumberColumn.of(estimate < 0 ? DoubleStream.empty()
                    : g.rows().stream().mapToDouble(row -> parsed(row.get(estimate))), Formats.NOISE);
            List<List<String>> gt = new ArrayList<>();
            gt.add(header.stream().map(h -> h.equals("std_error") ? "std. error" : h).toList());
            for (List<String> row : g.rows()) {
                List<String> formatted = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    String cell = row.get(i);
                    double v = parsed(cell);
                    String column = i < header.size() ? header.get(i) : "";
                    formatted.add(i == 0 || Double.isNaN(v) && !cell.equalsIgnoreCase("NA") ? cell : switch (column) {
                        case "estimate", "std_error" -> rule.format(v);
                        case "z" -> Html.num(v, 2);
                        case "p" -> Html.p(v);
                        default -> Formats.number(cell);
                    });
                }
                gt.add(formatted);
            }
            html.table(gt, "data");
        } catch (FileFormatException | IOException e) {
            html.note("cannot read " + table + ": " + e.getMessage());
        }
    }

    /** A number R wrote (NA, R's missing value, as NaN; not a number: NaN). */
    private static double parsed(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
