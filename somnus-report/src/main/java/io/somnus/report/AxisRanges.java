package io.somnus.report;

import org.knowm.xchart.XYChart;

/** Axis ends on round values: a nice ceiling, an end a little past the data, a y range of whole steps. */
final class AxisRanges {
    private AxisRanges() {}

    /**
     * The smallest of 1, 2, 2.5 and 5 × 10^k that is at least {@code x} (x > 0): an axis end or tick step a reader takes
     * in at a glance. XChart labels a range that ends on such a value at round steps, but one that ends elsewhere
     * (918 000 simulation steps, or a single point's interval) at its ends and middle only.
     */
    static double niceCeiling(double x) {
        // StrictMath: Math.pow may round differently with each CPU's intrinsic, and the axis ends with it
        double scale = StrictMath.pow(10, Math.floor(StrictMath.log10(x)));
        for (double m : new double[] {1, 2, 2.5, 5}) {
            if (m * scale >= x * (1 - 1e-12)) {
                return m * scale;
            }
        }
        return 10 * scale;
    }

    /**
     * An axis end for data that run from 0 to {@code max} (max > 0): the smallest whole multiple of
     * {@link #niceCeiling}(max / 20) at or above max, so that at most about a tenth of the plot (a twentieth step
     * rounded up to a nice one) lies past the data. XChart 4 labels an axis from 0 at its own round steps whatever its
     * end; {@code niceCeiling(max)} itself left up to 45 % of a weight trace empty (5.5e5 steps ran to 1e6).
     */
    static double axisEnd(double max) {
        double step = niceCeiling(max / 20);
        // the small slack keeps a max already on a whole step (28 000 = 14 × 2 000) from moving a step out
        return Math.ceil(max / step - 1e-9) * step;
    }

    /**
     * Sets the y axis to [lo, hi] widened to whole steps of a nice size (about four of them), so that its ticks fall on
     * round values. A range of zero width (every seed gave the same value), or of rounding noise's, is first widened to
     * a tenth of the value (or 1 at 0), centred on it.
     */
    static void niceYRange(XYChart chart, double lo, double hi) {
        // a width of rounding noise (two seeds' equal stds differing by 6e-17) is no width: XChart labelled no tick
        if (!(hi - lo > Math.max(1e-12, 1e-9 * Math.max(Math.abs(lo), Math.abs(hi))))) {
            double mid = (lo + hi) / 2;
            mid = Math.abs(mid) < 1e-12 ? 0 : mid;
            double half = (mid == 0 ? 1 : Math.abs(mid) / 10) / 2;
            lo = mid - half;
            hi = mid + half;
        }
        double step = niceCeiling((hi - lo) / 4);
        // the small slack keeps a bound that is already a whole step (0.95 = 38 × 0.025) from moving a step out
        chart.getStyler().setYAxisMin(Math.floor(lo / step + 1e-9) * step);
        chart.getStyler().setYAxisMax(Math.ceil(hi / step - 1e-9) * step);
    }
}
