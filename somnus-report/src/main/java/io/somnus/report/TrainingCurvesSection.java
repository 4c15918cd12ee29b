package io.somnus.report;

import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.stats.Aggregator;
import io.somnus.experiment.stats.CurvePoint;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Validation accuracy over training: one chart per panel, one line per sleep fraction with its CI band. */
final class TrainingCurvesSection implements Section {
    @Override
    public String id() {
        return "training-curves";
    }

    @Override
    public String title() {
        return "Accuracy over training";
    }

    @Override
    public String navLabel() {
        return "Training";
    }

    @Override
    public void write(ReportContext ctx) {
        Html html = ctx.html();
        List<CurvePoint> points = Aggregator.curves(ctx.runs(), Aggregator.CURVE_COLUMN, ctx.notes());
        if (points.isEmpty()) {
            html.note("not recorded: no run has " + RunDirectory.METRICS + " with " + RunDirectory.Metrics.IMAGES_SEEN
                    + " and " + Aggregator.CURVE_COLUMN);
            return;
        }
        html.p(ctx.singleRun() ? "Validation accuracy (main readout) at each checkpoint."
                : "Validation accuracy (main readout) at each checkpoint: mean across seeds, with the 95 % confidence "
                + "band where there are at least two seeds.");
        Map<Group, Map<Double, List<CurvePoint>>> byGroup = new LinkedHashMap<>();
        for (CurvePoint p : points) {
            byGroup.computeIfAbsent(Group.of(p.cell()), k -> new TreeMap<>())
                    .computeIfAbsent(p.cell().sleepFraction(), k -> new ArrayList<>()).add(p);
        }
        html.wideGridStart();
        for (Map.Entry<Group, Map<Double, List<CurvePoint>>> g : byGroup.entrySet()) {
            XYChart chart = Charts.xy(g.getKey().title(), "training images seen", "validation accuracy", 560, 340);
            int n = g.getValue().size();
            int i = 0;
            Charts.Extent extent = new Charts.Extent();
            for (Map.Entry<Double, List<CurvePoint>> f : g.getValue().entrySet()) {
                List<CurvePoint> c = f.getValue();
                double[] x = c.stream().mapToDouble(CurvePoint::imagesSeen).toArray();
                double[] y = c.stream().mapToDouble(p -> p.stats().mean()).toArray();
                double[] lo = c.stream().mapToDouble(p -> p.stats().ciLow()).toArray();
                double[] hi = c.stream().mapToDouble(p -> p.stats().ciHigh()).toArray();
                extent.add(x, y, lo, hi);
                Color color = Charts.sequential(i++, n);
                String name = "sleep " + Formats.fraction(f.getKey());
                Charts.band(chart, name + " CI", x, lo, hi, color);
                Charts.line(chart, name, x, y, color).setMarker(x.length > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            }
            chart.getStyler().setXAxisMin(0.0);
            extent.roundIfOneX(chart);   // one checkpoint (train.checkpoints: 1)
            html.svgFigure(ctx.svg(chart), "accuracy over training, " + g.getKey().title(), null, "fig");
        }
        html.gridEnd();
    }
}
