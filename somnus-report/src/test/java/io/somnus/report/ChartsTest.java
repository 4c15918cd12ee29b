package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/** The house style's series, legends, shaded spans and titles, and series drawn side by side. */
class ChartsTest {
    /**
     * XChart strokes a series left without a style solid, dash-dot, dashed or dotted by its place among the chart's
     * series: the third preset's interval bars in the STDP-versus-SG panel came out dotted.
     */
    @Test
    void everyLineAndIntervalBarIsSolidWhateverItsPlace() {
        XYChart chart = Charts.xy("t", "x", "y", 380, 270);
        double[] x = {0, 0.1, 0.2};
        for (int i = 0; i < 5; i++) {
            Charts.intervals(chart, "preset " + i, x, new double[] {0.4, 0.5, 0.6}, new double[] {0.3, 0.4, 0.5},
                    new double[] {0.5, 0.6, 0.7}, Charts.qualitative(i));
            Charts.line(chart, "line " + i, x, new double[] {0.1, 0.2, 0.3}, Charts.qualitative(i));
        }
        Charts.svg(chart, 1);   // painting gives unstyled series XChart's strokes
        assertEquals(25, chart.getSeriesCollection().size());   // per preset: its line, 3 bars, a line
        for (XYSeries s : chart.getSeriesCollection()) {
            assertNull(s.getLineStyle().getDashArray(), s.getName() + " is not solid");
        }
    }

    /** Series of one panel side by side, DODGE apart and centred on their sleep fraction. */
    @Test
    void dodgedSeriesAreCentredOnTheirFraction() {
        assertEquals(0, Charts.dodge(0, 1), 0);
        assertEquals(-0.005, Charts.dodge(0, 2), 1e-15);
        assertEquals(0.005, Charts.dodge(1, 2), 1e-15);
        assertEquals(-0.01, Charts.dodge(0, 3), 1e-15);
        assertEquals(0, Charts.dodge(1, 3), 1e-15);
        assertEquals(0.01, Charts.dodge(2, 3), 1e-15);
    }

    /**
     * A weight trace held constant by normalisation (Diehl &amp; Cook's Σ|w| = 7 800, moving in the fifth digit) is
     * drawn flat with ticks 200 apart around it, where XChart magnified it until every tick printed "7800"; a total that
     * moves gets round ticks over its own range.
     */
    @Test
    void aNearlyConstantWeightTraceIsDrawnFlatWithRoundTicks() {
        XYChart chart = Charts.xy("t", "x", "y", 560, 320);
        WeightTracesSection.linearYRange(chart, 7799.9998454878805, 7800.000004206298);
        // the zero-width rule: 7 800 ± 390, a quarter of 780 rounds up to 200
        assertEquals(7400, chart.getStyler().getYAxisMin(), 1e-9);
        assertEquals(8200, chart.getStyler().getYAxisMax(), 1e-9);
        WeightTracesSection.linearYRange(chart, 96, 100);   // 4 % apart: its own range, in steps of 1
        assertEquals(96, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(100, chart.getStyler().getYAxisMax(), 1e-12);
    }

    /**
     * A chart's title is text of the page above its SVG, escaped and at most as wide as the chart, so that a long one
     * wraps; XChart draws none (it cut a title wider than its chart at both ends).
     */
    @Test
    void theTitleIsTextAboveTheChart() {
        String grid = "diehl-cook (stdp) × fashion-mnist, projections.input_e.delay_max_ms=10.0 & <more>";
        XYChart chart = Charts.xy(grid, "x", "y", 560, 340);
        chart.addSeries("s", new double[] {0, 1}, new double[] {0, 1});
        assertFalse(chart.getStyler().isChartTitleVisible());
        String svg = Charts.svg(chart, 1);
        assertTrue(svg.startsWith("<div class=\"chart-title\" style=\"max-width: 560px\">diehl-cook (stdp) × fashion-mnist, "
                + "projections.input_e.delay_max_ms=10.0 &amp; &lt;more&gt;</div><svg"), svg.substring(0, 200));
        assertTrue(Charts.svg(Charts.xy("", "x", "y", 380, 270), 2).startsWith("<svg"));
    }

    /** The plot's bounds once painted: left, top, right, bottom (px), from its axes' ends. */
    private static double[] plot(XYChart chart) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        return new double[] {chart.getScreenXFromChart(0), chart.getScreenYFromChart(1), chart.getScreenXFromChart(0.5),
            chart.getScreenYFromChart(0)};
    }

    /** A panel of the given series (none: one series, no legend), its axes 0 to 0.5 and 0 to 1. */
    private static XYChart panel(int width, int height, List<String> names) {
        XYChart chart = names.isEmpty() ? Charts.xy("t", "sleep fraction asked for", "y", width, height)
                : Charts.xyLegendBelow("t", "sleep fraction asked for", "y", width, height, names);
        for (String n : names.isEmpty() ? List.of("one") : names) {
            Charts.line(chart, n, new double[] {0, 0.1, 0.5}, new double[] {0.2, 0.5, 0.7}, Charts.qualitative(0));
        }
        chart.getStyler().setLegendVisible(!names.isEmpty());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(0.5).setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    /**
     * A panel with a legend has as large a plot as its neighbour without one: at the right the legend took a fifth of a
     * 380-px versus-sleep panel (four projections) and two fifths of the 560-px STDP-versus-SG panel (three presets,
     * two controls), whose entries do not fit side by side and so go one under another.
     */
    @Test
    void aLegendBelowThePlotLeavesItAsLargeAsWithout() {
        double[] bare = plot(panel(380, 270, List.of()));
        double[] four = plot(panel(380, 270, List.of("e_e", "e_i", "i_e", "input_e")));
        double[] wide = plot(panel(560, 320, List.of()));
        List<String> presets = List.of("paper (stdp)", "paper-sg (sg)", "paper-sg-code (sg)", "paper, untrained",
                "paper, untrained_sleep_target");
        XYChart five = panel(560, 320, presets);
        double[] fiveBounds = plot(five);
        for (int k = 0; k < 4; k++) {
            assertEquals(bare[k], four[k], 2, "side " + k + ": " + Arrays.toString(bare) + " against "
                    + Arrays.toString(four));
            assertEquals(wide[k], fiveBounds[k], 2, "side " + k + ": " + Arrays.toString(wide) + " against "
                    + Arrays.toString(fiveBounds));
        }
        assertEquals(Styler.LegendLayout.Vertical, five.getStyler().getLegendLayout());
        assertEquals(Styler.LegendPosition.OutsideS, five.getStyler().getLegendPosition());
    }

    /**
     * Series side by side reach past their fractions: four at 0 to 0.5 stand from −0.015 to 0.515 (dodge ±1.5 × 0.01),
     * and the axis runs a DODGE further, −0.025 to 0.525; XChart ended it at the outermost points, on the plot's edge.
     */
    @Test
    void dodgedSeriesStandInsideThePlot() {
        XYChart chart = Charts.xy("t", "x", "y", 380, 270);
        Charts.padDodged(chart, 0, 0.5, 4);
        assertEquals(-0.025, chart.getStyler().getXAxisMin(), 1e-15);
        assertEquals(0.525, chart.getStyler().getXAxisMax(), 1e-15);
        XYChart one = Charts.xy("t", "x", "y", 380, 270);
        Charts.padDodged(one, 0, 0.5, 1);
        assertNull(one.getStyler().getXAxisMin());
    }

    /**
     * A run page's charts put a legend of a few entries below (three readouts took 130 of the chart's 560 px at the
     * right); eight sleep fractions, which need more than 544 px side by side, keep it at the right.
     */
    @Test
    void aLegendGoesBelowWhereItsEntriesFitSideBySide() {
        XYChart readouts = Charts.xyLegendAcross("t", "x", "y", 560, 340, List.of("linear", "vote", "pca-logistic (main)"));
        assertEquals(Styler.LegendPosition.OutsideS, readouts.getStyler().getLegendPosition());
        assertEquals(Styler.LegendLayout.Horizontal, readouts.getStyler().getLegendLayout());
        List<String> eight = List.of("sleep 0.00", "sleep 0.05", "sleep 0.10", "sleep 0.15", "sleep 0.20", "sleep 0.30",
                "sleep 0.40", "sleep 0.50");
        assertTrue(Charts.legendAcross(eight) > 544, "eight entries of about 90 px: " + Charts.legendAcross(eight));
        XYChart fractions = Charts.xyLegendAcross("t", "x", "y", 560, 340, eight);
        assertEquals(Styler.LegendPosition.OutsideE, fractions.getStyler().getLegendPosition());
        assertEquals(340, fractions.getHeight());
    }

    /**
     * Shaded spans cover the plot from its top to its bottom, on a linear and on a log axis: drawn from the axis's
     * lower end to its upper one they stopped short of both, XChart leaving a margin inside the plot past them (a
     * weight trace's sleep episodes seemed to mark the values from 500 to 2 000). Read off the painted pixels, 2 px
     * inside the plot's edges, halfway across a span.
     */
    @Test
    void spansCoverThePlotFromTopToBottom() {
        for (boolean log : new boolean[] {false, true}) {
            XYChart chart = Charts.xy("t", "x", "y", 560, 320);
            double lo = log ? 100 : 500;
            double hi = log ? 10_000 : 2000;
            Charts.spans(chart, "sleep", List.of(new double[] {40, 60}), lo, hi, log, Color.BLACK, 0);
            Charts.line(chart, "w", new double[] {0, 100}, new double[] {lo * 1.5, hi / 1.5}, Charts.qualitative(0));
            chart.getStyler().setYAxisLogarithmic(log);
            chart.getStyler().setYAxisMin(lo).setYAxisMax(hi).setXAxisMin(0.0).setXAxisMax(100.0);
            BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            chart.paint(g, chart.getWidth(), chart.getHeight());
            g.dispose();
            int x = (int) Math.round(chart.getScreenXFromChart(50));
            // the plot's border (grey 0x999999), found outside the span (x = 10), above the axis's top and below its
            // bottom by XChart's margin
            int clear = (int) Math.round(chart.getScreenXFromChart(10));
            int top = (int) Math.round(chart.getScreenYFromChart(log ? 1000 : 1250));
            while ((image.getRGB(clear, top) & 0xffffff) != 0x999999) {
                top--;
            }
            int bottom = top + 1;
            while ((image.getRGB(clear, bottom) & 0xffffff) != 0x999999) {
                bottom++;
            }
            assertTrue(top < chart.getScreenYFromChart(hi) - 2 && bottom > chart.getScreenYFromChart(lo) + 2,
                    "a margin between the axis's ends and the plot's border");
            for (int y : new int[] {top + 2, bottom - 2}) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                assertTrue(rgb != 0xffffff, (log ? "log" : "linear") + ": no shade at y = " + y + " px");
            }
        }
    }
}
