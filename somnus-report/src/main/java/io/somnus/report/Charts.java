package io.somnus.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart line charts in one house style, encoded as SVG by VectorGraphics2D. Text is drawn with
 * DejaVu Sans (Debian's default fonts, and a common fallback in browsers) so that label widths measured
 * by Java match what the browser draws.
 */
final class Charts {
    static final String FONT = "DejaVu Sans";
    /** Around the whole chart, px. */
    static final int CHART_PADDING = 8;
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

    /** Sequential palette for sleep fractions (viridis at 8 points), dark = no sleep. */
    private static final Color[] SEQUENTIAL = {
            new Color(0x44, 0x01, 0x54), new Color(0x46, 0x33, 0x7e), new Color(0x36, 0x5c, 0x8d),
            new Color(0x27, 0x7f, 0x8e), new Color(0x1f, 0xa1, 0x87), new Color(0x4a, 0xc1, 0x6d),
            new Color(0x9f, 0xda, 0x3a), new Color(0xe0, 0xc0, 0x1f)};
    /** Qualitative palette for models, projections and presets (Okabe–Ito, colour-blind safe). */
    private static final Color[] QUALITATIVE = {
            new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73),
            new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
            new Color(0x00, 0x00, 0x00), new Color(0xF0, 0xE4, 0x42)};

    private Charts() {}

    static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Styler.ChartTheme unused = Styler.ChartTheme.XChart;
        var s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        s.setPlotGridLinesColor(new Color(0xe4, 0xe4, 0xe4));
        s.setPlotGridLinesStroke(new BasicStroke(0.8f));
        s.setChartTitleVisible(false); // drawn by the page above the chart ({@link #svg}), where a long title wraps
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 11));
        s.setLegendFont(LEGEND_FONT);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPadding(LEGEND_PADDING);
        s.setLegendSeriesLineLength(LEGEND_LINE);
        s.setMarkerSize(5);
        s.setChartPadding(CHART_PADDING);
        s.setErrorBarsColorSeriesColor(true);
        s.setAntiAlias(true);
        s.setXAxisTickMarkSpacingHint(Math.max(55, width / 7));
        s.setXAxisMaxLabelCount(7);
        s.setYAxisTickMarkSpacingHint(45);
        s.setXAxisTickLabelsFormattingFunction(axisTicks(chart, true));
        s.setYAxisTickLabelsFormattingFunction(axisTicks(chart, false));
        return chart;
    }

    /** The legend's font and padding, as {@link #xy} sets them. */
    static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 11);
    static final int LEGEND_PADDING = 4;
    static final int LEGEND_LINE = 18;
    /** A legend below the plot's padding, which also parts its entries side by side. */
    static final int LEGEND_BELOW_PADDING = 10;
    /**
     * The height of one row of a legend's entries (px; measured on XChart 4's layout, which ChartsTest checks): a
     * legend below the plot adds its padding above and, per row, the row and its padding.
     */
    static final double LEGEND_ROW_PX = 10.5;

    /**
     * As {@link #xy}, with the legend below the plot and the chart that much taller, so that its plot is as wide and
     * as tall as a chart's of {@code width} × {@code height} without a legend: the entries side by side where they fit
     * across, else one under another. At the right, where XChart puts a legend, it took a fifth of a versus-sleep
     * panel's 380 px (e_e, e_i, i_e, input_e) and two fifths of the STDP-versus-SG panel's 560 px (its presets and
     * controls), so that a panel of several series had a narrower plot than its neighbours of one.
     */
    static XYChart xyLegendBelow(String title, String xTitle, String yTitle, int width, int height, List<String> names) {
        boolean across = legendAcross(names) <= width - 2 * CHART_PADDING;
        XYChart chart = xy(title, xTitle, yTitle, width, height + legendBelowPx(names, width));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(across ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
        // side by side, entries 4 px apart read as "e_e —◆— e_i": which name goes with which line?
        chart.getStyler().setLegendPadding(LEGEND_BELOW_PADDING);
        return chart;
    }

    /** The height a legend of {@code names} below a plot {@code width} wide adds to its chart, px: its rows and paddings. */
    static int legendBelowPx(List<String> names, int width) {
        int rows = legendAcross(names) <= width - 2 * CHART_PADDING ? 1 : names.size();
        return (int) Math.round(LEGEND_BELOW_PADDING + rows * (LEGEND_ROW_PX + LEGEND_BELOW_PADDING));
    }

    /**
     * As {@link #xyLegendBelow} where the entries fit side by side in one row, else as {@link #xy}, its legend at the
     * right: a run page's accuracy and weight-trace charts (560 px) had a plot of 290 px beside a legend of three
     * readouts or four projections; a sweep's curves of many sleep fractions would need a row each below.
     */
    static XYChart xyLegendAcross(String title, String xTitle, String yTitle, int width, int height, List<String> names) {
        return legendAcross(names) <= width - 2 * CHART_PADDING
                ? xyLegendBelow(title, xTitle, yTitle, width, height, names) : xy(title, xTitle, yTitle, width, height);
    }

    /** The width of a legend of {@code names} side by side: each its line, text and paddings (XChart's Legend_). */
    static double legendAcross(List<String> names) {
        FontRenderContext frc = new FontRenderContext(null, true, true);
        double w = LEGEND_BELOW_PADDING;
        for (String n : names) {
            w += LEGEND_LINE + LEGEND_BELOW_PADDING + new TextLayout(n, LEGEND_FONT, frc).getBounds().getWidth()
                    + 2 * LEGEND_BELOW_PADDING;
        }
        return w;
    }

    /** Colour i of n along the sequential palette, stopping short of its pale yellow end. */
    static Color sequential(int i, int n) {
        int last = SEQUENTIAL.length - 2;
        if (n <= 1) {
            return SEQUENTIAL[0];
        }
        int k = (int) Math.round(i * last / (double) (n - 1));
        return SEQUENTIAL[Math.min(last, k)];
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
        return Math.max(1, chart.getHeight() - Y_TICK_SPACE_LESS_PX - (legendBelow ? legendBelowPx(names, chart.getWidth()) : 0));
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

    /**
     * The y extent of a chart's points and their interval bars (a bar bound that is not finite is left out), and how
     * many x values they have: a chart with one (one sleep fraction, one checkpoint) gets a round y range.
     */
    static final class Extent {
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
         * value a fifth or more past it ({@link #niceCeiling} of 1.2 x), so that its points stand inside the plot instead
         * of on its right edge. Returns whether there was one x value.
         */
        boolean padIfOneX(XYChart chart) {
            if (xs.size() != 1) {
                return false;
            }
            double x = xs.iterator().next();
            if (x > 0) {
                chart.getStyler().setXAxisMin(0.0);
                chart.getStyler().setXAxisMax(niceCeiling(1.2 * x));
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
         * With one x value, sets the y axis by {@link #niceYRange}: XChart would label only the point, or its
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
                    niceYRange(chart, (bottom + top) / 2, (bottom + top) / 2);
                } else {
                    // a quarter of the span either side: with the values on whole steps (0.12 to 0.18 by 0.02) XChart
                    // still labelled those two alone
                    double pad = xCount == 1 ? 0 : (top - bottom) / 4;
                    niceYRange(chart, Math.min(bottom, Math.max(floor, bottom - pad)),
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

    static Color qualitative(int i) {
        return QUALITATIVE[i % QUALITATIVE.length];
    }

    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE,
        SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};

    /** A marker shape per series, so that series are told apart without their colours. */
    static Marker marker(int i) {
        return MARKERS[i % MARKERS.length];
    }

    /** How far apart the series of one panel are drawn, in sleep fraction (the fractions are 0.1 apart or more). */
    static final double DODGE = 0.01;

    /**
     * The x offset of series {@code i} of {@code n} drawn side by side at the same sleep fractions, centred on them:
     * {@link #DODGE} apart, so that equal values and overlapping interval bars stay in sight.
     */
    static double dodge(int i, int n) {
        return n <= 1 ? 0 : (i - (n - 1) / 2.0) * DODGE;
    }

    /**
     * Sets the x axis of {@code n} series drawn side by side ({@link #dodge}) at sleep fractions from {@code lo} to
     * {@code hi} to their outermost points and one {@link #DODGE} more either side: XChart ended it at those points,
     * so that the last series' markers and interval bars sat on the plot's edge (input_e's at f = 0.5). Nothing for
     * one series.
     */
    static void padDodged(XYChart chart, double lo, double hi, int n) {
        if (n > 1) {
            double reach = dodge(n - 1, n) + DODGE;
            chart.getStyler().setXAxisMin(lo - reach);
            chart.getStyler().setXAxisMax(hi + reach);
        }
    }

    static Color alpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /**
     * A solid line with markers. Its stroke is set here: left unset, XChart gives a chart's series solid, dash-dot,
     * dashed and dotted strokes in turn by their place among all its series (interval bars and bands included), so
     * that one preset's interval bars were dotted and the next one's solid, by no rule a reader could know.
     */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineStyle(SeriesLines.SOLID);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineWidth(1.6f);
        return s;
    }

    /**
     * A line with markers and, at each point, its 95 % interval from {@code lo} to {@code hi} as a vertical bar (an
     * interval need not be symmetric: accuracies get logit-scale intervals; NaN ends draw no bar). The bars are
     * series of two points each, kept out of the legend.
     */
    static XYSeries intervals(XYChart chart, String name, double[] x, double[] y, double[] lo, double[] hi,
            Color color) {
        XYSeries s = line(chart, name, x, y, color);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(lo[i]) && Double.isFinite(hi[i]) && Double.isFinite(x[i])) {
                verticalBar(chart, name + " interval " + i, x[i], lo[i], hi[i], color);
            }
        }
        return s;
    }

    /**
     * A thin solid bar at {@code x} from {@code from} to {@code to}, without markers and kept out of the legend: an
     * interval's bar, or the drop of an accuracy across a sleep.
     */
    static void verticalBar(XYChart chart, String name, double x, double from, double to, Color color) {
        XYSeries bar = chart.addSeries(name, new double[] {x, x}, new double[] {from, to});
        bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        bar.setLineColor(color);
        bar.setLineStyle(SeriesLines.SOLID);
        bar.setLineWidth(1.2f);
        bar.setMarker(SeriesMarkers.NONE);
        bar.setShowInLegend(false);
    }

    /** A translucent band between {@code lo} and {@code hi} (skipped where either is NaN); not in the legend. */
    static void band(XYChart chart, String name, double[] x, double[] lo, double[] hi, Color color) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(lo[i]) && Double.isFinite(hi[i])) {
                n++;
            }
        }
        if (n < 2) {
            return;
        }
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(lo[i]) && Double.isFinite(hi[i])) {
                px[k] = x[i];
                py[k] = hi[i];
                px[2 * n - 1 - k] = x[i];
                py[2 * n - 1 - k] = lo[i];
                k++;
            }
        }
        XYSeries s = chart.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(alpha(color, 45));
        s.setLineColor(alpha(color, 0));
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    /**
     * Shaded vertical spans [start_i, end_i] over the whole height of a plot whose y axis runs from {@code yLo} to
     * {@code yHi} ({@code log}: on a log scale), one legend entry; returns the series (null for no span). They reach far
     * past the axis's ends, where the plot clips them: XChart leaves a margin inside the plot beyond those ends, and
     * spans drawn from end to end stopped short of its top and bottom, as if they marked a range of values. A span is
     * drawn {@code minWidth} wide (x units) at least.
     */
    static XYSeries spans(XYChart chart, String name, List<double[]> spans, double yLo, double yHi, boolean log,
            Color color, double minWidth) {
        if (spans.isEmpty()) {
            return null;
        }
        // a span narrower than minWidth widened about its middle: paper-sg-code's episodes of 25 steps in 290 000 were
        // 0.04 px wide, so that a chart whose legend said "sleep" showed none
        List<double[]> wide = new ArrayList<>();
        for (double[] span : spans) {
            double mid = (span[0] + span[1]) / 2;
            wide.add(span[1] - span[0] >= minWidth ? span : new double[] {mid - minWidth / 2, mid + minWidth / 2});
        }
        spans = wide;
        double height = yHi - yLo;
        yLo = log ? yLo / 1e3 : yLo - 10 * height;
        yHi = log ? yHi * 1e3 : yHi + 10 * height;
        // one polygon: the spans as rectangles joined along the bottom edge (zero area between them)
        double[] px = new double[spans.size() * 4 + 1];
        double[] py = new double[px.length];
        int k = 0;
        for (double[] span : spans) {
            px[k] = span[0];
            py[k++] = yLo;
            px[k] = span[0];
            py[k++] = yHi;
            px[k] = span[1];
            py[k++] = yHi;
            px[k] = span[1];
            py[k++] = yLo;
        }
        px[k] = spans.get(0)[0];
        py[k] = yLo;
        XYSeries s = chart.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(alpha(color, 40));
        s.setLineColor(alpha(color, 0));
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /**
     * A legend entry drawn as a box filled with {@code fill} and outlined in {@code line}, for a series drawn as an area
     * (kept out of the legend itself: XChart's legend draws a step area as a line). Its own series is a polygon of no
     * area at ({@code x}, {@code y}), a point the plot already shows, so that it draws nothing and moves no axis.
     */
    static XYSeries legendBox(XYChart chart, String name, Color line, Color fill, double x, double y) {
        XYSeries s = chart.addSeries(name, new double[] {x, x, x}, new double[] {y, y, y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(fill);
        s.setLineColor(line);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** The narrowest shaded span ({@link #spans}), as a share of the x axis: about 2 px of a 560 px chart's plot. */
    static final double MIN_SPAN_SHARE = 1.0 / 240;

    private static final Pattern DECIMALS = Pattern.compile("(\\d\\.\\d\\d)\\d+");
    private static final Pattern ID = Pattern.compile("(id=\"|url\\(#)([A-Za-z][\\w-]*)");

    /**
     * The chart as an SVG element for inlining in HTML5: without XML declaration, DOCTYPE and namespace
     * attributes (the HTML parser supplies the SVG namespace), ids made unique by the figure's number in its page
     * ({@code f<figure>-}, given in page order, so that a report's bytes do not depend on which thread painted first), coordinates
     * rounded to 0.01 (XChart draws text as glyph outlines, so this halves the size). The title comes before it as
     * text of the page ({@code div.chart-title}, as wide as the chart at most), which wraps: XChart draws a title on one
     * line, centred over the plot, and cut a long one at both ends (a sweep's grid variant in a title is 70 characters
     * and more).
     */
    static String svg(XYChart chart, int figure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        int start = text.indexOf("<svg");
        assert start >= 0 : "VectorGraphics2D wrote no <svg> element";
        text = text.substring(start);
        text = text.replaceAll("\\s+xmlns(:\\w+)?=\"[^\"]*\"", "");
        text = DECIMALS.matcher(text).replaceAll("$1");
        String prefix = "f" + figure + "-";
        text = ID.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + prefix + m.group(2)));
        String title = chart.getTitle();
        return (title == null || title.isEmpty() ? "" : "<div class=\"chart-title\" style=\"max-width: " + chart.getWidth()
                + "px\">" + Html.escape(title) + "</div>") + text.strip();
    }
}
