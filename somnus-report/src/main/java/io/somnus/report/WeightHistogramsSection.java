package io.somnus.report;

import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.RunDirectory.WeightHistograms;
import io.somnus.experiment.stats.RunRecord;
import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Weight distributions just before and after the last sleep episode (weight_histograms.csv), per projection. */
final class WeightHistogramsSection implements Section {
    @Override
    public String id() {
        return "weight-histograms";
    }

    @Override
    public String title() {
        return "Weight distributions before and after sleep";
    }

    @Override
    public String navLabel() {
        return "Histograms";
    }

    /**
     * The share of the distribution an episode moved: the total variation distance between the histograms before
     * and after, ½ ∫ |p(w) − q(w)| dw with each taken as uniform within its bins (their bins differ: each histogram
     * spans its own least to greatest weight). 0 for the same histogram, 1 for two with no weight range in common;
     * NaN where either side is missing or empty.
     */
    static double moved(List<double[]> before, List<double[]> after) {
        double nb = before == null ? 0 : before.stream().mapToDouble(x -> x[2]).sum();
        double na = after == null ? 0 : after.stream().mapToDouble(x -> x[2]).sum();
        if (!(nb > 0 && na > 0)) {
            return Double.NaN;
        }
        TreeSet<Double> edges = new TreeSet<>();
        for (List<double[]> side : List.of(before, after)) {
            for (double[] bin : side) {
                if (!(bin[1] > bin[0])) {
                    return Double.NaN;   // not what Somnus writes (WeightHistogram widens an empty range)
                }
                edges.add(bin[0]);
                edges.add(bin[1]);
            }
        }
        double sum = 0;
        Double from = null;
        for (double to : edges) {
            if (from != null) {
                double mid = (from + to) / 2;
                sum += Math.abs(density(before, nb, mid) - density(after, na, mid)) * (to - from);
            }
            from = to;
        }
        return sum / 2;
    }

    /** The fraction of the {@code n} weights per unit weight at {@code w}: its bin's count over n and the bin's width. */
    /**
     * A share as a percentage to two significant digits in plain decimal ("0.47 %", "100 %", "0.00047 %", not
     * "4.7e-04 %" beside them); 0 as "0 %".
     */
    static String percent(double share) {
        if (share == 0 || !Double.isFinite(share)) {
            return (share == 0 ? "0" : Html.sig(share)) + " %";   // "–" for NaN
        }
        return new BigDecimal(100 * share).round(new MathContext(2)).stripTrailingZeros().toPlainString() + " %";
    }

    private static double density(List<double[]> bins, double n, double w) {
        for (double[] bin : bins) {
            if (bin[0] <= w && w < bin[1]) {
                return bin[2] / n / (bin[1] - bin[0]);
            }
        }
        return 0;
    }

    /**
     * One projection's histograms before (a filled step area) and after (a step outline) an episode, each bin's share
     * of its synapses; {@code model} names the weights' unit. The legend shows "before sleep" as a filled box with its
     * outline, as the plot draws it: XChart's legend draws a step area as a line, which matched the outline of "after".
     */
    static XYChart chart(String title, String model, Map<String, List<double[]>> bins) {
        XYChart chart = Charts.xy(title, AxisTitles.weight(model), "fraction of synapses", 380, 290);
        for (String w : List.of(WeightHistograms.BEFORE, WeightHistograms.AFTER)) {
            List<double[]> side = bins.get(w);
            if (side == null || side.isEmpty()) {
                continue;
            }
            side.sort(Comparator.comparingDouble(b -> b[0]));
            double sum = side.stream().mapToDouble(b -> b[2]).sum();
            double[] x = new double[side.size() + 1];
            double[] y = new double[side.size() + 1];
            for (int b = 0; b < side.size(); b++) {
                x[b] = side.get(b)[0];
                y[b] = sum > 0 ? side.get(b)[2] / sum : 0;
            }
            x[side.size()] = side.get(side.size() - 1)[1];
            y[side.size()] = y[side.size() - 1];
            boolean before = w.equals(WeightHistograms.BEFORE);
            String name = w + " sleep";
            Color c = before ? Charts.qualitative(1) : Charts.qualitative(0);
            XYSeries s = chart.addSeries(before ? name + " (area)" : name, x, y);
            s.setLineColor(c);
            s.setMarker(SeriesMarkers.NONE);
            if (before) {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
                s.setFillColor(Charts.alpha(c, 60));
                s.setShowInLegend(false);
                Charts.legendBox(chart, name, c, Charts.alpha(c, 60), x[0], 0);
            } else {
                // an outline over the filled "before": two fills where they overlap mixed to a grey that
                // matched neither legend entry (every bin of paper-sg-code's, its sleep moving almost nothing)
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
                s.setLineStyle(SeriesLines.SOLID);
                s.setLineWidth(1.6f);
            }
        }
        // below the plot: inside it hid the tops of the bars; fractions from 0, so that heights compare
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    @Override
    public void write(ReportContext ctx) {
        Html html = ctx.html();
        html.p("Distribution of weights per projection just before (filled) and just after (outline) the last recorded "
                + "sleep episode" + (ctx.singleRun() ? "" : " (first seed, sleep fraction nearest " + Showcase.FRACTION + ")")
                + ". Under each, the share of the distribution the episode moved (half the summed difference of the two, "
                + "0 % the same, 100 % no weights in common): where it is small the outline runs along the filled area's edge. "
                + AxisTitles.WEIGHT_UNITS);
        int drawn = 0;
        List<String> missing = new ArrayList<>();
        List<String> neverSlept = new ArrayList<>();
        List<String> noSleepAsked = new ArrayList<>();
        html.gridStart();
        for (Map.Entry<Group, List<RunRecord>> g : ctx.groups().entrySet()) {
            RunRecord run = Showcase.runs(g.getValue()).stream().filter(r -> r.sleepFraction() > 0).findFirst().orElse(null);
            if (run == null) {
                // only f = 0 here: nothing slept, which is not a missing file
                noSleepAsked.add(ctx.singleRun() ? "this run" : g.getKey().title());
                continue;
            }
            CsvTable t = RunTables.optional(run, RunDirectory.WEIGHT_HISTOGRAMS, WeightHistograms.COLUMNS, ctx.notes());
            if (t == null) {
                missing.add(run.runId());
                continue;
            }
            if (t.rowCount() == 0) { // the header alone: the run never slept
                neverSlept.add(run.runId());
                continue;
            }
            double[] episode = t.doubles(WeightHistograms.EPISODE);
            double last = Arrays.stream(episode).filter(Double::isFinite).max().orElse(Double.NaN);
            double[] lo = t.doubles(WeightHistograms.BIN_LO);
            double[] hi = t.doubles(WeightHistograms.BIN_HI);
            double[] count = t.doubles(WeightHistograms.COUNT);
            List<String> when = t.strings(WeightHistograms.WHEN);
            List<String> projection = t.strings(WeightHistograms.PROJECTION);
            // panels in the file's order, the network's (input to output), not alphabetical (h1_h2, h2_out, in_h1)
            Map<String, Map<String, List<double[]>>> data = new LinkedHashMap<>();
            for (int i = 0; i < t.rowCount(); i++) {
                if (episode[i] == last && Double.isFinite(count[i])) {
                    data.computeIfAbsent(projection.get(i), k -> new TreeMap<>())
                            .computeIfAbsent(when.get(i), k -> new ArrayList<>()).add(new double[] {lo[i], hi[i], count[i]});
                }
            }
            for (Map.Entry<String, Map<String, List<double[]>>> p : data.entrySet()) {
                XYChart chart = chart(g.getKey().title() + ": " + p.getKey() + " (episode " + (long) last + ")",
                        run.model(), p.getValue());
                double moved = moved(p.getValue().get(WeightHistograms.BEFORE), p.getValue().get(WeightHistograms.AFTER));
                String shift = Double.isNaN(moved) ? "" : "; sleep moved " + percent(moved) + " of it";
                html.svgFigure(ctx.svg(chart), "distribution of the " + p.getKey() + " weights just before and just after "
                        + "sleep episode " + (long) last + ", of " + run.runId() + shift, run.runId() + shift, "fig");
                drawn++;
            }
        }
        html.gridEnd();
        if (!neverSlept.isEmpty()) {
            html.note("no sleep episode in " + String.join(", ", neverSlept) + ": no weights before and after one");
        }
        if (!noSleepAsked.isEmpty()) {
            html.note("no sleep asked for (sleep fraction 0) in " + String.join("; ", noSleepAsked)
                    + ": no episode to show weights before and after");
        }
        if (drawn == 0 && neverSlept.isEmpty() && noSleepAsked.isEmpty()) {
            html.note("not recorded: no " + RunDirectory.WEIGHT_HISTOGRAMS + " in the runs shown");
        } else if (!missing.isEmpty()) {
            html.note("not recorded for " + String.join(", ", missing));
        }
    }
}
