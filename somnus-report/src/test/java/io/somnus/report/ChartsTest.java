package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.style.Styler;

/** The round axis ends the report's charts use where XChart would label a range at its ends only. */
class ChartsTest {
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

    /**
     * A wake-only weight trace, recorded every 18 000 steps to 1.44e6: XChart labelled its x axis at every k-th
     * recorded step (1.8e5, 3.6e5, ..., 1.08e6). Each label must be a whole number of steps of 1, 2, 2.5 or 5 × 10^k.
     */
    @Test
    void equallySpacedStepsAreLabelledAtRoundValues() throws Exception {
        for (double spacing : new double[] {18_000, 1_000, 360}) {
            XYChart chart = Charts.xy("t", "simulation step", "Σ|w|", 560, 320);
            double[] x = new double[80];
            double[] y = new double[80];
            for (int k = 0; k < x.length; k++) {
                x[k] = spacing * (k + 1);
                y[k] = 1000 + k;
            }
            Charts.line(chart, "in_h", x, y, Charts.qualitative(0));
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisMax(AxisRanges.axisEnd(x[x.length - 1]));
            Ticks.roundXTicks(chart);
            Charts.svg(chart, 1);
            List<String> labels = xTickLabels(chart);
            assertTrue(labels.size() >= 3, labels.toString());
            double step = Double.parseDouble(labels.get(1)) - Double.parseDouble(labels.get(0));
            double scale = StrictMath.pow(10, Math.floor(StrictMath.log10(step)));
            assertTrue(List.of(1.0, 2.0, 2.5, 5.0, 10.0).stream().anyMatch(m -> Math.abs(step / scale - m) < 1e-9),
                    spacing + ": " + labels);
            for (int k = 0; k < labels.size(); k++) {
                assertEquals(k * step, Double.parseDouble(labels.get(k)), 1e-9 * step, spacing + ": " + labels);
            }
        }
    }

    /**
     * A log axis of totals from 27 to 1 800 (paper-sg-code's h_out and in_h) was labelled 100 and 1000 alone: neither
     * series could be read off it. It is labelled at 1, 2 and 5 × 10^k, and at nothing else.
     */
    @Test
    void aLogAxisIsLabelledAtOneTwoAndFiveTimesPowersOfTen() throws Exception {
        XYChart chart = Charts.xy("t", "sleep fraction asked for", "Σ|w| (log scale)", 380, 270);
        Charts.line(chart, "h_out", new double[] {0, 0.5}, new double[] {27, 40}, Charts.qualitative(0));
        Charts.line(chart, "in_h", new double[] {0, 0.5}, new double[] {1500, 1800}, Charts.qualitative(1));
        Ticks.logYTicks(chart, 27, 1800);
        Charts.svg(chart, 1);
        List<String> labels = tickLabels(chart, "getYAxis").stream().filter(l -> l != null && !l.isEmpty()).toList();
        assertEquals(List.of("50", "100", "200", "500", "1000"), labels);
        // four powers of ten and more: the powers alone, where three labels a decade would crowd the panel
        XYChart wide = Charts.xy("t", "simulation step", "Σ|w| (log scale)", 560, 320);
        Charts.line(wide, "in_h", new double[] {0, 1}, new double[] {2, 40_000}, Charts.qualitative(0));
        Ticks.logYTicks(wide, 2, 40_000);
        Charts.svg(wide, 1);
        assertEquals(List.of("10", "100", "1000", "10000"),
                tickLabels(wide, "getYAxis").stream().filter(l -> l != null && !l.isEmpty()).toList());
        assertTrue(Ticks.oneTwoFive(2000.0000000002) && Ticks.oneTwoFive(0.05) && !Ticks.oneTwoFive(300)
                && !Ticks.oneTwoFive(0), "1, 2, 5 × 10^k only");
    }

    /**
     * One axis writes its ticks alike: an SG-SNN's weight trace to 125 000 steps read "0, 20000, 40000, 60000, 80000,
     * 1e5, 1.2e5", plain beside scientific. Where the axis reaches 100 000 every tick is scientific; below, plain.
     */
    @Test
    void anAxisWritesItsTicksInOneNotation() throws Exception {
        XYChart chart = Charts.xy("t", "simulation step", "Σ|w|", 380, 270);
        Charts.line(chart, "in_h", new double[] {0, 62_500, 125_000}, new double[] {1, 2, 3}, Charts.qualitative(0));
        Ticks.roundXTicks(chart);   // as a weight trace: round steps
        Charts.svg(chart, 1);
        List<String> labels = xTickLabels(chart).stream().filter(l -> l != null && !l.isEmpty() && !l.equals("0")).toList();
        assertTrue(labels.size() >= 3, labels.toString());
        assertTrue(labels.stream().allMatch(l -> l.matches("[0-9.]+e[0-9]+")), labels.toString());
        // each label still reads its value
        assertEquals(20_000, Double.parseDouble(Ticks.tick(20_000, 125_000)));
        assertEquals("2e4", Ticks.tick(20_000, 125_000));
        assertEquals("1.2e5", Ticks.tick(120_000, 125_000));
        // below 100 000 the axis stays plain, as before
        assertEquals("80000", Ticks.tick(80_000, 95_000));
        assertEquals("80000", Ticks.tick(80_000.0));
    }

    /**
     * A slept run's weight trace on a log axis read "5e1, 1e2, 2e2, 5e2, 1e3" beside its unslept twin's "50, 100, 200,
     * 500, 1000": its sleep episodes' shading reaches 1 000× past the axis's top (Charts.spans), and that unseen
     * height chose scientific notation. The notation follows the values the axis shows, not those the plot clips.
     */
    @Test
    void valuesPastAnAxisEndDoNotChooseItsNotation() throws Exception {
        XYChart chart = Charts.xy("t", "simulation step", "Σ|w| (log scale)", 560, 320);
        Charts.spans(chart, "sleep", List.of(new double[] {100, 200}), 27, 1800, true, Color.GRAY, 1);
        Charts.line(chart, "h_out", new double[] {0, 300}, new double[] {27, 40}, Charts.qualitative(0));
        Charts.line(chart, "in_h", new double[] {0, 300}, new double[] {1500, 1800}, Charts.qualitative(1));
        chart.getStyler().setYAxisMin(27.0);
        chart.getStyler().setYAxisMax(1800.0);
        Ticks.logYTicks(chart, 27, 1800);
        Charts.svg(chart, 1);
        assertEquals(List.of("50", "100", "200", "500", "1000"),
                tickLabels(chart, "getYAxis").stream().filter(l -> l != null && !l.isEmpty()).toList());
        assertEquals(1800, Ticks.axisLargest(chart, false), 0);
        // a linear axis too: the shading reaches 10 heights past each end
        XYChart linear = Charts.xy("t", "simulation step", "Σ|w|", 560, 320);
        Charts.spans(linear, "sleep", List.of(new double[] {100, 200}), 0, 20_000, false, Color.GRAY, 1);
        Charts.line(linear, "in_h", new double[] {0, 300}, new double[] {5_000, 20_000}, Charts.qualitative(0));
        linear.getStyler().setYAxisMin(0.0);
        linear.getStyler().setYAxisMax(20_000.0);
        assertEquals(20_000, Ticks.axisLargest(linear, false), 0);
    }

    /**
     * The receptive-field cosine of the quick study's paper runs (0.0925 to 0.1041 with its intervals) was labelled
     * 0.094 to 0.104 by 0.002, its control's (0.090 to 0.104) at eight ticks 26 px apart, whose labels crowded each
     * other. On linear y axes of narrow ranges and wide, in a panel with its legend below or without, the labels are
     * {@link Ticks#MIN_Y_TICK_GAP_PX} apart (less a few px the plot's height is estimated by), three of them at least,
     * each its own; the ticks between them keep their grid lines unlabelled.
     */
    @Test
    void yTickLabelsStandApartOnANarrowRange() throws Exception {
        Random random = new Random(1);
        List<double[]> ranges = new ArrayList<>(List.of(new double[] {0.0925, 0.1041}, new double[] {0.0929, 0.1040},
                new double[] {0.0983, 0.0984}, new double[] {0, 1}));
        for (int k = 0; k < 150; k++) {
            double lo = random.nextDouble() * StrictMath.pow(10, random.nextInt(6) - 3);
            ranges.add(new double[] {lo, lo + lo * (0.01 + random.nextDouble())});
        }
        for (double[] r : ranges) {
            for (boolean legendBelow : new boolean[] {false, true}) {
                // three entries do not fit across: one row each, as a versus-sleep panel's trained runs and controls
                List<String> names = List.of("e_e", "untrained", "untrained_sleep_target");
                XYChart chart = legendBelow ? Charts.xyLegendBelow("t", "x", "y", 380, 270, names)
                        : Charts.xy("t", "x", "y", 380, 270);
                double d = r[1] - r[0];
                double[] mean = {r[0] + 0.5 * d, r[0] + 0.51 * d, r[0] + 0.49 * d, r[0] + 0.53 * d};
                Charts.intervals(chart, "e_e", new double[] {0, 0.1, 0.2, 0.5}, mean,
                        new double[] {r[0], r[0] + 0.003 * d, r[0] + 0.01 * d, r[0] + 0.001 * d},
                        new double[] {r[1], r[1] - 0.002 * d, r[1] - 0.007 * d, r[1] - 0.011 * d}, Charts.qualitative(0));
                Charts.line(chart, names.get(1), new double[] {0, 0.5}, new double[] {mean[0], mean[0]}, Charts.qualitative(0));
                Charts.line(chart, names.get(2), new double[] {0, 0.5}, new double[] {mean[1], mean[1]}, Charts.qualitative(0));
                chart.getStyler().setLegendVisible(legendBelow);
                Charts.svg(chart, 1);
                List<String> labels = tickLabels(chart, "getYAxis");
                List<Double> at = tickLocations(chart, "getYAxis");
                // XChart's labels run from a step below the axis to two past it: those within the values count
                List<Double> shown = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                Set<String> texts = new HashSet<>();
                for (int i = 0; i < at.size(); i++) {
                    // an unlabelled tick keeps its grid line
                    if (!labels.get(i).isEmpty() && Double.parseDouble(labels.get(i)) >= r[0] - 1e-9 * d
                            && Double.parseDouble(labels.get(i)) <= r[1] + 1e-9 * d) {
                        shown.add(at.get(i));
                        values.add(Double.parseDouble(labels.get(i)));
                        assertTrue(texts.add(labels.get(i)), r[0] + " to " + r[1] + ": " + labels);
                    }
                }
                assertTrue(shown.size() >= 3, r[0] + " to " + r[1] + ": " + labels + " at " + at);
                for (int i = 1; i < shown.size(); i++) {
                    double gap = Math.abs(shown.get(i) - shown.get(i - 1));
                    // closer only where labelling every other one would leave fewer than three (the plot's height is
                    // estimated to a px or two)
                    double every = 2 * Math.abs(values.get(i) - values.get(i - 1));
                    long left = (long) (Math.floor(r[1] / every + 1e-9) - Math.ceil(r[0] / every - 1e-9) + 1);
                    assertTrue(gap >= Ticks.MIN_Y_TICK_GAP_PX - 2 || (left < 3 && gap >= Ticks.MIN_Y_TICK_GAP_PX - 4),
                            r[0] + " to " + r[1] + (legendBelow ? ", legend below" : "") + ": " + labels + " at " + at);
                }
            }
        }
    }

    /** An axis's tick positions of a painted chart, px along it (as {@link #tickLabels}). */
    private static List<Double> tickLocations(XYChart chart, String axis) throws Exception {
        return tickCalculator(chart, axis).getTickLocations();
    }

    /** The x axis's tick labels of a painted chart (XChart keeps them in its axis, out of its public interface). */
    private static List<String> xTickLabels(XYChart chart) throws Exception {
        return tickLabels(chart, "getXAxis");
    }

    /** An axis's tick labels of a painted chart, by the name of its AxisPair getter (getXAxis, getYAxis). */
    private static List<String> tickLabels(XYChart chart, String axis) throws Exception {
        return tickCalculator(chart, axis).getTickLabels();
    }

    /** A painted chart's tick calculator of one axis (XChart keeps it in its axis, out of its public interface). */
    private static AxisTickCalculator tickCalculator(XYChart chart, String axis) throws Exception {
        Method pair = AxesChart.class.getDeclaredMethod("getAxisPair");
        pair.setAccessible(true);
        Object axisPair = pair.invoke(chart);
        Method get = axisPair.getClass().getDeclaredMethod(axis);
        get.setAccessible(true);
        Object a = get.invoke(axisPair);
        return (AxisTickCalculator) a.getClass().getMethod("getAxisTickCalculator").invoke(a);
    }

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

    /** A log axis only where it spans 20× and labels two powers of ten: 150 to 2 800 would read "1000" alone. */
    @Test
    void aLogAxisNeedsTwoPowersOfTenInItsRange() {
        assertFalse(Ticks.logAxis(150, 2800));        // 18.7×, one power of ten (1 000) inside
        assertFalse(Ticks.logAxis(110, 9000));        // 82×, but 1 000 alone inside
        assertTrue(Ticks.logAxis(90, 2800));          // 100 and 1 000
        assertTrue(Ticks.logAxis(100, 2000));         // a power of ten at the bottom counts
        assertFalse(Ticks.logAxis(0, 1e6));           // zero has no place on a log axis
        assertFalse(Ticks.logAxis(10, 150));          // two powers of ten, but under 20×
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
