package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.somnus.experiment.io.RunDirectory.WeightHistograms;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.RunCounts;
import io.somnus.experiment.sweep.SweepResults;
import io.somnus.experiment.verdict.Estimate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.RenderableSeries.LegendRenderType;

/** The report's numbers and charts as a reviewer reads them: one way of writing each column, units on every axis. */
class ReportNumbersTest {
    /** A mean and its interval in a table cell: "0.390 [0.298, 0.485]". */
    private static final Pattern MEAN_CI = Pattern.compile("<td>(-?[0-9.]+) \\[(-?[0-9.]+), (-?[0-9.]+)\\]");

    private static SweepResults sweep(Path dir, List<RunRecord> runs) {
        return new SweepResults(dir, false, "s", Map.of(), RunCounts.NONE, runs, List.of());
    }

    private static String statistics(SweepResults results) throws Exception {
        ReportContext ctx = new ReportContext(results, new Html(), null);
        ReportBuilder.write(new StatisticsSection(), ctx);
        return ctx.html().toString();
    }

    private static RunRecord run(Path tmp, String preset, String model, double fraction, long seed, Map<String, Double> m)
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(preset + "-" + fraction + "-" + seed));
        return new RunRecord(dir.getFileName().toString(), dir, preset, model, "geomfig", "", fraction, seed,
                JsonNodeFactory.instance.objectNode(), m);
    }

    private static int decimals(String number) {
        int dot = number.indexOf('.');
        return dot < 0 ? 0 : number.length() - dot - 1;
    }

    /** The rule itself, on values worked by hand. */
    @Test
    void aColumnsRuleComesFromItsLargestValue() {
        NumberColumn accuracy = NumberColumn.of(DoubleStream.of(0.39, 0.6), Formats.NOISE);
        assertEquals(new NumberColumn(3, false), accuracy);   // 0.6: three significant digits at three decimals
        assertEquals("0.390", accuracy.format(0.39));
        assertEquals("0.298", accuracy.format(0.2981));
        assertEquals("0.000", accuracy.format(-0.0004));        // no "-0.000"
        assertEquals(new NumberColumn(4, false), NumberColumn.of(DoubleStream.of(0.0125, 0), Formats.NOISE));
        assertEquals(new NumberColumn(2, false), NumberColumn.of(DoubleStream.of(1.8017, -0.473), Formats.NOISE));
        // 5.19e-5 beside 0.913 would be 0.00: every number to three significant digits instead
        NumberColumn saturated = NumberColumn.of(DoubleStream.of(0.913, 5.19e-5), Formats.NOISE);
        assertTrue(saturated.significant());
        assertEquals("0.0000519", saturated.format(5.19e-5));
        assertEquals("1.00", saturated.format(1.0));
        assertEquals("0.000781", NumberColumn.significant(7.8125e-4));
        assertEquals("1230", NumberColumn.significant(1234.5));
        assertEquals("–", saturated.format(Double.NaN));
    }

    /** "0.39 [0.298, 0.485]": the mean lost its trailing zero beside an interval of three decimals. */
    @Test
    void aMeanAndItsIntervalShareTheirDecimalsDownTheColumn(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        double[][] accuracy = {{0.35, 0.39, 0.43}, {0.5, 0.6, 0.7}};
        double[][] drawdown = {{0.1, 0.0, 0.005}, {0.01, 0.02, 0.03}};
        for (int f = 0; f < 2; f++) {
            for (int seed = 1; seed <= 3; seed++) {
                runs.add(run(tmp, "paper", "stdp", f * 0.2, seed, Map.of("test_accuracy", accuracy[f][seed - 1],
                        "stability.max_drawdown", drawdown[f][seed - 1])));
            }
        }
        String stats = statistics(sweep(tmp, runs));
        assertTrue(stats.contains("<td>0.390 ["), stats);   // (0.35 + 0.39 + 0.43) / 3
        assertTrue(stats.contains("<td>0.600 ["), stats);
        // the drawdowns' column: its largest mean, 0.035, to three significant digits gives four decimals
        assertTrue(stats.contains("<td>0.0350 [0.0000, "), stats);
        assertTrue(stats.contains("<td>0.0200 ["), stats);
        Matcher m = MEAN_CI.matcher(stats);
        List<Integer> perCell = new ArrayList<>();
        while (m.find()) {
            assertEquals(decimals(m.group(1)), decimals(m.group(2)), m.group());
            assertEquals(decimals(m.group(1)), decimals(m.group(3)), m.group());
            perCell.add(decimals(m.group(1)));
        }
        assertEquals(List.of(3, 4, 3, 4), perCell, stats);   // rows f = 0, 0.2; columns accuracy, drawdown
    }

    /** The cell means wrote an SG-SNN's achieved sleep 7.81e-04 under 0.00156 and a paper run's as 0.2. */
    @Test
    void achievedSleepIsWrittenOneWay(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        for (double[] fa : new double[][] {{0.0, 0.0}, {0.1, 1.0 / 1280}, {0.2, 1.0 / 640}}) {
            runs.add(run(tmp, "paper-sg-code", "sg", fa[0], 1, Map.of("test_accuracy", 0.7, SleepDose.ACHIEVED, fa[1],
                    SleepDose.EPISODES, fa[1] > 0 ? 5.0 : 0.0)));
        }
        runs.add(run(tmp, "paper", "stdp", 0.2, 1, Map.of("test_accuracy", 0.5, SleepDose.ACHIEVED, 0.2,
                SleepDose.EPISODES, 4.0)));
        String stats = statistics(sweep(tmp, runs));
        assertTrue(stats.contains("<td>0.10</td><td>0.000781</td>"), stats);
        assertTrue(stats.contains("<td>0.20</td><td>0.00156</td>"), stats);
        assertTrue(stats.contains("<td>0.20</td><td>0.200</td>"), stats);
        assertFalse(Pattern.compile("[0-9]e-[0-9]").matcher(stats).find(), stats);
    }

    /** Twelve columns in one table ran past a 1400-px window: the cell means are two tables of at most nine. */
    @Test
    void theCellMeansComeInTablesNarrowEnoughForThePage(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            Map<String, Double> m = new HashMap<>(Map.of("test_accuracy", 0.5 + 0.01 * seed, "stability.max_drawdown", 0.1,
                    "stability.last_quarter_std", 0.02, "weights.input_e.frac_saturated", 0.9,
                    "diversity.winner_fraction", 0.2, "phi", 3.0));
            runs.add(run(tmp, "paper", "stdp", 0.0, seed, m));
        }
        String stats = statistics(sweep(tmp, runs));
        String means = stats.substring(stats.indexOf("Cell means"), stats.indexOf("<details>"));
        String[] tables = means.split("<table");
        assertEquals(3, tables.length, means);   // the text before, then two tables
        List<String> headings = new ArrayList<>();
        for (int t = 1; t < tables.length; t++) {
            Matcher th = Pattern.compile("<th>([^<]*)</th>").matcher(tables[t].substring(0, tables[t].indexOf("</thead>")));
            int columns = 0;
            while (th.find()) {
                headings.add(th.group(1));
                columns++;
            }
            assertTrue(columns <= 9, columns + " columns: " + tables[t]);
        }
        for (String metric : List.of("test accuracy", "max drawdown", "last-quarter std", "saturated (input weights)",
                "winner fraction", "φ")) {
            assertEquals(1, headings.stream().filter(metric::equals).count(), metric + " in " + headings);
        }
    }

    /** R's own digits (0.2863564883, its p 0.1199689948 printed 0.12 beside 0.02604) in the report's digits. */
    @Test
    void theGlmmTableOfRsOutputIsWrittenLikeTheOtherTables(@TempDir Path tmp) throws Exception {
        // glmm.csv as glmm.R wrote it for the quick study (R 4, glmmTMB; signif(co, 10))
        Path csv = Files.writeString(tmp.resolve("glmm.csv"), """
                "term","estimate","std_error","z","p"
                "(Intercept)",0.2863564883,0.184163482,1.554903747,0.1199689948
                "sleep",-1.143295202,0.5137078429,-2.225574746,0.0260426793
                "modelstdp",-0.4730145479,0.2434144232,-1.943247822,0.05198622252
                "sleep:modelstdp",1.801742439,0.8906994411,2.02283998,0.04308964829
                """);
        Html html = new Html();
        StatisticsSection.glmmTable(html, csv);
        String table = html.toString();
        // the estimates' largest, 1.80, to three significant digits: two decimals for estimates and their errors
        assertTrue(table.contains("<th>term</th><th>estimate</th><th>std. error</th><th>z</th><th>p</th>"), table);
        assertTrue(table.contains("<td>(Intercept)</td><td>0.29</td><td>0.18</td><td>1.55</td><td>0.1200</td>"), table);
        assertTrue(table.contains("<td>sleep</td><td>-1.14</td><td>0.51</td><td>-2.23</td><td>0.0260</td>"), table);
        assertTrue(table.contains("<td>sleep:modelstdp</td><td>1.80</td><td>0.89</td><td>2.02</td><td>0.0431</td>"), table);
    }

    /** "std", "Σ|w|", "weight", "accuracy": each axis now says what it measures and in which unit. */
    @Test
    void everyAxisSaysWhatAndInWhichUnit() {
        Map<String, String> stdp = new TreeMap<>();
        VersusSleepSection.panels(List.of("input_e"), "stdp").forEach(p -> stdp.put(p.title(), p.yTitle()));
        assertEquals("test accuracy (fraction correct)", stdp.get("final test accuracy"));
        assertEquals("largest fall (fraction correct)", stdp.get("max drawdown of validation accuracy"));
        assertEquals("std of val. accuracy (fraction correct)", stdp.get("std of the last quarter"));
        assertEquals("fraction of weights saturated", stdp.get("fraction saturated"));
        assertEquals("Σ|w| (preset's units)", stdp.get("total |w|"));
        VersusSleepSection.panels(List.of("in_h"), "sg").stream().filter(p -> p.title().equals("total |w|"))
                .forEach(p -> assertEquals("Σ|w| (dimensionless)", p.yTitle()));
        assertEquals("Σ|w| of input_e (preset's units, log scale)", AxisTitles.totalWeight("stdp", " of input_e", true));
        XYChart histogram = WeightHistogramsSection.chart("t", "sg", bins());
        assertEquals("weight w (dimensionless)", histogram.getXAxisTitle());
        assertEquals("weight w (preset's units)", WeightHistogramsSection.chart("t", "stdp", bins()).getXAxisTitle());
    }

    private static Map<String, List<double[]>> bins() {
        Map<String, List<double[]>> bins = new TreeMap<>();
        bins.put(WeightHistograms.BEFORE, new ArrayList<>(List.of(new double[] {0.1, 0.2, 3}, new double[] {0.2, 0.3, 1})));
        bins.put(WeightHistograms.AFTER, new ArrayList<>(List.of(new double[] {0.1, 0.2, 2}, new double[] {0.2, 0.3, 2})));
        return bins;
    }

    /** The legend drew "before sleep" as a line, the plot as a filled step area: its entry is now a filled box. */
    @Test
    void theHistogramLegendDrawsEachSeriesAsThePlotDoes() {
        XYChart chart = WeightHistogramsSection.chart("t", "stdp", bins());
        Map<String, XYSeries> shown = new TreeMap<>();
        XYSeries area = null;
        for (XYSeries s : chart.getSeriesCollection()) {
            if (s.isShowInLegend()) {
                shown.put(s.getName(), s);
            }
            if (s.getXYSeriesRenderStyle().orElse(null) == XYSeries.XYSeriesRenderStyle.StepArea) {
                area = s;
            }
        }
        assertEquals(List.of("after sleep", "before sleep"), new ArrayList<>(shown.keySet()));
        assertTrue(area != null && !area.isShowInLegend(), "the filled area itself has no entry of a line");
        XYSeries before = shown.get("before sleep");
        assertEquals(LegendRenderType.Box, before.getLegendRenderType());
        assertEquals(area.getFillColor(), before.getFillColor());
        assertEquals(area.getLineColor(), before.getLineColor());
        assertEquals(LegendRenderType.Line, shown.get("after sleep").getLegendRenderType());
        assertEquals(XYSeries.XYSeriesRenderStyle.Step, shown.get("after sleep").getXYSeriesRenderStyle().orElseThrow());
    }

    /**
     * The verdict table's Δ wrote "[−0.001, −0.000]": an end that rounds to 0 at three decimals but is not 0 keeps its
     * sign in three significant digits (BETTER holds only when the lower end is above 0, so its side of 0 can decide),
     * and the effect and the other end are written in the same precision; 0 itself, and noise below
     * {@link Formats#NOISE}, is "0.000" without a sign.
     */
    @Test
    void aVerdictIntervalsEndThatRoundsToZeroKeepsItsSideOfZero() {
        // one precision for the effect and both ends where one needs significant digits: not "−0.001 [−0.001, …]"
        assertEquals("−0.00105 [−0.00148, −0.000312] (n = 3, paired)",
                VerdictSection.estimate(new Estimate(3, true, -0.00105, -0.00148, -0.000312)));
        assertEquals("+0.000400 [0.000, +0.0123] (n = 2)",
                VerdictSection.estimate(new Estimate(2, false, 0.0004, 0.0, 0.0123)));
        assertEquals("+0.050 [+0.025, +0.075] (n = 3, paired)",
                VerdictSection.estimate(new Estimate(3, true, 0.05, 0.025, 0.075)));
        assertEquals("0.000", VerdictSection.signed(-0.0));
        assertEquals("0.000", VerdictSection.signed(-5.78e-17));   // rounding noise, as the tables show it
        assertEquals("−0.500", VerdictSection.signed(-0.5));
        assertEquals("−0.0000100", VerdictSection.signed(-1e-5));
        // whatever the magnitude, the sign written is the value's and no zero is written with one
        for (double v : new double[] {-0.0004999, -0.00005, -2e-9, 2e-9, 0.00005, 0.0004999, -0.0005, 0.0005}) {
            String s = VerdictSection.signed(v);
            assertEquals(v < 0 ? '−' : '+', s.charAt(0), s);
            assertTrue(s.chars().anyMatch(c -> c >= '1' && c <= '9'), s);
        }
        assertEquals("0.020", VerdictSection.margin(0.02));
    }
}
