package io.somnus.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * by Java match what the browser draws. Where an axis's ticks fall and how they read is {@link Ticks}'s job, its
 * round ends {@link AxisRanges}' and {@link Extent}'s.
 */
final class Charts {
    static final String FONT = "DejaVu Sans";
    /** Around the whole chart, px. */
    static final int CHART_PADDING = 8;

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
        s.setXAxisTickLabelsFormattingFunction(Ticks.axisTicks(chart, true));
        s.setYAxisTickLabelsFormattingFunction(Ticks.axisTicks(chart, false));
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
