package io.somnus.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.model.ContinualTasks;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;

/**
 * A continual run's tasks on its accuracy-over-training chart: summary.json's {@code continual.task_ends} (the
 * training images seen when each task ended, and its classes) as bands, every other one shaded as the sleep
 * episodes are on the weight traces, each labelled "task k" at the top of the plot (in two rows, or by number, where
 * there are too many for one row). A run written before the ends were recorded has none, and its chart is drawn as
 * before.
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
     * Draws the tasks' bands on {@code chart} before its lines (drawn after them, the shading greyed the lines): sets
     * its y axis to round steps over the lines' {@code extent} with room above for the labels, and shades the second,
     * fourth, … task from the end of the one before it to its own end. {@link #label} labels them once the chart is
     * complete. Nothing for no tasks.
     */
    static void draw(XYChart chart, List<TaskEnd> tasks, Extent extent) {
        double bottom = extent.bottom();
        double top = extent.top();
        if (tasks.isEmpty() || !Double.isFinite(bottom) || !Double.isFinite(top)) {
            return;
        }
        // a fifth of the span above the curves for the labels, so that they do not sit on a line
        AxisRanges.niceYRange(chart, bottom, top + Math.max(top - bottom, 0.05) / 5);
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
            // far past the axis's ends (the plot clips them): the whole plot still where label raises the top
            Charts.spans(chart, "tasks", shaded, yLo, yHi, false, SHADE, 0).setShowInLegend(false);
        }
    }

    private static final Color SHADE = new Color(0x55, 0x55, 0x55);
    /** The labels' font, and the least gap between two labels of one row (px). */
    static final Font FONT = new Font(Charts.FONT, Font.PLAIN, 11);
    static final double GAP_PX = 4;
    /** From the plot's top to the first row's middle, and from one row to the next (px). */
    static final double FIRST_ROW_PX = 11;
    static final double ROW_PX = 14;

    /**
     * A task's label as drawn: its text, centred at {@code centrePx} (the middle of its band) in row {@code row}
     * (0 at the top of the plot), {@code widthPx} wide.
     */
    record Label(int task, String text, double centrePx, int row, double widthPx) {
        double left() {
            return centrePx - widthPx / 2;
        }

        double right() {
            return centrePx + widthPx / 2;
        }
    }

    /**
     * Labels the tasks of a chart whose lines and axes are all set: "task k" at the top of each band, in one row where
     * they fit, else alternately in two rows (ten tasks of one class each: "task 9task 10" ran together), else their
     * numbers alone in one or two rows, leaving out any that would still touch the one before. With two rows the y
     * axis is raised where the second would sit on the lines. The chart is painted off screen to measure where XChart
     * puts the bands and how wide their labels are. Returns the labels drawn (empty for no tasks).
     */
    static List<Label> label(XYChart chart, List<TaskEnd> tasks, Extent extent) {
        if (tasks.isEmpty() || !Double.isFinite(extent.top()) || chart.getStyler().getYAxisMax() == null) {
            return List.of();
        }
        List<Label> labels = layout(chart, tasks);
        if (labels.stream().anyMatch(l -> l.row() > 0)) {
            // the second row's bottom must stay above the highest point: raise the top, in whole steps
            double plotTop = chart.getScreenYFromChart(chart.getStyler().getYAxisMax());
            double plotBottom = chart.getScreenYFromChart(chart.getStyler().getYAxisMin());
            double need = FIRST_ROW_PX + ROW_PX + ROW_PX / 2;
            double room = chart.getScreenYFromChart(extent.top()) - plotTop;
            if (room < need) {
                double lo = chart.getStyler().getYAxisMin();
                double f = need / (plotBottom - plotTop);
                AxisRanges.niceYRange(chart, lo, (extent.top() - f * lo) / (1 - f));
                labels = layout(chart, tasks);   // the y tick labels' widths may have moved the plot
            }
        }
        chart.getStyler().setAnnotationTextFont(FONT);
        chart.getStyler().setAnnotationTextFontColor(new Color(0x33, 0x33, 0x33));
        double plotTop = chart.getScreenYFromChart(chart.getStyler().getYAxisMax());
        for (Label l : labels) {
            // in screen space: x from the chart's left, y from its bottom
            double middle = plotTop + FIRST_ROW_PX + l.row() * ROW_PX;
            chart.addAnnotation(new AnnotationText(l.text(), l.centrePx(), chart.getHeight() - middle, true));
        }
        return labels;
    }

    /** The labels' texts, rows and places on the chart as it would be painted now. */
    private static List<Label> layout(XYChart chart, List<TaskEnd> tasks) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(g, chart.getWidth(), chart.getHeight());   // lays the plot out: its bounds and axes
            FontRenderContext frc = g.getFontRenderContext();
            double[] centres = new double[tasks.size()];
            double start = 0;
            for (int t = 0; t < tasks.size(); t++) {
                double end = tasks.get(t).imagesSeen();
                centres[t] = (chart.getScreenXFromChart(start) + chart.getScreenXFromChart(end)) / 2;
                start = end;
            }
            List<Label> labels = List.of();
            for (boolean words : new boolean[] {true, false}) {
                for (int rows = 1; rows <= 2; rows++) {
                    labels = rowsOf(centres, words, rows, text -> width(text, frc));
                    if (labels.size() == tasks.size()) {
                        return labels;
                    }
                }
            }
            return labels;   // numbers in two rows, some left out
        } finally {
            g.dispose();
        }
    }

    /** The width of {@code text} in the labels' font, as XChart's AnnotationText measures it to centre it. */
    static double width(String text, FontRenderContext frc) {
        return new TextLayout(text, FONT, frc).getOutline(null).getBounds2D().getWidth();
    }

    /**
     * Labels at {@code centres} (px), task k in row (k − 1) mod {@code rows}, "task k" or "k"; a label that would come
     * within {@link #GAP_PX} of the one before it in its row is left out.
     */
    static List<Label> rowsOf(double[] centres, boolean words, int rows, ToDoubleFunction<String> width) {
        List<Label> out = new ArrayList<>();
        Label[] last = new Label[rows];
        for (int t = 0; t < centres.length; t++) {
            String text = (words ? "task " : "") + (t + 1);
            int row = t % rows;
            Label l = new Label(t + 1, text, centres[t], row, width.applyAsDouble(text));
            if (last[row] == null || l.left() >= last[row].right() + GAP_PX) {
                out.add(l);
                last[row] = l;
            }
        }
        return out;
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
