package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** A chart's y range from its points and bars: round for a few x values, within its quantity's bounds. */
class ExtentTest {
    /** One checkpoint at 200 images: its points at 200 on an axis to 250 (1.2 × 200 = 240, rounded up), not on the edge. */
    @Test
    void oneXValueIsPaddedInsideThePlot() {
        XYChart chart = Charts.xy("t", "x", "y", 380, 270);
        Extent one = new Extent();
        one.add(new double[] {200}, new double[] {0.36}, new double[] {0.36}, new double[] {0.36});
        one.add(new double[] {200}, new double[] {0.25}, new double[] {0.25}, new double[] {0.25});
        assertTrue(one.padIfOneX(chart));
        assertEquals(0, chart.getStyler().getXAxisMin(), 0);
        assertEquals(250, chart.getStyler().getXAxisMax(), 0);
        XYChart two = Charts.xy("t", "x", "y", 380, 270);
        Extent curve = new Extent();
        curve.add(new double[] {100, 200}, new double[] {0.3, 0.4}, new double[] {0.3, 0.4}, new double[] {0.3, 0.4});
        assertFalse(curve.padIfOneX(two));
        assertNull(two.getStyler().getXAxisMax());
    }

    /**
     * A sweep of one seed: two sleep fractions, no interval bars. XChart labelled 0.42 to 0.46 at those two values
     * only, and 0.09845 against 0.09844 (the receptive-field cosine) drawn corner to corner with no label at all.
     */
    @Test
    void twoBarePointsGetARoundRangeAndNearlyEqualOnesAFlatOne() {
        double[] x = {0, 0.2};
        double[] none = {Double.NaN, Double.NaN};
        XYChart chart = Charts.xy("t", "x", "y", 380, 270);
        Extent e = new Extent();
        e.add(x, new double[] {0.42, 0.46}, none, none);
        e.roundIfAtMost(chart, 3);
        // a quarter of 0.04 either side, 0.41 to 0.47, in whole steps of niceCeiling(0.06 / 4) = 0.02
        assertEquals(0.40, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.48, chart.getStyler().getYAxisMax(), 1e-12);
        XYChart flat = Charts.xy("t", "x", "y", 380, 270);
        Extent f = new Extent();
        f.add(x, new double[] {0.09845, 0.09844}, none, none);
        f.roundIfAtMost(flat, 3);
        // 1e-5 apart, under a thousandth of the value: a tenth of 0.098445 around it, 0.0935 to 0.1034, in whole
        // steps of niceCeiling(0.0098445 / 4) = 0.0025
        assertEquals(0.0925, flat.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.105, flat.getStyler().getYAxisMax(), 1e-12);
    }

    @Test
    void aCurveOfAFewCheckpointsGetsARoundYRangeWithRoomAroundIt() {
        // an SG-SNN's three epochs at 0.12, 0.12, 0.12 and one point at 0.18: a quarter of 0.06 either side is
        // 0.105 to 0.195, whole steps of niceCeiling(0.09 / 4) = 0.025 around it: 0.1 to 0.2
        XYChart chart = Charts.xy("t", "x", "y", 400, 300);
        Extent e = new Extent();
        double[] x = {200, 400, 600};
        double[] y = {0.12, 0.12, 0.18};
        e.add(x, y, y, y);
        e.roundIfAtMost(chart, 3);
        assertEquals(0.1, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.2, chart.getStyler().getYAxisMax(), 1e-12);
        // four checkpoints: XChart's own range
        XYChart four = Charts.xy("t", "x", "y", 400, 300);
        Extent f = new Extent();
        f.add(new double[] {1, 2, 3, 4}, new double[] {0.1, 0.2, 0.3, 0.4}, new double[4], new double[4]);
        f.roundIfAtMost(four, 3);
        assertEquals(null, four.getStyler().getYAxisMin());
    }

    /**
     * The room around a few points stops at the quantity's bounds: two seeds' accuracies, 0.45 [0.058, 0.858] and
     * 0.567 [0, 1], were drawn from −0.5 to 1.5 (a quarter of the span, 0.25, either side, in steps of 0.5); within
     * [0, 1] they run 0 to 1 in steps of 0.25. A fraction of 1 at every point ran to 1.05 (a tenth of the value
     * around it); it stops at 1. An interval past a bound (a std's plain t-interval below 0) is still shown.
     */
    @Test
    void aFewPointsGetNoRoomPastTheirQuantitysBounds() {
        double[] x = {0, 0.2};
        XYChart chart = Charts.xy("t", "x", "y", 380, 270);
        Extent e = new Extent().within(0, 1);
        e.add(x, new double[] {0.45, 0.5667}, new double[] {0.0579, 0}, new double[] {0.8581, 1});
        e.roundIfAtMost(chart, 3);
        assertEquals(0, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(1, chart.getStyler().getYAxisMax(), 1e-12);
        XYChart unbounded = Charts.xy("t", "x", "y", 380, 270);
        Extent u = new Extent();
        u.add(x, new double[] {0.45, 0.5667}, new double[] {0.0579, 0}, new double[] {0.8581, 1});
        u.roundIfAtMost(unbounded, 3);
        assertEquals(-0.5, unbounded.getStyler().getYAxisMin(), 1e-12);
        assertEquals(1.5, unbounded.getStyler().getYAxisMax(), 1e-12);
        XYChart flat = Charts.xy("t", "x", "y", 380, 270);
        Extent f = new Extent().within(0, 1);
        f.add(x, new double[] {1, 1}, new double[] {Double.NaN, Double.NaN}, new double[] {Double.NaN, Double.NaN});
        f.roundIfAtMost(flat, 3);
        assertEquals(0.95, flat.getStyler().getYAxisMin(), 1e-12);
        assertEquals(1, flat.getStyler().getYAxisMax(), 1e-12);
        XYChart std = Charts.xy("t", "x", "y", 380, 270);
        Extent s = new Extent().within(0, Double.POSITIVE_INFINITY);
        s.add(x, new double[] {0.03, 0.08}, new double[] {-0.03, -0.2}, new double[] {0.09, 0.36});
        s.roundIfAtMost(std, 3);
        // −0.2 to 0.36, a quarter of 0.56 above: 0.5; below the bound already, so nothing added: steps of 0.2
        assertEquals(-0.2, std.getStyler().getYAxisMin(), 1e-12);
        assertEquals(0.6, std.getStyler().getYAxisMax(), 1e-12);
    }
}
