package io.somnus.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Where a chart's axis ticks fall and how they read ({@link Charts} draws the series): tick labels of four significant
 * digits, one notation an axis, a linear y axis's labels spaced apart, a log axis's 1, 2 and 5 × 10^k, and round steps
 * on an x axis of equally spaced values.
 */
final class Ticks {
    private Ticks() {}

    /** A y axis is logarithmic only when its values span at least this factor (else it shows one decade tick). */
    static final double LOG_RANGE = 20;

    /**
     * Whether values from {@code lo} to {@code hi} go on a log axis: they span {@link #LOG_RANGE}× or more, and the
     * axis would label two powers of ten at least (XChart labels a log axis at powers of ten only, so 150 to 2 800
     * would read "1000" alone; {@link #logYTicks} adds 2 and 5 × 10^k).
     */
    static boolean logAxis(double lo, double hi) {
        return lo > 0 && hi / lo >= LOG_RANGE
                && StrictMath.floor(StrictMath.log10(hi)) - StrictMath.ceil(StrictMath.log10(lo)) >= 1;
    }
    /**
     * Makes a logarithmic y axis label 1, 2 and 5 × 10^k as well as the powers of ten. XChart labels the powers alone,
     * so that a paper-sg-code total |w| of 27 to 40 (h_out, below the 100 labelled) and one of 1 500 to 1 800 (in_h,
     * above the 1 000) could not be read off their axis; its other minor ticks stay unlabelled grid lines. Values from
     * {@code lo} to {@code hi} that span more than {@link #LOG_LABELLED_DECADES} powers of ten keep XChart's labels at
     * the powers alone, where three labels a decade would crowd a panel's height.
     */
    static void logYTicks(XYChart chart, double lo, double hi) {
        chart.getStyler().setYAxisLogarithmic(true);
        if (StrictMath.log10(hi / lo) <= LOG_LABELLED_DECADES) {
            chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
            Function<Double, String> label = axisTicks(chart, false);
            chart.getStyler().setYAxisTickLabelsFormattingFunction(v -> oneTwoFive(v) ? label.apply(v) : "");
        }
    }

    /** Up to this many powers of ten, a log axis is labelled at 1, 2 and 5 × 10^k ({@link #logYTicks}). */
    static final double LOG_LABELLED_DECADES = 3;

    /** Whether {@code v} > 0 is 1, 2 or 5 × 10^k (within rounding: XChart multiplies its ticks out of powers of ten). */
    static boolean oneTwoFive(double v) {
        if (!(v > 0)) {
            return false;
        }
        double mantissa = v / StrictMath.pow(10, StrictMath.floor(StrictMath.log10(v) + 1e-9));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (Math.abs(mantissa - m) < 1e-6 * m) {
                return true;
            }
        }
        return false;
    }

    /** Tick label: at most 4 significant digits, plain notation between 0.001 and 100000, no trailing zeros. */
    static String tick(Double value) {
        return tick(value, Math.abs(value));
    }

    /**
     * Tick label on an axis whose largest value is {@code axisLargest}: as {@link #tick(Double)}, but every tick in
     * scientific notation where the axis reaches 100000, so that one axis writes its ticks alike (a weight trace's
     * steps read "80000, 1e5, 1.2e5": 8e4, 1e5, 1.2e5).
     */
    static String tick(double v, double axisLargest) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e5 || axisLargest >= 1e5) {
            String t = String.format(Locale.ROOT, "%.2e", v);
            return t.replaceAll("\\.?0+e", "e").replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * The chart's tick labels on one axis ({@link #tick(double, double)}), by the largest magnitude its series and set
     * ends reach, found when XChart first labels a tick: once the series are all in, as it paints.
     */
    static Function<Double, String> axisTicks(XYChart chart, boolean x) {
        double[] largest = {Double.NaN};
        double[] previous = {Double.NaN};
        return v -> {
            if (Double.isNaN(largest[0])) {
                largest[0] = axisLargest(chart, x);
            }
            if (!x && !chart.getStyler().isYAxisLogarithmic()) {
                // XChart labels its ticks in ascending order from one below the axis (never shown), so that from the
                // second on the step is known; it labels the axis's ends apart from them, out of order
                double step = v - previous[0];
                previous[0] = v;
                double[] range = yRange(chart);
                double least = (range[1] - range[0]) / yTickSpacePx(chart) * MIN_Y_TICK_GAP_PX;
                if (step > 0 && step < least) {
                    long every = (long) Math.ceil(least / step - 1e-9);
                    double labelled = every * step;
                    // thinned only where three labels stay within the values: two would leave the axis hard to read
                    boolean three = Math.floor(range[1] / labelled + 1e-9) - Math.ceil(range[0] / labelled - 1e-9) >= 2;
                    if (three && Math.floorMod(Math.round(v / step), every) != 0) {
                        return CROWDED;
                    }
                }
            }
            return tick(v, largest[0]);
        };
    }

    /**
     * Tick labels of a linear y axis are this far apart at least, px (about three lines of the 11 px tick font). XChart
     * spaced them from 26 px, so that a narrow range's five-character labels stood in a column (0.090 to 0.104 by 0.002
     * in a 200 px plot: eight labels) and read as crowded.
     */
    static final double MIN_Y_TICK_GAP_PX = 36;

    /**
     * The label of a tick between labelled ones, where XChart's step sets ticks closer than {@link #MIN_Y_TICK_GAP_PX}:
     * only every k-th tick (its value a whole multiple of k steps) is labelled, k the fewest steps that part labels
     * enough; the others keep their grid lines. (XChart 4 keeps a step whose labels repeat: it tries no coarser one.)
     */
    private static final String CROWDED = "";

    /** The height a chart leaves its plot's ticks: its own less its axis titles, tick labels and paddings (px; XChart 4). */
    static final int Y_TICK_SPACE_LESS_PX = 71;

    /** The y axis's ends: those set, else its series' lowest and highest values (XChart's, before its margins). */
    static double[] yRange(XYChart chart) {
        var s = chart.getStyler();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesCollection()) {
            for (double d : series.getYData()) {
                if (Double.isFinite(d)) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
            }
        }
        return new double[] {s.getYAxisMin() != null ? s.getYAxisMin() : lo, s.getYAxisMax() != null ? s.getYAxisMax() : hi};
    }

    /** The height over which XChart spreads the y axis's ends, px ({@link #Y_TICK_SPACE_LESS_PX}, and a legend below). */
    static double yTickSpacePx(XYChart chart) {
        var s = chart.getStyler();
        boolean legendBelow = s.isLegendVisible() && s.getLegendPosition() == Styler.LegendPosition.OutsideS;
        List<String> names = chart.getSeriesCollection().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
        return Math.max(1, chart.getHeight() - Y_TICK_SPACE_LESS_PX - (legendBelow ? Charts.legendBelowPx(names, chart.getWidth()) : 0));
    }

    /**
     * The largest finite magnitude on an axis: its series' values, each held within the axis's set ends (the plot
     * clips what lies past them: a sleep episode's shading reaches 1 000× past a log axis's top, and made its ticks
     * "1e3" beside an unslept panel's "1000"), and those ends (error bars left out).
     */
    static double axisLargest(XYChart chart, boolean x) {
        var s = chart.getStyler();
        Double min = x ? s.getXAxisMin() : s.getYAxisMin();
        Double max = x ? s.getXAxisMax() : s.getYAxisMax();
        double lo = min != null && Double.isFinite(min) ? min : Double.NEGATIVE_INFINITY;
        double hi = max != null && Double.isFinite(max) ? max : Double.POSITIVE_INFINITY;
        double m = 0;
        for (XYSeries series : chart.getSeriesCollection()) {
            for (double d : x ? series.getXData() : series.getYData()) {
                if (Double.isFinite(d)) {
                    m = Math.max(m, Math.abs(Math.min(hi, Math.max(lo, d))));
                }
            }
        }
        for (double end : new double[] {lo, hi}) {
            if (Double.isFinite(end)) {
                m = Math.max(m, Math.abs(end));
            }
        }
        return m;
    }

    /**
     * Makes XChart label the x axis at round steps. XChart 4 labels x values that are all equally spaced (a wake-only
     * run's weight trace, recorded every 18 000 steps) at every k-th value instead, 1.8e5, 3.6e5, ..., 1.08e6: a hidden
     * point (no line, no marker, not in the legend) halfway between the first two x values, at a y value the chart
     * already shows, makes them unequally spaced. Call it after the chart's last series.
     */
    static void roundXTicks(XYChart chart) {
        TreeSet<Double> xs = new TreeSet<>();
        double y = Double.NaN;
        for (XYSeries s : chart.getSeriesCollection()) {
            double[] sx = s.getXData();
            double[] sy = s.getYData();
            for (int i = 0; i < sx.length; i++) {
                if (Double.isFinite(sx[i]) && Double.isFinite(sy[i])) {
                    xs.add(sx[i]);
                    // a point on the chart already: inside its y range, and above 0 on a log axis
                    if (Double.isNaN(y) && (sy[i] > 0 || !chart.getStyler().isYAxisLogarithmic())) {
                        y = sy[i];
                    }
                }
            }
        }
        if (xs.size() < 2 || Double.isNaN(y)) {
            return;
        }
        double first = xs.first();
        XYSeries hidden = chart.addSeries(" round x ticks", new double[] {(first + xs.higher(first)) / 2}, new double[] {y});
        hidden.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        hidden.setLineStyle(SeriesLines.NONE);
        hidden.setMarker(SeriesMarkers.NONE);
        hidden.setShowInLegend(false);
    }
}
