package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Where a continual run's task labels go on its accuracy-over-training chart. */
class TaskBoundariesTest {
    /**
     * A run page's chart (560 × 340, three readouts) of tasks ending at {@code ends}, with a checkpoint at each end;
     * returns its labels, the chart painted as the page would paint it.
     */
    private static List<TaskBoundaries.Label> labelled(XYChart chart, double[] ends, Extent extent) {
        List<TaskBoundaries.TaskEnd> tasks = new ArrayList<>();
        for (double e : ends) {
            tasks.add(new TaskBoundaries.TaskEnd(e, ""));
        }
        double[][] lines = new double[3][ends.length];
        for (int k = 0; k < ends.length; k++) {
            lines[0][k] = 0.52 + 0.07 * (k % 2);
            lines[1][k] = 0.50 + 0.08 * (k % 3) / 2;
            lines[2][k] = 0.28 + 0.12 * (k % 4) / 3;
        }
        for (double[] y : lines) {
            extent.add(ends, y, y, y);
        }
        TaskBoundaries.draw(chart, tasks, extent);
        for (int i = 0; i < lines.length; i++) {
            Charts.line(chart, "readout " + i, ends, lines[i], Charts.qualitative(i));
        }
        chart.getStyler().setXAxisMin(0.0);
        Ticks.roundXTicks(chart);
        List<TaskBoundaries.Label> labels = TaskBoundaries.label(chart, tasks, extent);
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        return labels;
    }

    /**
     * Ten tasks of one class each (continual.tasks: 10, classes_per_task: 1) over 1 000 images: "task 9" and "task 10"
     * ran together in one row. Each label is centred on its band, and no two of one row come within 4 px.
     */
    @Test
    void tenTasksOfOneClassAreLabelledWithoutOverlap() {
        double[] ends = {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000};
        XYChart chart = Charts.xy("t", "training images seen", "validation accuracy", 560, 340);
        Extent extent = new Extent();
        List<TaskBoundaries.Label> labels = labelled(chart, ends, extent);
        assertEquals(10, labels.size(), "every task labelled: " + labels);
        double start = 0;
        for (int t = 0; t < ends.length; t++) {
            TaskBoundaries.Label l = labels.get(t);
            assertEquals("task " + (t + 1), l.text());
            double middle = (chart.getScreenXFromChart(start) + chart.getScreenXFromChart(ends[t])) / 2;
            assertEquals(middle, l.centrePx(), 0.5, l.text() + " in the middle of its band");
            start = ends[t];
        }
        // in one row they would touch: 100 images are narrower on screen than "task 9" and "task 10" side by side
        TaskBoundaries.Label nine = labels.get(8);
        TaskBoundaries.Label ten = labels.get(9);
        assertTrue(ten.centrePx() - nine.centrePx() < (nine.widthPx() + ten.widthPx()) / 2 + TaskBoundaries.GAP_PX,
                "one row would not do here: " + nine + ", " + ten);
        for (TaskBoundaries.Label a : labels) {
            for (TaskBoundaries.Label b : labels) {
                if (a.task() < b.task() && a.row() == b.row()) {
                    assertTrue(b.left() >= a.right() + TaskBoundaries.GAP_PX - 1e-9, a + " and " + b + " overlap");
                }
            }
        }
        assertTrue(labels.stream().anyMatch(l -> l.row() == 1));
        // the second row's bottom (its middle and half a row) above the highest point, 0.59
        double plotTop = chart.getScreenYFromChart(chart.getStyler().getYAxisMax());
        double secondRowBottom = plotTop + TaskBoundaries.FIRST_ROW_PX + 1.5 * TaskBoundaries.ROW_PX;
        assertTrue(chart.getScreenYFromChart(0.59) >= secondRowBottom,
                "the labels sit above the lines: " + chart.getScreenYFromChart(0.59) + " px against " + secondRowBottom);
    }

    /** Five tasks of two classes: "task k" in one row. */
    @Test
    void fiveTasksFitInOneRow() {
        XYChart chart = Charts.xy("t", "training images seen", "validation accuracy", 560, 340);
        List<TaskBoundaries.Label> labels = labelled(chart, new double[] {200, 400, 600, 800, 1000}, new Extent());
        assertEquals(List.of("task 1", "task 2", "task 3", "task 4", "task 5"),
                labels.stream().map(TaskBoundaries.Label::text).toList());
        assertTrue(labels.stream().allMatch(l -> l.row() == 0), labels.toString());
    }

    /**
     * By hand: bands centred 20 px apart, "task k" 30 px wide. In one row task 2 ([5, 35]) would overlap task 1
     * ([−15, 15]) and is left out, task 3 ([25, 55]) is kept, 10 px past task 1; in two rows task 2 goes below.
     */
    @Test
    void aLabelThatWouldTouchTheOneBeforeInItsRowIsLeftOut() {
        double[] centres = {0, 20, 40};
        ToDoubleFunction<String> width = text -> text.startsWith("task") ? 30 : 6;
        assertEquals(List.of("task 1", "task 3"),
                TaskBoundaries.rowsOf(centres, true, 1, width).stream().map(TaskBoundaries.Label::text).toList());
        List<TaskBoundaries.Label> two = TaskBoundaries.rowsOf(centres, true, 2, width);
        assertEquals(List.of(0, 1, 0), two.stream().map(TaskBoundaries.Label::row).toList());
        assertEquals(List.of("1", "2", "3"),
                TaskBoundaries.rowsOf(centres, false, 1, width).stream().map(TaskBoundaries.Label::text).toList());
    }
}
