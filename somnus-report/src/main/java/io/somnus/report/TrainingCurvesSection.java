package io.somnus.report;

import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.stats.Aggregator;
import io.somnus.experiment.stats.CurvePoint;
import io.somnus.experiment.stats.RunRecord;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Validation accuracy over training: one chart per panel, one line per sleep fraction with its CI band; on a run's own
 * page, its presentations per image over training beneath where its preset re-presents images.
 */
final class TrainingCurvesSection implements Section {
    @Override
    public String id() {
        return "training-curves";
    }

    @Override
    public String title() {
        return "Accuracy over training";
    }

    @Override
    public String navLabel() {
        return "Training";
    }

    @Override
    public void write(ReportContext ctx) {
        accuracyCurves(ctx);
        if (ctx.singleRun() && ctx.runs().size() == 1) {
            PresentationsChart.write(ctx, ctx.runs().get(0));
        }
    }

    /** The validation accuracy's charts: a run's readouts, or one line per sleep fraction per panel. */
    private static void accuracyCurves(ReportContext ctx) {
        Html html = ctx.html();
        List<CurvePoint> points = Aggregator.curves(ctx.runs(), ctx.results().cellOrder(), Aggregator.CURVE_COLUMN, ctx.notes());
        if (points.isEmpty()) {
            html.note("not recorded: no run has " + RunDirectory.METRICS + " with " + RunDirectory.Metrics.IMAGES_SEEN
                    + " and " + Aggregator.CURVE_COLUMN);
            return;
        }
        if (ctx.singleRun() && ctx.runs().size() == 1 && readouts(ctx, ctx.runs().get(0))) {
            return;
        }
        html.p(ctx.singleRun() ? "Validation accuracy (main readout) at each checkpoint."
                : "Validation accuracy (main readout) at each checkpoint: mean across seeds, with the 95 % confidence "
                + "band where there are at least two seeds.");
        Map<Group, Map<Double, List<CurvePoint>>> byGroup = new LinkedHashMap<>();
        for (CurvePoint p : points) {
            byGroup.computeIfAbsent(Group.of(p.cell()), k -> new TreeMap<>())
                    .computeIfAbsent(p.cell().sleepFraction(), k -> new ArrayList<>()).add(p);
        }
        html.wideGridStart();
        List<String> oneCheckpoint = new ArrayList<>();
        List<String> tasksDiffer = new ArrayList<>();
        for (Map.Entry<Group, Map<Double, List<CurvePoint>>> g : byGroup.entrySet()) {
            int n = g.getValue().size();
            // one sleep fraction (an untrained control's panel, a one-fraction sweep, a run): the title names it, as
            // the weight traces' titles do, where a legend of one entry ("sleep 0.00") named the only line drawn
            String title = n == 1 ? g.getKey().title() + ", sleep " + Formats.fraction(g.getValue().keySet().iterator()
                    .next()) : g.getKey().title();
            XYChart chart = n == 1 ? Charts.xy(title, "training images seen", AxisTitles.accuracy("validation"), 560, 340)
                    : Charts.xyLegendAcross(title, "training images seen", AxisTitles.accuracy("validation"), 560, 340,
                    g.getValue().keySet().stream().map(f -> "sleep " + Formats.fraction(f)).toList());
            chart.getStyler().setLegendVisible(n > 1);
            int i = 0;
            Extent extent = new Extent().within(0, 1);   // accuracies
            // continual runs: their tasks, where the panel's runs agree on them (the same training images)
            List<TaskBoundaries.TaskEnd> tasks = TaskBoundaries.shared(ctx.runs().stream()
                    .filter(r -> Group.of(r).equals(g.getKey())).toList(), () -> tasksDiffer.add(g.getKey().title()));
            // every line's extent first: the task bands, drawn under the lines, take their y axis from it
            Map<Double, double[][]> curves = new LinkedHashMap<>();
            for (Map.Entry<Double, List<CurvePoint>> f : g.getValue().entrySet()) {
                List<CurvePoint> c = f.getValue();
                double[][] xyLoHi = {c.stream().mapToDouble(CurvePoint::imagesSeen).toArray(),
                    c.stream().mapToDouble(p -> p.stats().mean()).toArray(),
                    c.stream().mapToDouble(p -> p.stats().ciLow()).toArray(),
                    c.stream().mapToDouble(p -> p.stats().ciHigh()).toArray()};
                extent.add(xyLoHi[0], xyLoHi[1], xyLoHi[2], xyLoHi[3]);
                curves.put(f.getKey(), xyLoHi);
            }
            TaskBoundaries.draw(chart, tasks, extent);
            for (Map.Entry<Double, double[][]> f : curves.entrySet()) {
                double[] x = f.getValue()[0];
                double[] y = f.getValue()[1];
                double[] lo = f.getValue()[2];
                double[] hi = f.getValue()[3];
                Color color = Charts.sequential(i++, n);
                String name = "sleep " + Formats.fraction(f.getKey());
                Charts.band(chart, name + " CI", x, lo, hi, color);
                Charts.line(chart, name, x, y, color).setMarker(x.length > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            }
            chart.getStyler().setXAxisMin(0.0);
            if (tasks.isEmpty()) {   // with tasks, their bands set the y axis
                extent.roundIfAtMost(chart, FEW_CHECKPOINTS);   // one checkpoint (train.checkpoints: 1), or a few epochs
            }
            Ticks.roundXTicks(chart);   // not at every k-th checkpoint: 0, 1800, 3600, ..., 14400 (paper-sg)
            if (extent.padIfOneX(chart)) {
                oneCheckpoint.add(g.getKey().title());
            }
            TaskBoundaries.label(chart, tasks, extent);   // last: placed where the finished chart puts the bands
            html.svgFigure(ctx.svg(chart), "accuracy over training, " + title + TaskBoundaries.words(tasks),
                    null, "fig");
        }
        html.gridEnd();
        if (!tasksDiffer.isEmpty()) {
            html.note(TASKS_DIFFER + String.join("; ", tasksDiffer));
        }
        if (!oneCheckpoint.isEmpty()) {
            html.note(ONE_CHECKPOINT + String.join("; ", oneCheckpoint));
        }
    }

    /**
     * The note under curves of one checkpoint each: a point per line, which looked like a plot that failed to draw
     * its curve, at the plot's right edge.
     */
    static final String ONE_CHECKPOINT = "one checkpoint (train.checkpoints: 1), so a point at the end of training "
            + "instead of a curve, in ";

    /** The note under pooled curves whose continual runs ended their tasks at different images. */
    static final String TASKS_DIFFER = "tasks not marked: the continual runs end their tasks at different numbers of "
            + "training images (other training images), in ";

    /** Up to this many checkpoints, the y axis is set to round steps (XChart labelled only the values). */
    static final int FEW_CHECKPOINTS = 3;

    /** The columns of a readout's validation accuracy in metrics.csv: {@code val_accuracy_<readout>}. */
    private static final String READOUT_PREFIX = RunDirectory.Metrics.VAL_ACCURACY + "_";

    /**
     * Where training stopped early, what its last checkpoint is: the restored best epoch's weights measured at the
     * images seen where training stopped, mostly those of the checkpoint before it, which the chart draws as a step
     * straight up or down at its end (a paper-code run of 100 images: 0.56 then 0.54 at 800); summary.json's stability
     * leaves it out ({@link io.somnus.experiment.stats.RunRecord#endsRestored}). Empty otherwise.
     */
    static String restoredCheckpoint(RunRecord run, double[] imagesSeen) {
        int n = imagesSeen.length;
        if (!run.endsRestored() || n < 2) {
            return "";
        }
        boolean same = imagesSeen[n - 1] == imagesSeen[n - 2];
        return " Training stopped early: the last checkpoint, at " + (same ? "the same " : "") + Math.round(imagesSeen[n - 1])
                + " images" + (same ? " as the one before it" : "") + ", measures the best epoch's weights, restored"
                + (same ? " (the step at the end)" : "") + "; the stability numbers leave it out, as a checkpoint training "
                + "did not pass through.";
    }

    /**
     * One run's curve per readout (its metrics.csv's {@code val_accuracy_<readout>} columns, the main readout's
     * first and marked), or its SG-SNN curve beside the accuracy just before each sleep; false where the run
     * has one curve only, which the pooled chart draws as well.
     */
    private static boolean readouts(ReportContext ctx, RunRecord run) {
        CsvTable t;
        try {
            t = run.metricsCsv().orElse(null);
        } catch (IOException | RuntimeException e) {
            return false;   // the pooled chart reads it again and notes what is wrong
        }
        if (t == null || !t.hasColumn(RunDirectory.Metrics.IMAGES_SEEN)) {
            return false;
        }
        double[] x = t.doubles(RunDirectory.Metrics.IMAGES_SEEN);
        double[] main = t.doubles(RunDirectory.Metrics.VAL_ACCURACY);
        String mainName = mainReadout(run);
        Map<String, double[]> lines = new LinkedHashMap<>();
        for (String column : t.header()) {
            if (column.startsWith(READOUT_PREFIX) && !column.equals(BEFORE_SLEEP)) {
                String name = column.substring(READOUT_PREFIX.length());
                lines.put(name.equals(mainName) ? name + " (main)" : name, t.doubles(column));
            }
        }
        if (t.hasColumn(BEFORE_SLEEP) && Arrays.stream(t.doubles(BEFORE_SLEEP)).anyMatch(Double::isFinite)) {
            lines.put("after the epoch's sleep", main);
            lines.put(JUST_BEFORE, t.doubles(BEFORE_SLEEP));
        }
        if (lines.size() < 2) {
            return false;
        }
        ctx.html().p("Validation accuracy at each checkpoint, " + (lines.containsKey(JUST_BEFORE)
                ? "after each epoch's training and its sleep (the line); where an epoch slept, a marker at the accuracy "
                + "just before that sleep, joined by a bar to the one after it" : "one line per readout (main: the one "
                + "the test accuracy and the study use)") + "." + restoredCheckpoint(run, x));
        XYChart chart = Charts.xyLegendAcross(Group.of(run).title() + ", sleep " + Formats.fraction(run.sleepFraction()),
                "training images seen", AxisTitles.accuracy("validation"), 560, 340, drawingOrder(new ArrayList<>(lines.keySet())));
        Extent extent = new Extent().within(0, 1);   // accuracies
        List<TaskBoundaries.TaskEnd> tasks = TaskBoundaries.of(run);
        List<String> names = new ArrayList<>(lines.keySet());
        Map<String, double[][]> drawn = new LinkedHashMap<>();
        for (String name : drawingOrder(names)) {
            double[] l = lines.get(name);
            List<double[]> pts = new ArrayList<>();
            for (int k = 0; k < x.length; k++) {
                if (Double.isFinite(x[k]) && Double.isFinite(l[k])) {
                    pts.add(new double[] {x[k], l[k]});
                }
            }
            if (!pts.isEmpty()) {
                double[] px = pts.stream().mapToDouble(p -> p[0]).toArray();
                double[] py = pts.stream().mapToDouble(p -> p[1]).toArray();
                extent.add(px, py, py, py);
                drawn.put(name, new double[][] {px, py});
            }
        }
        TaskBoundaries.draw(chart, tasks, extent);   // under the lines, its y axis from their extent
        for (Map.Entry<String, double[][]> l : drawn.entrySet()) {
            int i = names.indexOf(l.getKey());   // colour and marker by the line's place, main first
            double[] px = l.getValue()[0];
            if (l.getKey().equals(JUST_BEFORE)) {
                sleepDrops(chart, x, lines.get(JUST_BEFORE), main, Charts.qualitative(i), Charts.marker(i));
                continue;
            }
            Charts.line(chart, l.getKey(), px, l.getValue()[1], Charts.qualitative(i)).setMarker(px.length > 30
                    ? SeriesMarkers.NONE : Charts.marker(i));
        }
        chart.getStyler().setXAxisMin(0.0);
        if (tasks.isEmpty()) {   // with tasks, their bands set the y axis
            extent.roundIfAtMost(chart, FEW_CHECKPOINTS);
        }
        Ticks.roundXTicks(chart);
        boolean one = extent.padIfOneX(chart);
        TaskBoundaries.label(chart, tasks, extent);   // last: placed where the finished chart puts the bands
        ctx.html().wideGridStart();
        ctx.html().svgFigure(ctx.svg(chart), "accuracy over training, " + String.join(", ", lines.keySet()) + ", of "
                + run.runId() + TaskBoundaries.words(tasks), null, "fig");
        ctx.html().gridEnd();
        if (one) {
            ctx.html().note(ONE_CHECKPOINT + run.runId());
        }
        return true;
    }

    /**
     * The order a run's lines are drawn in: the first (the main readout, or the curve after sleep) last, on top. Drawn
     * first, its point was hidden under another readout's of the same value (diehl-cook's vote at 0.4 under linear's
     * at 20 images), so that its curve seemed to start a checkpoint late. The legend lists them in this order.
     */
    static <T> List<T> drawingOrder(List<T> lines) {
        List<T> order = new ArrayList<>(lines.subList(Math.min(1, lines.size()), lines.size()));
        if (!lines.isEmpty()) {
            order.add(lines.get(0));
        }
        return order;
    }

    /** The run's main readout (config.yaml's readout.main), "" where not recorded. */
    private static String mainReadout(RunRecord run) {
        try {
            return run.config().map(c -> c.path("readout").path("main").asText("")).orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The legend's name of an SG-SNN's accuracy just before each sleep. */
    static final String JUST_BEFORE = "just before sleep";

    /**
     * The accuracy just before each sleep as markers alone, each joined by a bar to the accuracy after that sleep
     * ({@code after}, at the same checkpoint; the bars not in the legend). Drawn as a line, the points of epochs 7 and
     * 9 were joined across epoch 8, which did not sleep, as if they made a curve.
     */
    private static void sleepDrops(XYChart chart, double[] x, double[] before, double[] after, Color color,
            Marker marker) {
        List<double[]> pts = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            if (Double.isFinite(x[k]) && Double.isFinite(before[k])) {
                pts.add(new double[] {x[k], before[k]});
                if (Double.isFinite(after[k])) {
                    Charts.verticalBar(chart, JUST_BEFORE + " to after, " + k, x[k], before[k], after[k], color);
                }
            }
        }
        // a scatter, not Charts.line with SeriesLines.NONE: XChart turns NONE into a solid stroke of a width set before
        XYSeries points = chart.addSeries(JUST_BEFORE, pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray());
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(marker);
        points.setMarkerColor(color);
        points.setLineColor(color);
    }

    /** An SG-SNN's validation accuracy just before each epoch's sleep (metrics.csv). */
    private static final String BEFORE_SLEEP = RunDirectory.Metrics.VAL_ACCURACY + "_before_sleep";
}
