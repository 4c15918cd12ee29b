package io.somnus.report;

import java.util.HashSet;
import java.util.Set;
import org.knowm.xchart.XYChart;

/**
 * The y extent of a chart's points and their interval bars (a bar bound that is not finite is left out), and how
 * many x values they have: a chart with one (one sleep fraction, one checkpoint) gets a round y range.
 */
final class Extent {
    private double bottom = Double.POSITIVE_INFINITY;
    private double top = Double.NEGATIVE_INFINITY;
    private final Set<Double> xs = new HashSet<>();
    private double floor = Double.NEGATIVE_INFINITY;
    private double ceiling = Double.POSITIVE_INFINITY;

    /**
     * The bounds of the quantity drawn (an accuracy's or a fraction's 0 and 1, a total's 0): the room that
     * {@link #roundIfAtMost} leaves around the points stops at them. Points or bars past them are still shown.
     */
    Extent within(double floor, double ceiling) {
        this.floor = floor;
        this.ceiling = ceiling;
        return this;
    }

    /** Adds points with their bars; a point whose x or y is not finite (not drawn) is left out. */
    void add(double[] x, double[] y, double[] lo, double[] hi) {
        for (int k = 0; k < y.length; k++) {
            if (!Double.isFinite(x[k]) || !Double.isFinite(y[k])) {
                continue;   // Math.min with NaN is NaN: one missing checkpoint would have lost the whole extent
            }
            xs.add(x[k]);
            bottom = Math.min(bottom, Double.isFinite(lo[k]) ? Math.min(lo[k], y[k]) : y[k]);
            top = Math.max(top, Double.isFinite(hi[k]) ? Math.max(hi[k], y[k]) : y[k]);
        }
    }

    /**
     * With one x value above 0 (a run of one checkpoint, train.checkpoints: 1), sets the x axis from 0 to a round
     * value a fifth or more past it ({@link AxisRanges#niceCeiling} of 1.2 x), so that its points stand inside the
     * plot instead of on its right edge. Returns whether there was one x value.
     */
    boolean padIfOneX(XYChart chart) {
        if (xs.size() != 1) {
            return false;
        }
        double x = xs.iterator().next();
        if (x > 0) {
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisMax(AxisRanges.niceCeiling(1.2 * x));
        }
        return true;
    }

    /** The lowest point or lower bar (+∞ when none was added). */
    double bottom() {
        return bottom;
    }

    /** The highest point or upper bar (−∞ when none was added). */
    double top() {
        return top;
    }

    /**
     * With one x value, sets the y axis by {@link AxisRanges#niceYRange}: XChart would label only the point, or its
     * interval's ends and middle. A logarithmic axis keeps its own range.
     */
    void roundIfOneX(XYChart chart) {
        roundIfAtMost(chart, 1);
    }

    /**
     * As {@link #roundIfOneX} for up to {@code xCount} x values: a curve of two or three checkpoints (an SG-SNN's
     * epochs) got its y axis labelled at its two values only.
     */
    void roundIfAtMost(XYChart chart, int xCount) {
        if (xs.size() <= xCount && !chart.getStyler().isYAxisLogarithmic() && Double.isFinite(bottom)
                && Double.isFinite(top)) {
            if (top - bottom < WeightTracesSection.NEARLY_CONSTANT * Math.max(Math.abs(top), Math.abs(bottom))) {
                // values apart in their fourth digit and no interval around them (one seed): drawn flat, not
                // magnified from corner to corner with unlabelled ticks (0.09845 and 0.09844)
                AxisRanges.niceYRange(chart, (bottom + top) / 2, (bottom + top) / 2);
            } else {
                // a quarter of the span either side: with the values on whole steps (0.12 to 0.18 by 0.02) XChart
                // still labelled those two alone
                double pad = xCount == 1 ? 0 : (top - bottom) / 4;
                AxisRanges.niceYRange(chart, Math.min(bottom, Math.max(floor, bottom - pad)),
                        Math.max(top, Math.min(ceiling, top + pad)));
            }
            // whole steps, or the tenth of a value widened around a flat one, stop at the bounds too: two seeds'
            // accuracies with intervals of [0, 1] were drawn from −0.5 to 1.5, a fraction of 1 up to 1.05 (the
            // bounds, 0 and 1, fall on every step of 1 or less)
            if (bottom >= floor && chart.getStyler().getYAxisMin() < floor) {
                chart.getStyler().setYAxisMin(floor);
            }
            if (top <= ceiling && chart.getStyler().getYAxisMax() > ceiling) {
                chart.getStyler().setYAxisMax(ceiling);
            }
        }
    }
}
