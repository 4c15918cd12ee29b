package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** The round axis ends the report's charts use where XChart would label a range at its ends only. */
class ChartsTest {
    @Test
    void niceCeilingIsTheSmallestOfOneTwoTwoAndAHalfAndFiveTimesAPowerOfTenAtOrAbove() {
        assertEquals(1e6, Charts.niceCeiling(918_000), 0);
        assertEquals(2e5, Charts.niceCeiling(102_000), 0);
        assertEquals(2.5, Charts.niceCeiling(2.01), 1e-15);
        assertEquals(5e-3, Charts.niceCeiling(0.0026), 1e-18);
        assertEquals(10, Charts.niceCeiling(5.5), 0);
        assertEquals(100, Charts.niceCeiling(100), 0);   // already round: kept
        assertEquals(0.025, Charts.niceCeiling(0.025), 1e-17);
    }

    @Test
    void niceYRangeWidensAnIntervalToWholeRoundSteps() {
        // a control's single test accuracy, 0.5711 with its interval [0.5584, 0.5837]: a quarter of 0.0253 rounds up to
        // 0.01, so the axis runs over whole hundredths around the interval
        XYChart chart = Charts.xy("t", "x", "y", 380, 270);
        Charts.niceYRange(chart, 0.5584, 0.5837);
        assertEquals(0.55, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.59, chart.getStyler().getYAxisMax(), 1e-12);
        // ends already on a step stay where they are
        Charts.niceYRange(chart, 0.2, 0.6);
        assertEquals(0.2, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.6, chart.getStyler().getYAxisMax(), 1e-12);
    }

    @Test
    void aRangeOfZeroWidthIsCentredOnItsValue() {
        XYChart chart = Charts.xy("t", "x", "y", 380, 270);
        Charts.niceYRange(chart, 1, 1);   // every seed saturated: [0.95, 1.05], steps of 0.025
        assertEquals(0.95, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(1.05, chart.getStyler().getYAxisMax(), 1e-12);
        Charts.niceYRange(chart, 0, 0);   // [−0.5, 0.5], steps of 0.25
        assertEquals(-0.5, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.5, chart.getStyler().getYAxisMax(), 1e-12);
    }

    /**
     * A title wider than its chart is set smaller until it fits, measured independently here with the same font at each
     * size; a short one keeps 13 pt.
     */
    @Test
    void aLongTitleIsSetSmallerToFitItsChart() {
        String grid = "diehl-cook (stdp) × fashion-mnist, projections.input_e.delay_max_ms=10.0";
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, true);
        java.awt.Font at13 = new java.awt.Font(Charts.FONT, java.awt.Font.BOLD, 13);
        assertTrue(at13.getStringBounds(grid, frc).getWidth() > 560 - 24, "the title is too wide at 13 pt");
        java.awt.Font fitted = Charts.titleFont(grid, 560);
        assertTrue(fitted.getSize() < 13, "set smaller: " + fitted.getSize());
        assertTrue(fitted.getStringBounds(grid, frc).getWidth() <= 560 - 24, "fits: " + fitted.getSize());
        java.awt.Font oneLarger = new java.awt.Font(Charts.FONT, java.awt.Font.BOLD, fitted.getSize() + 1);
        assertTrue(oneLarger.getStringBounds(grid, frc).getWidth() > 560 - 24, "the largest size that fits");
        assertEquals(13, Charts.titleFont("final test accuracy", 380).getSize());
        assertEquals(fitted, Charts.xy(grid, "x", "y", 560, 340).getStyler().getChartTitleFont());
    }
}
