package io.somnus.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.stdp.ContinualTasks;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;

/**
 * A continual run's tasks on its accuracy-over-training chart: summary.json's {@code continual.task_ends} (the
 * training images seen when each task ended, and its classes) as bands, every other one shaded as the sleep
 * episodes are on the weight traces, each labelled "task k" at the top of the plot. A run written before the
 * ends were recorded has none, and its chart is drawn as before.
 */
final class TaskBoundaries {
    private TaskBoundaries() {}

    /** summary.json's continual.task_ends, in the order of the tasks, as the training writes it. */
    private static final String TASK_ENDS = ContinualTasks.TASK_ENDS;
    private static final String IMAGES = ContinualTasks.TASK_END_IMAGES;
    private static final String CLASSES = ContinualTasks.TASK_END_CLASSES;

    /** One task: the images seen when it ended, and its classes as written ("0, 1"). */
    record TaskEnd(double imagesSeen, String classes) { }

    /** The run's task ends; empty for a run that is not continual, or that did not record them (or not readably). */
    static List<TaskEnd> of(RunRecord run) {
        JsonNode ends = run.summary().path("continual").path(TASK_ENDS);
        if (!ends.isArray()) {
            return List.of();
        }
        List<TaskEnd> out = new ArrayList<>();
        double before = 0;
        for (JsonNode e : ends) {
            JsonNode images = e.path(IMAGES);
            if (!images.isNumber() || images.asDouble() < before) {
                return List.of();   // not what Somnus writes: left out rather than drawn wrong
            }
            List<String> classes = new ArrayList<>();
            e.path(CLASSES).forEach(c -> classes.add(c.asText()));
            out.add(new TaskEnd(images.asDouble(), String.join(", ", classes)));
            before = images.asDouble();
        }
        return out;
    }

    /**
     * The task ends the runs share; empty where none has any, or where they differ (the runs of a sweep's panel
     * trained on other images), with {@code differ} told so.
     */
    static List<TaskEnd> shared(Collection<RunRecord> runs, Runnable differ) {
        Set<List<TaskEnd>> distinct = new LinkedHashSet<>();
        for (RunRecord r : runs) {
            List<TaskEnd> e = of(r);
            if (!e.isEmpty()) {
                distinct.add(e);
            }
        }
        if (distinct.size() > 1) {
            differ.run();
            return List.of();
        }
        return distinct.isEmpty() ? List.of() : distinct.iterator().next();
    }

    /**
     * Draws the tasks on {@code chart} before its lines (drawn after them, the shading greyed the lines): sets its y axis to round steps over
     * [{@code bottom}, {@code top}] with room above for the labels, shades the second, fourth, … task from the end
     * of the one before it to its own end, and labels each "task k" at the top. Nothing for no tasks.
     */
    static void draw(XYChart chart, List<TaskEnd> tasks, double bottom, double top) {
        if (tasks.isEmpty() || !Double.isFinite(bottom) || !Double.isFinite(top)) {
            return;
        }
        // a sixth of the span above the curves for the labels, so that they do not sit on a line
        Charts.niceYRange(chart, bottom, top + Math.max(top - bottom, 0.05) / 5);
        double yLo = chart.getStyler().getYAxisMin();
        double yHi = chart.getStyler().getYAxisMax();
        List<double[]> shaded = new ArrayList<>();
        double start = 0;
        for (int t = 0; t < tasks.size(); t++) {
            double end = tasks.get(t).imagesSeen();
            if (t % 2 == 1) {
                shaded.add(new double[] {start, end});
            }
            start = end;
        }
        if (!shaded.isEmpty()) {
            Charts.spans(chart, "tasks", shaded, yLo, yHi, new Color(0x55, 0x55, 0x55)).setShowInLegend(false);
        }
        chart.getStyler().setAnnotationTextFont(new Font(Charts.FONT, Font.PLAIN, 11));
        chart.getStyler().setAnnotationTextFontColor(new Color(0x33, 0x33, 0x33));
        start = 0;
        for (int t = 0; t < tasks.size(); t++) {
            double end = tasks.get(t).imagesSeen();
            // at the top of the band, a twelfth of the y range down
            chart.addAnnotation(new AnnotationText("task " + (t + 1), (start + end) / 2, yHi - (yHi - yLo) / 12, false));
            start = end;
        }
    }

    /** The least and greatest finite y (and interval bound) at a finite x: {lowest, highest}, (+∞, −∞) for none. */
    static double[] yExtent(double[] x, double[]... ys) {
        double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] y : ys) {
            for (int k = 0; k < x.length; k++) {
                if (Double.isFinite(x[k]) && Double.isFinite(y[k])) {
                    r[0] = Math.min(r[0], y[k]);
                    r[1] = Math.max(r[1], y[k]);
                }
            }
        }
        return r;
    }

    /** For the chart's label: "tasks end at 120 (classes 0, 1), 250 (classes 2, 3) training images seen". */
    static String words(List<TaskEnd> tasks) {
        List<String> parts = new ArrayList<>();
        for (TaskEnd t : tasks) {
            parts.add(Html.sig(t.imagesSeen()) + (t.classes().isEmpty() ? "" : " (classes " + t.classes() + ")"));
        }
        return tasks.isEmpty() ? "" : "; " + tasks.size() + " tasks, ending at " + String.join(", ", parts)
                + " training images seen, every other one shaded";
    }
}
