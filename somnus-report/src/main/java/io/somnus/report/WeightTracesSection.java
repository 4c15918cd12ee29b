package io.somnus.report;

import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.RunDirectory.SleepTraces;
import io.somnus.experiment.stats.RunRecord;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Total |w| per projection across wake and sleep (sleep_traces.csv) for the showcase runs of each group. */
final class WeightTracesSection implements Section {
    /** A total whose range is below this fraction of its value is drawn as constant. */
    static final double NEARLY_CONSTANT = 1e-3;
    /** The columns drawn ({@link SleepTraces#MEAN} is not). */
    private static final List<String> COLUMNS = List.of(SleepTraces.STEP, SleepTraces.PHASE, SleepTraces.EPISODE,
            SleepTraces.PROJECTION, SleepTraces.TOTAL_ABS);

    /**
     * A linear y axis over [lo, hi] with round ticks ({@link AxisRanges#niceYRange}). A total held nearly constant (Diehl
     * &amp; Cook's normalised 7 800, moving in the fifth digit) is drawn flat in a range a tenth of its value wide,
     * instead of magnified until every tick prints as one value.
     */
    static void linearYRange(XYChart chart, double lo, double hi) {
        boolean flat = hi - lo < NEARLY_CONSTANT * hi;
        AxisRanges.niceYRange(chart, flat ? (lo + hi) / 2 : lo, flat ? (lo + hi) / 2 : hi);
    }

    /** One run's trace as read: Σ|w| per projection as (step, total) pairs, its sleep spans, its positive range. */
    private record Trace(RunRecord run, Map<String, List<double[]>> byProjection, TreeMap<Double, double[]> sleepSpans,
            double lo, double hi) { }

    @Override
    public String id() {
        return "weight-traces";
    }

    @Override
    public String title() {
        return "Weights across sleep episodes";
    }

    @Override
    public String navLabel() {
        return "Weight traces";
    }

    @Override
    public void write(ReportContext ctx) {
        Html html = ctx.html();
        html.p("Total |w| per projection against simulation step (on a log scale where it spans " + (int) Ticks.LOG_RANGE
                + "× or more across two powers of ten)" + (ctx.singleRun() ? ""
                : ", for the first seed without sleep and at the sleep fraction nearest " + Showcase.FRACTION)
                + "; shaded: sleep episodes (a short one drawn about 2 px wide, so that it stays in sight). "
                + AxisTitles.WEIGHT_UNITS);
        int drawn = 0;
        List<String> missing = new ArrayList<>();
        List<String> neverSlept = new ArrayList<>();
        html.wideGridStart();
        for (Map.Entry<Group, List<RunRecord>> g : ctx.groups().entrySet()) {
            double[] range = {Double.POSITIVE_INFINITY, 0, 0};
            List<XYChart> charts = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            List<String> labels = new ArrayList<>();   // what a chart shows, for a reader who cannot see it
            List<Trace> traces = new ArrayList<>();
            double groupLo = Double.POSITIVE_INFINITY;
            double groupHi = 0;
            double groupSteps = 0;   // the last step recorded: the x axis ends just past it (AxisRanges.axisEnd)
            for (RunRecord run : Showcase.runs(g.getValue())) {
                CsvTable t = RunTables.optional(run, RunDirectory.SLEEP_TRACES, COLUMNS, ctx.notes());
                if (t == null) {
                    missing.add(run.runId());
                    continue;
                }
                // in the file's order, the network's (input to output), not alphabetical (h1_h2, h2_out, in_h1)
                Map<String, List<double[]>> byProjection = new LinkedHashMap<>();
                TreeMap<Double, double[]> sleepSpans = new TreeMap<>();
                double[] step = t.doubles(SleepTraces.STEP);
                double[] total = t.doubles(SleepTraces.TOTAL_ABS);
                double[] episode = t.doubles(SleepTraces.EPISODE);
                List<String> phase = t.strings(SleepTraces.PHASE);
                List<String> projection = t.strings(SleepTraces.PROJECTION);
                for (int i = 0; i < t.rowCount(); i++) {
                    if (!Double.isFinite(step[i]) || !Double.isFinite(total[i])) {
                        continue;
                    }
                    byProjection.computeIfAbsent(projection.get(i), k -> new ArrayList<>()).add(new double[] {step[i], total[i]});
                    if (phase.get(i).equals(SleepTraces.SLEEP_PHASE)) {
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
                // in the network's order, the colours and markers each projection has in every panel (Projections)
                Map<String, List<double[]>> ordered = new LinkedHashMap<>();
                Projections.inNetworkOrder(byProjection.keySet(), List.of(run)).forEach(p -> ordered.put(p, byProjection.get(p)));
                traces.add(new Trace(run, ordered, sleepSpans, lo, hi));
                for (List<double[]> pts : byProjection.values()) {
                    groupSteps = Math.max(groupSteps, pts.stream().mapToDouble(v -> v[0]).max().orElse(0));
                }
                groupLo = Math.min(groupLo, lo);
                groupHi = Math.max(groupHi, hi);
            }
            // one scale for the runs of a panel: a run without sleep (7 500 to 7 600, linear) beside one that grew
            // (170 to 40 000, log) drew the same quantity on two kinds of axis
            boolean groupLog = Ticks.logAxis(groupLo, groupHi);
            for (Trace trace : traces) {
                RunRecord run = trace.run();
                Map<String, List<double[]>> byProjection = trace.byProjection();
                TreeMap<Double, double[]> sleepSpans = trace.sleepSpans();
                double lo = trace.lo();
                double hi = trace.hi();
                boolean log = groupLog && hi > 0;
                List<String> names = new ArrayList<>(hi > 0 && !sleepSpans.isEmpty() ? List.of("sleep") : List.of());
                names.addAll(byProjection.keySet());
                // one projection and no sleep (diehl-cook's input_e, awake): the y axis names it, where a legend of
                // one entry named the only line drawn
                String one = names.size() == 1 ? " of " + names.get(0) : "";
                String title = g.getKey().title() + ", sleep " + Formats.fraction(run.sleepFraction());
                XYChart chart = one.isEmpty() ? Charts.xyLegendAcross(title, "simulation step",
                        AxisTitles.totalWeight(run.model(), "", true), 560, 320, names)
                        : Charts.xy(title, "simulation step", AxisTitles.totalWeight(run.model(), one, false), 560, 320);
                chart.getStyler().setLegendVisible(one.isEmpty());
                if (hi > 0) {
                    double bottom = log ? groupLo : lo;   // a log panel's range is the group's (set below)
                    double top = log ? groupHi : hi;
                    if (!log) {
                        linearYRange(chart, lo, hi);
                        bottom = chart.getStyler().getYAxisMin();
                        top = chart.getStyler().getYAxisMax();
                    }
                    // shaded on either scale (on a linear one they were missing, so sleep showed only as steps down)
                    Charts.spans(chart, "sleep", new ArrayList<>(sleepSpans.values()), bottom, top, log,
                            new Color(0x55, 0x55, 0x55), AxisRanges.axisEnd(groupSteps) * Charts.MIN_SPAN_SHARE);
                }
                if (log) {
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
                    Charts.line(chart, p.getKey(), x, y, Charts.qualitative(i++)).setMarker(SeriesMarkers.NONE);
                }
                if (log) {
                    Ticks.logYTicks(chart, groupLo, groupHi);
                }
                Ticks.roundXTicks(chart);   // a wake-only trace's steps are equally spaced: XChart labelled multiples of them
                chart.setYAxisTitle(AxisTitles.totalWeight(run.model(), one, log));
                chart.getStyler().setXAxisMin(0.0);
                // ticks wider apart than the house's 80 px: step counts of 6 digits were labelled 0, 50000, 1e5, 1.5e5, ...
                chart.getStyler().setXAxisTickMarkSpacingHint(100);
                charts.add(chart);
                captions.add(run.runId());
                labels.add("total |w| per projection (" + String.join(", ", byProjection.keySet())
                        + ") against simulation step" + (log ? " on a log scale" : "")
                        + (sleepSpans.isEmpty() ? ", no sleep episode" : ", " + sleepSpans.size() + " sleep episode" + (sleepSpans.size() == 1 ? "" : "s") + " shaded")
                        + ", of " + run.runId());
                if (run.sleepFraction() > 0 && sleepSpans.isEmpty()) {
                    // asked for sleep and got none (a run shorter than one wake period): nothing to shade
                    neverSlept.add(run.runId());
                }
            }
            for (int c = 0; c < charts.size(); c++) {
                XYChart chart = charts.get(c);
                if (chart.getStyler().isYAxisLogarithmic() && range[1] > 0) {
                    // the same y range for the runs of a panel, so that growth and its absence compare at a glance
                    chart.getStyler().setYAxisMin(range[0]);
                    chart.getStyler().setYAxisMax(range[1]);
                }
                if (range[2] > 0) {
                    chart.getStyler().setXAxisMax(AxisRanges.axisEnd(range[2]));   // round, and just past the data
                }
                html.svgFigure(ctx.svg(chart), labels.get(c), captions.get(c), "fig");
                drawn++;
            }
        }
        html.gridEnd();
        if (!neverSlept.isEmpty()) {
            html.note("no sleep episode in " + String.join(", ", neverSlept) + ", although sleep was asked for: "
                    + "wake only, nothing shaded");
        }
        if (drawn == 0) {
            html.note("not recorded: no " + RunDirectory.SLEEP_TRACES + " in the runs shown");
        } else if (!missing.isEmpty()) {
            html.note("not recorded for " + String.join(", ", missing));
        }
    }
}
