package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** The round axis ends the report's charts use where XChart would label a range at its ends only. */
class AxisRangesTest {
    @Test
    void niceCeilingIsTheSmallestOfOneTwoTwoAndAHalfAndFiveTimesAPowerOfTenAtOrAbove() {
        assertEquals(1e6, AxisRanges.niceCeiling(918_000), 0);
        assertEquals(2e5, AxisRanges.niceCeiling(102_000), 0);
        assertEquals(2.5, AxisRanges.niceCeiling(2.01), 1e-15);
        assertEquals(5e-3, AxisRanges.niceCeiling(0.0026), 1e-18);
        assertEquals(10, AxisRanges.niceCeiling(5.5), 0);
        assertEquals(100, AxisRanges.niceCeiling(100), 0);   // already round: kept
        assertEquals(0.025, AxisRanges.niceCeiling(0.025), 1e-17);
    }

    /** The weight traces' x axis ended at niceCeiling(last step): 5.5e5 steps ran to 1e6, 45 % of the plot empty. */
    @Test
    void anAxisEndIsAWholeTwentiethStepAtOrPastTheData() {
        assertEquals(550_000, AxisRanges.axisEnd(550_000), 0);    // a twentieth, 27 500, rounds to 50 000: 11 whole steps
        assertEquals(30_000, AxisRanges.axisEnd(28_150), 0);      // steps of 2 000 (1 407.5 rounded up): 15 of them
        assertEquals(28_000, AxisRanges.axisEnd(28_000), 0);      // already 14 steps of 2 000: kept
        assertEquals(950_000, AxisRanges.axisEnd(918_000), 0);    // steps of 50 000
        assertEquals(110_000, AxisRanges.axisEnd(102_000), 0);    // steps of 10 000
        assertEquals(5.5, AxisRanges.axisEnd(5.00005), 1e-12);    // the worst case: steps of 0.5, 9.1 % past the data
        // never short of the data, and never more than a step of at most a tenth of the end past it
        for (int k = 1; k <= 2000; k++) {
            double max = 37.0 * StrictMath.pow(1.0093, k);
            double end = AxisRanges.axisEnd(max);
            assertTrue(end >= max && end - max <= end / 11 + 1e-9 * end, max + " ends at " + end);
        }
    }

    @Test
    void niceYRangeWidensAnIntervalToWholeRoundSteps() {
        // a control's single test accuracy, 0.5711 with its interval [0.5584, 0.5837]: a quarter of 0.0253 rounds up to
        // 0.01, so the axis runs over whole hundredths around the interval
        XYChart chart = Charts.xy("t", "x", "y", 380, 270);
        AxisRanges.niceYRange(chart, 0.5584, 0.5837);
        assertEquals(0.55, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.59, chart.getStyler().getYAxisMax(), 1e-12);
        // ends already on a step stay where they are
        AxisRanges.niceYRange(chart, 0.2, 0.6);
        assertEquals(0.2, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.6, chart.getStyler().getYAxisMax(), 1e-12);
    }

    @Test
    void aRangeOfZeroWidthIsCentredOnItsValue() {
        XYChart chart = Charts.xy("t", "x", "y", 380, 270);
        AxisRanges.niceYRange(chart, 1, 1);   // every seed saturated: [0.95, 1.05], steps of 0.025
        assertEquals(0.95, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(1.05, chart.getStyler().getYAxisMax(), 1e-12);
        AxisRanges.niceYRange(chart, 0, 0);   // [−0.5, 0.5], steps of 0.25
        assertEquals(-0.5, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.5, chart.getStyler().getYAxisMax(), 1e-12);
        // a width of rounding noise is none: two equal stds 6e-17 apart, and a value of noise around 0
        AxisRanges.niceYRange(chart, 0.005, 0.005 + 6e-17); // [0.00475, 0.00525], a quarter of 0.0005 up to steps of 0.0002
        assertEquals(0.0046, chart.getStyler().getYAxisMin(), 1e-15);
        assertEquals(0.0054, chart.getStyler().getYAxisMax(), 1e-15);
        AxisRanges.niceYRange(chart, -3e-17, 4e-17);
        assertEquals(-0.5, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.5, chart.getStyler().getYAxisMax(), 1e-12);
    }
}
