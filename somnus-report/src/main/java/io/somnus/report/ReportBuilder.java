package io.somnus.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.somnus.core.SomnusVersion;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.stats.AggregateRow;
import io.somnus.experiment.stats.Aggregator;
import io.somnus.experiment.stats.CellKey;
import io.somnus.experiment.stats.CellStats;
import io.somnus.experiment.stats.Comparison;
import io.somnus.experiment.stats.CurvePoint;
import io.somnus.experiment.stats.GlmmRunner;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.LedgerEntry;
import io.somnus.experiment.sweep.RunStatus;
import io.somnus.experiment.sweep.SweepResults;
import io.somnus.experiment.sweep.SweepRunner;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;

/**
 * Builds the study's report: one self-contained HTML file (figures embedded as SVG or PNG data URIs, CSS
 * inline, no external references) from a sweep directory or a single run directory (docs/run-directory.md).
 * Sections: what was run; accuracy over training; accuracy, stability, saturation and diversity versus
 * sleep fraction; weight traces across sleep episodes; weight histograms before and after sleep;
 * receptive fields; STDP-SNN versus SG-SNN; statistics. Optional files or columns that are missing are
 * reported as "not recorded".
 */
public final class ReportBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The sleep fraction the paper recommends (10–20 %): the run whose traces are shown is the nearest. */
    private static final double SHOWCASE_FRACTION = 0.2;
    private static final int RF_TILES = 64;
    /** A y axis is logarithmic only when its values span at least this factor (else it shows one decade tick). */
    private static final double LOG_RANGE = 20;

    private final SweepResults results;
    private final java.util.concurrent.ExecutorService painters;
    private final Html html = new Html();
    private final List<String> notes = new ArrayList<>();
    private List<AggregateRow> rows;

    private ReportBuilder(SweepResults results, java.util.concurrent.ExecutorService painters) {
        this.results = results;
        this.painters = painters;
    }

    /**
     * Writes the report of a sweep directory (with {@code runs/}) or a run directory (with summary.json).
     *
     * @param sweepOrRunDir the directory to report on
     * @param outHtml       the HTML file to write (atomically; parent directories are created)
     * @throws io.somnus.experiment.stats.NotAResultDirectoryException when the directory is neither a sweep
     *                                                                  nor a run directory
     */
    public static void build(Path sweepOrRunDir, Path outHtml) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        SweepResults results = SweepResults.load(sweepOrRunDir);
        // charts are independent: encode them to SVG in parallel while the page is assembled
        java.util.concurrent.ExecutorService painters = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                    Thread t = new Thread(r, "report-figure");
                    t.setDaemon(true);
                    return t;
                });
        try {
            String page = new ReportBuilder(results, painters).render();
            AtomicFiles.write(outHtml, page);
        } finally {
            painters.shutdownNow();
        }
    }

    private String render() throws IOException {
        rows = Aggregator.rows(results.runs());
        notes.addAll(results.warnings());
        String title = results.singleRun() ? "Somnus run " + results.name() : "Somnus sweep " + results.name();
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .text(title).raw("</title>\n<style>\n").raw(CSS).raw("</style>\n</head>\n<body>\n<main>\n");
        html.raw("<h1>").text(title).raw("</h1>\n");
        html.raw("<nav>").raw(nav()).raw("</nav>\n");
        section("header", "What was run", this::header);
        section("training-curves", "Accuracy over training", this::trainingCurves);
        section("vs-sleep", "Accuracy, stability, saturation and diversity versus sleep fraction", this::versusSleep);
        section("weight-traces", "Weights across sleep episodes", this::weightTraces);
        section("weight-histograms", "Weight distributions before and after sleep", this::weightHistograms);
        section("receptive-fields", "Receptive fields", this::receptiveFields);
        section("stdp-vs-sg", "STDP-SNN versus SG-SNN", this::modelComparison);
        section("statistics", "Statistics", this::statistics);
        html.sectionStart("notes", "Notes");
        if (notes.isEmpty()) {
            html.note("Nothing was left out.");
        } else {
            html.raw("<ul>\n");
            for (String n : notes) {
                html.raw("<li>").text(n).raw("</li>\n");
            }
            html.raw("</ul>\n");
        }
        html.sectionEnd();
        html.raw("<footer>Generated by Somnus ").text(SomnusVersion.VERSION).raw(" on ")
                .text(Instant.now().toString()).raw(" from ").text(results.dir().toString()).raw("</footer>\n");
        html.raw("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private java.util.concurrent.Future<String> svg(XYChart chart) {
        return painters.submit(() -> Charts.svg(chart));
    }

    private interface Section {
        void write() throws IOException;
    }

    private void section(String id, String title, Section body) throws IOException {
        html.sectionStart(id, title);
        if (results.runs().isEmpty() && !id.equals("header")) {
            html.note("not recorded: no finished runs");
        } else {
            body.write();
        }
        html.sectionEnd();
    }

    private static String nav() {
        String[][] items = {{"header", "Runs"}, {"training-curves", "Training"}, {"vs-sleep", "vs sleep"},
                {"weight-traces", "Weight traces"}, {"weight-histograms", "Histograms"},
                {"receptive-fields", "Receptive fields"}, {"stdp-vs-sg", "STDP vs SG"}, {"statistics", "Statistics"},
                {"notes", "Notes"}};
        StringBuilder b = new StringBuilder();
        for (String[] i : items) {
            b.append("<a href=\"#").append(i[0]).append("\">").append(Html.escape(i[1])).append("</a> ");
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ header

    private void header() throws IOException {
        List<RunRecord> runs = results.runs();
        List<List<String>> t = new ArrayList<>();
        t.add(List.of("", ""));
        t.add(List.of(results.singleRun() ? "run" : "sweep", results.name()));
        t.add(List.of("directory", results.dir().toString()));
        if (!results.ledger().isEmpty()) {
            Map<RunStatus, Long> by = results.ledger().stream()
                    .collect(Collectors.groupingBy(LedgerEntry::status, () -> new java.util.EnumMap<>(RunStatus.class),
                            Collectors.counting()));
            t.add(List.of("runs", results.ledger().size() + " planned: " + by.getOrDefault(RunStatus.DONE, 0L) + " done, "
                    + by.getOrDefault(RunStatus.FAILED, 0L) + " failed, "
                    + (by.getOrDefault(RunStatus.PENDING, 0L) + by.getOrDefault(RunStatus.RUNNING, 0L)) + " not finished"));
        } else {
            t.add(List.of("runs", runs.size() + " finished"));
        }
        t.add(List.of("presets (model)", distinct(runs, r -> r.preset() + " (" + r.model() + ")")));
        t.add(List.of("datasets", distinct(runs, RunRecord::dataset)));
        t.add(List.of("sleep fractions", distinct(runs, r -> fraction(r.sleepFraction()))));
        t.add(List.of("seeds", distinct(runs, r -> Long.toString(r.seed()))));
        String variants = distinct(runs, RunRecord::variant);
        if (!variants.isBlank()) {
            t.add(List.of("grid variants", variants));
        }
        if (results.singleRun() && runs.size() == 1) {
            t.add(List.of("test accuracy", Html.sig(runs.get(0).metric("test_accuracy"))));
        }
        Provenance prov = Provenance.of(runs);
        t.add(List.of("started", prov.start.isEmpty() ? "not recorded" : prov.start.first()));
        t.add(List.of("finished", prov.end.isEmpty() ? "not recorded" : prov.end.last()));
        t.add(List.of("Somnus version", prov.somnus.isEmpty() ? "not recorded" : String.join(", ", prov.somnus)));
        t.add(List.of("Java version", prov.java.isEmpty() ? "not recorded" : String.join(", ", prov.java)));
        t.add(List.of("report", "Somnus " + SomnusVersion.VERSION + ", Java " + System.getProperty("java.version")
                + ", " + Instant.now()));
        html.table(t, "kv");
        html.tag("h3", "Dataset checksums (SHA-256)");
        if (prov.checksums.isEmpty()) {
            html.note("not recorded (no SHA-256 in the runs' provenance.json)");
        } else {
            List<List<String>> c = new ArrayList<>();
            c.add(List.of("file", "SHA-256"));
            prov.checksums.forEach((k, v) -> c.add(List.of(k, v)));
            html.table(c, "mono");
        }
        Path sweepFile = results.dir().resolve(SweepRunner.SWEEP_COPY);
        if (Files.isRegularFile(sweepFile)) {
            html.raw("<details><summary>Sweep file</summary><pre>").text(Files.readString(sweepFile)).raw("</pre></details>\n");
        }
        if (results.singleRun()) {
            Path config = results.dir().resolve("config.yaml");
            if (Files.isRegularFile(config)) {
                html.raw("<details><summary>Resolved configuration</summary><pre>").text(Files.readString(config))
                        .raw("</pre></details>\n");
            }
        }
        List<LedgerEntry> failed = results.ledger().stream().filter(e -> e.status() == RunStatus.FAILED).toList();
        if (!failed.isEmpty()) {
            html.tag("h3", "Failed runs");
            List<List<String>> f = new ArrayList<>();
            f.add(List.of("run", "attempts", "error"));
            for (LedgerEntry e : failed) {
                f.add(List.of(e.runId(), Integer.toString(e.attempts()),
                        e.error() == null ? "" : e.error().lines().findFirst().orElse("")));
            }
            html.table(f, "data");
        }
    }

    /** What the runs' provenance.json files say, whatever their exact layout. */
    private static final class Provenance {
        final TreeSet<String> start = new TreeSet<>();
        final TreeSet<String> end = new TreeSet<>();
        final Set<String> somnus = new TreeSet<>();
        final Set<String> java = new TreeSet<>();
        final Map<String, String> checksums = new TreeMap<>();

        static Provenance of(List<RunRecord> runs) {
            Provenance p = new Provenance();
            for (RunRecord r : runs) {
                Path file = r.dir().resolve("provenance.json");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    p.walk("", io.somnus.experiment.io.JsonFiles.readObject(file));
                } catch (IOException e) {
                    throw new FileFormatException("run " + r.runId() + ": cannot read " + file + ": " + e.getMessage(), e);
                }
            }
            return p;
        }

        private void walk(String path, JsonNode node) {
            if (node.isObject()) {
                String label = null;
                for (String k : List.of("file", "name", "path")) {
                    if (node.hasNonNull(k) && node.get(k).isTextual()) {
                        label = node.get(k).asText();
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = e.getKey();
                    String child = path.isEmpty() ? key : path + "." + key;
                    JsonNode v = e.getValue();
                    String lower = key.toLowerCase(Locale.ROOT);
                    if (v.isTextual() && isChecksumKey(lower)) {
                        checksums.put(label != null ? label : (isChecksumKey(lower) && !path.isEmpty() ? path : key), v.asText());
                    } else if (v.isObject() && isChecksumKey(lower)) {
                        // {"sha256": {"file": "hash", ...}}
                        for (Iterator<Map.Entry<String, JsonNode>> f = v.fields(); f.hasNext(); ) {
                            Map.Entry<String, JsonNode> fe = f.next();
                            if (fe.getValue().isTextual()) {
                                checksums.put(fe.getKey(), fe.getValue().asText());
                            }
                        }
                    } else if (v.isValueNode()) {
                        String text = v.asText();
                        if (lower.contains("java")) {
                            java.add(text);
                        } else if (lower.contains("version") && (lower.contains("somnus") || path.isEmpty())) {
                            somnus.add(text);
                        } else if (lower.startsWith("start") || lower.endsWith("start") || lower.contains("started")) {
                            start.add(text);
                        } else if (lower.startsWith("end") || lower.contains("finish") || lower.endsWith("end")) {
                            end.add(text);
                        }
                    } else {
                        walk(child, v);
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    walk(path + "[" + i + "]", node.get(i));
                }
            }
        }

        private static boolean isChecksumKey(String lower) {
            return lower.contains("sha256") || lower.contains("sha-256") || lower.contains("checksum");
        }
    }

    // ------------------------------------------------------------------ groups

    /** preset × dataset × variant: the unit of one panel; its cells differ by sleep fraction. */
    private record Group(String preset, String model, String dataset, String variant) {
        static Group of(CellKey c) {
            return new Group(c.preset(), c.model(), c.dataset(), c.variant());
        }

        static Group of(RunRecord r) {
            return of(r.cell());
        }

        String title() {
            return preset + " (" + model + ") × " + dataset + (variant.isEmpty() ? "" : ", " + variant);
        }
    }

    private Map<Group, List<RunRecord>> groups() {
        Map<Group, List<RunRecord>> out = new LinkedHashMap<>();
        for (RunRecord r : results.runs()) {
            out.computeIfAbsent(Group.of(r), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private List<Double> fractions(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::sleepFraction).distinct().sorted().toList();
    }

    // ------------------------------------------------------------------ training curves

    private void trainingCurves() {
        List<CurvePoint> points = Aggregator.curves(results.runs(), Aggregator.CURVE_COLUMN, notes);
        if (points.isEmpty()) {
            html.note("not recorded: no run has metrics.csv with images_seen and val_accuracy");
            return;
        }
        html.p("Validation accuracy (main readout) at each checkpoint: mean across seeds, with the 95 % confidence "
                + "band where there are at least two seeds.");
        Map<Group, Map<Double, List<CurvePoint>>> byGroup = new LinkedHashMap<>();
        for (CurvePoint p : points) {
            byGroup.computeIfAbsent(Group.of(p.cell()), k -> new TreeMap<>())
                    .computeIfAbsent(p.cell().sleepFraction(), k -> new ArrayList<>()).add(p);
        }
        html.wideGridStart();
        for (Map.Entry<Group, Map<Double, List<CurvePoint>>> g : byGroup.entrySet()) {
            XYChart chart = Charts.xy(g.getKey().title(), "training images seen", "validation accuracy", 560, 340);
            int n = g.getValue().size();
            int i = 0;
            for (Map.Entry<Double, List<CurvePoint>> f : g.getValue().entrySet()) {
                List<CurvePoint> c = f.getValue();
                double[] x = c.stream().mapToDouble(CurvePoint::imagesSeen).toArray();
                double[] y = c.stream().mapToDouble(p -> p.stats().mean()).toArray();
                double[] lo = c.stream().mapToDouble(p -> p.stats().ciLow()).toArray();
                double[] hi = c.stream().mapToDouble(p -> p.stats().ciHigh()).toArray();
                Color color = Charts.sequential(i++, n);
                String name = "sleep " + fraction(f.getKey());
                Charts.band(chart, name + " CI", x, lo, hi, color);
                Charts.line(chart, name, x, y, color).setMarker(x.length > 30
                        ? org.knowm.xchart.style.markers.SeriesMarkers.NONE : org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            }
            chart.getStyler().setXAxisMin(0.0);
            html.svgFigure(svg(chart), "accuracy over training, " + g.getKey().title(), null, "fig");
        }
        html.gridEnd();
    }

    // ------------------------------------------------------------------ versus sleep fraction

    private record Panel(String title, String yTitle, List<String> metrics, Function<String, String> label) {}

    private void versusSleep() {
        if (results.singleRun()) {
            html.note("not applicable: a single run has one sleep fraction (report a sweep directory for this section)");
            return;
        }
        html.p("Each point is the mean across seeds at the end of training, with its 95 % confidence interval.");
        Map<Group, List<AggregateRow>> byGroup = new LinkedHashMap<>();
        for (AggregateRow r : rows) {
            byGroup.computeIfAbsent(Group.of(r.cell()), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<Group, List<AggregateRow>> g : byGroup.entrySet()) {
            html.tag("h3", g.getKey().title());
            List<AggregateRow> groupRows = g.getValue();
            Set<String> metrics = groupRows.stream().map(AggregateRow::metric).collect(Collectors.toCollection(LinkedHashSet::new));
            List<String> projections = metrics.stream().filter(m -> m.startsWith("weights."))
                    .map(m -> m.substring("weights.".length(), m.lastIndexOf('.'))).distinct().toList();
            List<Panel> panels = List.of(
                    new Panel("final test accuracy", "accuracy", List.of("test_accuracy"), m -> "test"),
                    new Panel("max drawdown of validation accuracy", "drawdown", List.of("stability.max_drawdown"), m -> ""),
                    new Panel("std of the last quarter", "std", List.of("stability.last_quarter_std"), m -> ""),
                    new Panel("fraction saturated", "fraction of weights",
                            projections.stream().map(p -> "weights." + p + ".frac_saturated").toList(), ReportBuilder::projection),
                    new Panel("total |w|", "Σ|w|",
                            projections.stream().map(p -> "weights." + p + ".total_abs").toList(), ReportBuilder::projection),
                    new Panel("winner fraction", "fraction of E neurons", List.of("diversity.winner_fraction"), m -> ""),
                    new Panel("assignment entropy", "bits", List.of("diversity.assignment_entropy"), m -> ""),
                    new Panel("receptive-field cosine similarity", "mean pairwise cosine", List.of("diversity.rf_cosine"), m -> ""),
                    new Panel("φ", "φ", List.of("phi"), m -> ""));
            List<String> missing = new ArrayList<>();
            html.gridStart();
            for (Panel panel : panels) {
                List<String> present = panel.metrics().stream().filter(metrics::contains).toList();
                if (present.isEmpty()) {
                    missing.add(panel.title());
                    continue;
                }
                XYChart chart = Charts.xy(panel.title(), "sleep fraction", panel.yTitle(), 380, 270);
                double lo = Double.POSITIVE_INFINITY;
                double hi = 0;
                int i = 0;
                for (String metric : present) {
                    List<AggregateRow> series = groupRows.stream().filter(r -> r.metric().equals(metric))
                            .sorted(Comparator.comparingDouble(r -> r.cell().sleepFraction())).toList();
                    double[] x = series.stream().mapToDouble(r -> r.cell().sleepFraction()).toArray();
                    double[] y = series.stream().mapToDouble(r -> r.stats().mean()).toArray();
                    double[] e = series.stream().mapToDouble(r -> r.stats().ciHalfWidth()).toArray();
                    // a log axis must stay above zero including the error bars (XChart refuses otherwise)
                    for (int k = 0; k < y.length; k++) {
                        lo = Math.min(lo, Double.isFinite(e[k]) ? y[k] - e[k] : y[k]);
                    }
                    hi = Math.max(hi, java.util.Arrays.stream(y).max().orElse(0));
                    String name = present.size() == 1 ? panel.title() : panel.label().apply(metric);
                    Charts.errorBars(chart, name, x, y, e, Charts.qualitative(i++));
                }
                boolean logScale = panel.title().equals("total |w|") && lo > 0 && hi / lo >= LOG_RANGE;
                chart.getStyler().setYAxisLogarithmic(logScale);
                if (panel.title().equals("total |w|")) {
                    chart.setYAxisTitle(logScale ? "Σ|w| (log scale)" : "Σ|w|");
                }
                chart.getStyler().setLegendVisible(present.size() > 1);
                chart.getStyler().setXAxisDecimalPattern("0.00");
                html.svgFigure(svg(chart), panel.title() + ", " + g.getKey().title(), null, "fig");
            }
            html.gridEnd();
            if (!missing.isEmpty()) {
                html.note("not recorded: " + String.join(", ", missing));
            }
        }
    }

    private static String projection(String metric) {
        return metric.substring("weights.".length(), metric.lastIndexOf('.'));
    }

    // ------------------------------------------------------------------ weight traces and histograms

    /** Per group: the f = 0 run and the sleeping run nearest the paper's fraction, both of the first seed. */
    private List<RunRecord> showcase(List<RunRecord> runs) {
        long seed = runs.stream().mapToLong(RunRecord::seed).min().orElse(0);
        List<RunRecord> first = runs.stream().filter(r -> r.seed() == seed).toList();
        List<RunRecord> out = new ArrayList<>();
        first.stream().filter(r -> r.sleepFraction() == 0).findFirst().ifPresent(out::add);
        first.stream().filter(r -> r.sleepFraction() > 0)
                .min(Comparator.comparingDouble((RunRecord r) -> Math.abs(r.sleepFraction() - SHOWCASE_FRACTION))
                        .thenComparingDouble(RunRecord::sleepFraction))
                .ifPresent(out::add);
        return out;
    }

    private CsvTable optionalCsv(RunRecord run, String file, List<String> columns) {
        Path p = run.dir().resolve(file);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            CsvTable t = Csv.read(p);
            List<String> absent = columns.stream().filter(c -> !t.hasColumn(c)).toList();
            if (!absent.isEmpty()) {
                notes.add(p + " lacks column(s) " + String.join(", ", absent));
                return null;
            }
            return t;
        } catch (IOException e) {
            throw new FileFormatException("run " + run.runId() + ": cannot read " + p + ": " + e.getMessage(), e);
        } catch (FileFormatException e) {
            // a file that exists but is not what Somnus wrote: an error, not "not recorded"
            throw new FileFormatException("run " + run.runId() + ": damaged file: " + e.getMessage(), e);
        }
    }

    private void weightTraces() {
        html.p("Total |w| per projection against simulation step (log scale), for the first seed without sleep and "
                + "at the sleep fraction nearest " + SHOWCASE_FRACTION + "; shaded: sleep episodes.");
        int drawn = 0;
        List<String> missing = new ArrayList<>();
        html.wideGridStart();
        for (Map.Entry<Group, List<RunRecord>> g : groups().entrySet()) {
            double[] range = {Double.POSITIVE_INFINITY, 0, 0};
            List<XYChart> charts = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            for (RunRecord run : showcase(g.getValue())) {
                CsvTable t = optionalCsv(run, "sleep_traces.csv", List.of("step", "phase", "episode", "projection", "total_abs"));
                if (t == null) {
                    missing.add(run.runId());
                    continue;
                }
                Map<String, List<double[]>> byProjection = new TreeMap<>();
                TreeMap<Double, double[]> sleepSpans = new TreeMap<>();
                double[] step = t.doubles("step");
                double[] total = t.doubles("total_abs");
                double[] episode = t.doubles("episode");
                List<String> phase = t.strings("phase");
                List<String> projection = t.strings("projection");
                for (int i = 0; i < t.rowCount(); i++) {
                    if (!Double.isFinite(step[i]) || !Double.isFinite(total[i])) {
                        continue;
                    }
                    byProjection.computeIfAbsent(projection.get(i), k -> new ArrayList<>()).add(new double[] {step[i], total[i]});
                    if (phase.get(i).equals("sleep")) {
                        double ep = Double.isFinite(episode[i]) ? episode[i] : -1;
                        double at = step[i];
                        double[] span = sleepSpans.computeIfAbsent(ep, k -> new double[] {at, at});
                        span[0] = Math.min(span[0], step[i]);
                        span[1] = Math.max(span[1], step[i]);
                    }
                }
                if (byProjection.isEmpty()) {
                    missing.add(run.runId());
                    continue;
                }
                XYChart chart = Charts.xy(g.getKey().title() + ", sleep " + fraction(run.sleepFraction()),
                        "simulation step", "Σ|w| (log scale)", 560, 320);
                double lo = Double.POSITIVE_INFINITY;
                double hi = 0;
                for (List<double[]> pts : byProjection.values()) {
                    for (double[] p : pts) {
                        if (p[1] > 0) {
                            lo = Math.min(lo, p[1]);
                            hi = Math.max(hi, p[1]);
                        }
                    }
                }
                boolean log = lo > 0 && hi / lo >= LOG_RANGE;
                if (log) {
                    Charts.spans(chart, "sleep", new ArrayList<>(sleepSpans.values()), lo, hi, new Color(0x55, 0x55, 0x55));
                    range[0] = Math.min(range[0], lo);
                    range[1] = Math.max(range[1], hi);
                }
                for (List<double[]> pts : byProjection.values()) {
                    range[2] = Math.max(range[2], pts.stream().mapToDouble(v -> v[0]).max().orElse(0));
                }
                int i = 0;
                for (Map.Entry<String, List<double[]>> p : byProjection.entrySet()) {
                    double[] x = p.getValue().stream().mapToDouble(v -> v[0]).toArray();
                    double[] y = p.getValue().stream().mapToDouble(v -> v[1]).toArray();
                    Charts.line(chart, p.getKey(), x, y, Charts.qualitative(i++))
                            .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                }
                chart.getStyler().setYAxisLogarithmic(log);
                chart.setYAxisTitle(log ? "Σ|w| (log scale)" : "Σ|w|");
                chart.getStyler().setXAxisMin(0.0);
                charts.add(chart);
                captions.add(run.runId());
            }
            for (int c = 0; c < charts.size(); c++) {
                XYChart chart = charts.get(c);
                if (chart.getStyler().isYAxisLogarithmic() && range[1] > 0) {
                    // the same y range for the runs of a panel, so that growth and its absence compare at a glance
                    chart.getStyler().setYAxisMin(range[0]);
                    chart.getStyler().setYAxisMax(range[1]);
                }
                chart.getStyler().setXAxisMax(range[2]);
                html.svgFigure(svg(chart), "weight traces of " + captions.get(c), captions.get(c), "fig");
                drawn++;
            }
        }
        html.gridEnd();
        if (drawn == 0) {
            html.note("not recorded: no sleep_traces.csv in the runs shown");
        } else if (!missing.isEmpty()) {
            html.note("not recorded for " + String.join(", ", missing));
        }
    }

    private void weightHistograms() {
        html.p("Distribution of weights per projection just before and just after the last recorded sleep episode "
                + "(first seed, sleep fraction nearest " + SHOWCASE_FRACTION + ").");
        int drawn = 0;
        List<String> missing = new ArrayList<>();
        html.gridStart();
        for (Map.Entry<Group, List<RunRecord>> g : groups().entrySet()) {
            RunRecord run = showcase(g.getValue()).stream().filter(r -> r.sleepFraction() > 0).findFirst().orElse(null);
            if (run == null) {
                continue;
            }
            CsvTable t = optionalCsv(run, "weight_histograms.csv", List.of("episode", "when", "projection", "bin_lo", "bin_hi", "count"));
            if (t == null) {
                missing.add(run.runId());
                continue;
            }
            double[] episode = t.doubles("episode");
            double last = java.util.Arrays.stream(episode).filter(Double::isFinite).max().orElse(Double.NaN);
            double[] lo = t.doubles("bin_lo");
            double[] hi = t.doubles("bin_hi");
            double[] count = t.doubles("count");
            List<String> when = t.strings("when");
            List<String> projection = t.strings("projection");
            Map<String, Map<String, List<double[]>>> data = new TreeMap<>();
            for (int i = 0; i < t.rowCount(); i++) {
                if (episode[i] == last && Double.isFinite(count[i])) {
                    data.computeIfAbsent(projection.get(i), k -> new TreeMap<>())
                            .computeIfAbsent(when.get(i), k -> new ArrayList<>()).add(new double[] {lo[i], hi[i], count[i]});
                }
            }
            for (Map.Entry<String, Map<String, List<double[]>>> p : data.entrySet()) {
                XYChart chart = Charts.xy(g.getKey().preset() + " × " + g.getKey().dataset() + ": " + p.getKey()
                        + " (episode " + (long) last + ")", "weight", "fraction of synapses", 380, 270);
                int i = 0;
                for (String w : List.of("before", "after")) {
                    List<double[]> bins = p.getValue().get(w);
                    if (bins == null || bins.isEmpty()) {
                        continue;
                    }
                    bins.sort(Comparator.comparingDouble(b -> b[0]));
                    double sum = bins.stream().mapToDouble(b -> b[2]).sum();
                    double[] x = new double[bins.size() + 1];
                    double[] y = new double[bins.size() + 1];
                    for (int b = 0; b < bins.size(); b++) {
                        x[b] = bins.get(b)[0];
                        y[b] = sum > 0 ? bins.get(b)[2] / sum : 0;
                    }
                    x[bins.size()] = bins.get(bins.size() - 1)[1];
                    y[bins.size()] = y[bins.size() - 1];
                    var s = chart.addSeries(w + " sleep", x, y);
                    s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.StepArea);
                    Color c = i++ == 0 ? Charts.qualitative(1) : Charts.qualitative(0);
                    s.setLineColor(c);
                    s.setFillColor(Charts.alpha(c, 60));
                    s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                }
                chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
                html.svgFigure(svg(chart), "weight histogram " + p.getKey() + " of " + run.runId(),
                        run.runId(), "fig");
                drawn++;
            }
        }
        html.gridEnd();
        if (drawn == 0) {
            html.note("not recorded: no weight_histograms.csv in the runs shown");
        } else if (!missing.isEmpty()) {
            html.note("not recorded for " + String.join(", ", missing));
        }
    }

    // ------------------------------------------------------------------ receptive fields

    private void receptiveFields() throws IOException {
        html.p("Input weights of the first " + RF_TILES + " neurons (input_e of the STDP-SNN, in_h of the SG-SNN), "
                + "each reshaped to the input image and scaled to its own range (white = strongest); first seed.");
        int drawn = 0;
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Group, List<RunRecord>> g : groups().entrySet()) {
            long seed = g.getValue().stream().mapToLong(RunRecord::seed).min().orElse(0);
            List<RunRecord> runs = g.getValue().stream().filter(r -> r.seed() == seed)
                    .sorted(Comparator.comparingDouble(RunRecord::sleepFraction)).toList();
            boolean headed = false;
            for (RunRecord run : runs) {
                Path npz = run.dir().resolve("weights.npz");
                if (!Files.isRegularFile(npz)) {
                    missing.add(run.runId() + " (no weights.npz)");
                    continue;
                }
                Map<String, NpyArray> arrays;
                try {
                    arrays = Npz.read(npz);
                } catch (IOException e) {
                    throw new FileFormatException("run " + run.runId() + ": cannot read " + npz + ": " + e.getMessage(), e);
                }
                String key = arrays.containsKey("input_e") ? "input_e" : arrays.containsKey("in_h") ? "in_h" : null;
                if (key == null || arrays.get(key).rank() != 2) {
                    missing.add(run.runId() + " (no 2-d input_e or in_h in weights.npz)");
                    continue;
                }
                NpyArray w = arrays.get(key);
                int inputs = w.dim(0);
                int neurons = w.dim(1);
                int[] shape = inputShape(run, inputs);
                if (shape == null) {
                    missing.add(run.runId() + " (input_shape not recorded and " + inputs + " inputs are not a square)");
                    continue;
                }
                float[] data = w.dtype() == NpyArray.DType.FLOAT32 ? w.floats() : toFloats(w.toDoubles());
                int scale = Math.max(1, Math.min(4, 96 / Math.max(shape[0], shape[1])));
                byte[] png = ReceptiveFields.png(data, inputs, neurons, shape[0], shape[1], RF_TILES, scale);
                if (!headed) {
                    html.tag("h3", g.getKey().title());
                    html.raw("<div class=\"rfrow\">\n");
                    headed = true;
                }
                html.figure("image/png", png, "receptive fields of " + run.runId(),
                        "sleep " + fraction(run.sleepFraction()) + " (" + key + ", " + Math.min(RF_TILES, neurons) + " of "
                                + neurons + ")", "rf");
                drawn++;
            }
            if (headed) {
                html.raw("</div>\n");
            }
        }
        if (drawn == 0) {
            html.note("not recorded: no weights.npz with input weights");
        } else if (!missing.isEmpty()) {
            html.note("not drawn for " + String.join(", ", missing));
        }
    }

    private static int[] inputShape(RunRecord run, int inputs) {
        JsonNode s = run.summary().get("input_shape");
        if (s != null && s.isArray() && s.size() >= 2) {
            int h = s.get(s.size() - 2).asInt();
            int w = s.get(s.size() - 1).asInt();
            if (h > 0 && w > 0 && h * w == inputs) {
                return new int[] {h, w};
            }
        }
        int side = (int) Math.round(Math.sqrt(inputs));
        return side * side == inputs ? new int[] {side, side} : null;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    // ------------------------------------------------------------------ STDP vs SG

    private void modelComparison() {
        Set<String> models = results.runs().stream().map(RunRecord::model).collect(Collectors.toCollection(TreeSet::new));
        if (models.size() < 2) {
            html.note("not recorded: this " + (results.singleRun() ? "run" : "sweep") + " has only the "
                    + String.join(", ", models) + " model; sweep presets of both models (e.g. paper and paper-sg) to compare them");
            return;
        }
        html.p("Final test accuracy against sleep fraction, one line per preset (mean and 95 % CI across seeds). "
                + "The paper's claim: sleep helps the STDP-SNN and makes no measurable difference to the SG-SNN.");
        Map<String, List<AggregateRow>> byDataset = new TreeMap<>();
        for (AggregateRow r : rows) {
            if (r.metric().equals("test_accuracy")) {
                String key = r.cell().dataset() + (r.cell().variant().isEmpty() ? "" : ", " + r.cell().variant());
                byDataset.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
        }
        html.wideGridStart();
        for (Map.Entry<String, List<AggregateRow>> d : byDataset.entrySet()) {
            XYChart chart = Charts.xy(d.getKey(), "sleep fraction", "test accuracy", 560, 320);
            Map<String, List<AggregateRow>> byPreset = new TreeMap<>();
            for (AggregateRow r : d.getValue()) {
                byPreset.computeIfAbsent(r.cell().preset() + " (" + r.cell().model() + ")", k -> new ArrayList<>()).add(r);
            }
            int i = 0;
            for (Map.Entry<String, List<AggregateRow>> p : byPreset.entrySet()) {
                List<AggregateRow> s = p.getValue().stream().sorted(Comparator.comparingDouble(r -> r.cell().sleepFraction())).toList();
                Charts.errorBars(chart, p.getKey(), s.stream().mapToDouble(r -> r.cell().sleepFraction()).toArray(),
                        s.stream().mapToDouble(r -> r.stats().mean()).toArray(),
                        s.stream().mapToDouble(r -> r.stats().ciHalfWidth()).toArray(), Charts.qualitative(i++));
            }
            chart.getStyler().setXAxisDecimalPattern("0.00");
            html.svgFigure(svg(chart), "STDP versus SG on " + d.getKey(), null, "fig");
        }
        html.gridEnd();
    }

    // ------------------------------------------------------------------ statistics

    /** Columns of the statistics tables: a heading and the metrics it may come from (first present wins). */
    private record Column(String heading, List<String> metrics) {
        String pick(Map<String, AggregateRow> byMetric) {
            return metrics.stream().filter(byMetric::containsKey).findFirst().orElse(null);
        }
    }

    private static final List<Column> TABLE_COLUMNS = List.of(
            new Column("test accuracy", List.of("test_accuracy")),
            new Column("max drawdown", List.of("stability.max_drawdown")),
            new Column("last-quarter std", List.of("stability.last_quarter_std")),
            new Column("saturated (input weights)", List.of("weights.input_e.frac_saturated", "weights.in_h.frac_saturated")),
            new Column("winner fraction", List.of("diversity.winner_fraction")),
            new Column("φ", List.of("phi")));

    private void statistics() throws IOException {
        if (results.singleRun()) {
            html.note("not applicable: statistics across seeds need a sweep directory");
            return;
        }
        Map<CellKey, Map<String, AggregateRow>> byCell = new TreeMap<>(CellKey.ORDER);
        for (AggregateRow r : rows) {
            byCell.computeIfAbsent(r.cell(), k -> new LinkedHashMap<>()).put(r.metric(), r);
        }
        List<Column> columns = TABLE_COLUMNS.stream()
                .filter(c -> byCell.values().stream().anyMatch(m -> c.pick(m) != null)).toList();
        boolean anyVariant = byCell.keySet().stream().anyMatch(k -> !k.variant().isEmpty());
        html.tag("h3", "Cell means (95 % CI across seeds)");
        html.p("All metrics, with standard deviations and the tests below, are in aggregate.csv; every run's numbers in "
                + "runs_long.csv (written by the sweep, or by aggregating the directory).");
        List<List<String>> t = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("preset", "dataset", "variant", "sleep", "n"));
        columns.forEach(c -> head.add(c.heading()));
        t.add(head);
        for (Map.Entry<CellKey, Map<String, AggregateRow>> c : byCell.entrySet()) {
            CellKey k = c.getKey();
            int n = c.getValue().values().stream().mapToInt(r -> r.stats().n()).max().orElse(0);
            List<String> row = new ArrayList<>(List.of(k.preset() + " (" + k.model() + ")", k.dataset(), k.variant(),
                    fraction(k.sleepFraction()), Integer.toString(n)));
            for (Column col : columns) {
                String m = col.pick(c.getValue());
                row.add(m == null ? "not recorded" : meanCi(c.getValue().get(m).stats()));
            }
            t.add(row);
        }
        html.table(anyVariant ? t : dropColumn(t, 2), "data");

        html.tag("h3", "Each sleep fraction against no sleep (f = 0)");
        html.p("Welch's two-sided t-test across seeds (p, and Holm-adjusted over the sleep fractions of a panel); the "
                + "paired t-test by seed where both share their seeds; Cohen's d and Hedges' g (positive: larger than at "
                + "f = 0). A dash: undefined (fewer than two seeds, or no variation).");
        boolean any = false;
        for (Column col : columns) {
            List<List<String>> c = new ArrayList<>();
            c.add(List.of("preset", "dataset", "variant", "sleep", "metric", "difference", "Welch p", "Holm p", "paired p", "d", "g"));
            for (Map.Entry<CellKey, Map<String, AggregateRow>> cell : byCell.entrySet()) {
                String m = col.pick(cell.getValue());
                AggregateRow r = m == null ? null : cell.getValue().get(m);
                if (r == null || r.vsBaseline() == null) {
                    continue;
                }
                Comparison k = r.vsBaseline();
                CellKey key = cell.getKey();
                c.add(List.of(key.preset() + " (" + key.model() + ")", key.dataset(), key.variant(),
                        fraction(key.sleepFraction()), m, Html.sig(k.diff(), 3), Html.p(k.welchP()), Html.p(r.welchPHolm()),
                        k.pairedN() >= 2 ? Html.p(k.pairedP()) : "–", Html.num(k.cohensD(), 2), Html.num(k.hedgesG(), 2)));
            }
            if (c.size() > 1) {
                any = true;
                html.tag("h4", col.heading());
                List<List<String>> shown = dropColumn(c, 4);
                html.table(anyVariant ? shown : dropColumn(shown, 2), "data");
            }
        }
        if (!any) {
            html.note("no comparisons: the sweep needs f = 0 and at least one other sleep fraction per panel");
        }

        html.tag("h3", "Beta GLMM (glmmTMB)");
        Path table = results.dir().resolve(GlmmRunner.TABLE);
        Path stats = results.dir().resolve(Aggregator.STATS);
        String status = null;
        String formula = "";
        if (Files.isRegularFile(stats)) {
            try {
                JsonNode s = JSON.readTree(stats.toFile()).path("glmm");
                status = s.path("status").asText(null);
                formula = s.path("formula").asText("");
            } catch (IOException e) {
                notes.add("cannot read " + stats + ": " + e.getMessage());
            }
        }
        if (Files.isRegularFile(table) && (status == null || status.equals("done"))) {
            if (!formula.isEmpty()) {
                html.raw("<p>Model: <code>").text(formula).raw("</code>, beta family, accuracy squeezed into (0, 1).</p>\n");
            }
            try {
                CsvTable g = Csv.read(table);
                List<List<String>> gt = new ArrayList<>();
                gt.add(g.header());
                for (List<String> row : g.rows()) {
                    List<String> formatted = new ArrayList<>();
                    for (int i = 0; i < row.size(); i++) {
                        String cell = row.get(i);
                        formatted.add(i == 0 ? cell : formatNumber(cell));
                    }
                    gt.add(formatted);
                }
                html.table(gt, "data");
            } catch (FileFormatException e) {
                html.note("cannot read " + table + ": " + e.getMessage());
            }
        } else if (status != null) {
            html.note("GLMM " + status);
        } else {
            html.note("GLMM not run for this directory: `somnus sweep` fits it after the runs when R and glmmTMB are installed");
        }
    }

    private static String formatNumber(String cell) {
        try {
            return Html.sig(Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            return cell;
        }
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

    private static String meanCi(CellStats s) {
        if (Double.isNaN(s.ciLow())) {
            return Html.sig(s.mean(), 3);
        }
        return Html.sig(s.mean(), 3) + " [" + Html.sig(s.ciLow(), 3) + ", " + Html.sig(s.ciHigh(), 3) + "]";
    }

    private static String distinct(List<RunRecord> runs, Function<RunRecord, String> f) {
        return runs.stream().map(f).distinct().sorted(ReportBuilder::naturalCompare).collect(Collectors.joining(", "));
    }

    private static int naturalCompare(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    /** A sleep fraction as in run ids: at least two decimals, more where needed (0.2 → 0.20, 0.125 → 0.125). */
    static String fraction(double f) {
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(f)).stripTrailingZeros();
        return (d.scale() < 2 ? d.setScale(2) : d).toPlainString();
    }

    private static final String CSS = """
            body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; background: #fafafa;
                   margin: 0; line-height: 1.45; font-size: 14px; }
            main { max-width: 1280px; margin: 0 auto; padding: 16px 28px 40px; background: #fff; }
            h1 { font-size: 24px; margin: 8px 0 4px; }
            h2 { font-size: 19px; margin: 28px 0 8px; padding-top: 8px; border-top: 2px solid #e4e4e4; }
            h3 { font-size: 15px; margin: 18px 0 6px; }
            nav a { margin-right: 12px; color: #0b5fa5; text-decoration: none; font-size: 13px; }
            p.note { color: #777; font-style: italic; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 10px 14px; }
            .grid2 { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 10px 14px; }
            h4 { font-size: 14px; margin: 14px 0 4px; }
            figure { margin: 0; }
            figure img, figure svg { max-width: 100%; height: auto; display: block; }
            figcaption { font-size: 12px; color: #555; margin-top: 2px; }
            .rfrow { display: flex; flex-wrap: wrap; gap: 14px; }
            .rf img { image-rendering: pixelated; width: 220px; height: auto; border: 1px solid #ccc; }
            .tablewrap { overflow-x: auto; }
            table { border-collapse: collapse; font-size: 12.5px; margin: 6px 0 12px; }
            th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
            th { background: #f2f4f7; }
            table.data td { font-variant-numeric: tabular-nums; white-space: nowrap; }
            table.kv th:empty { display: none; }
            table.kv thead { display: none; }
            table.kv td:first-child { color: #555; white-space: nowrap; }
            table.mono td { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
            pre { background: #f6f6f6; padding: 8px; overflow-x: auto; font-size: 12px; }
            footer { margin-top: 30px; color: #888; font-size: 12px; }
            """;
}
