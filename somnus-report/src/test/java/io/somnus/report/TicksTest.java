package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;

/** Where the charts' ticks fall and how they read: one notation an axis, labels apart, 1-2-5 on a log axis. */
class TicksTest {
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
}
