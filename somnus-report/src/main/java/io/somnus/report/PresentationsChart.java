package io.somnus.report;

import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.stats.PresentationStretches;
import io.somnus.experiment.stats.PresentationStretches.Stretch;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.PresentationRates;
import java.io.IOException;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A run's presentations per training image over training, under its accuracy curve, where its preset re-presents an
 * image that too few excitatory spikes answer (Diehl &amp; Cook): one step per stretch between checkpoints, as θ's rise
 * makes the network show an image more often the longer it trains.
 */
final class PresentationsChart {
    private PresentationsChart() {}

    /** Draws the run's stretches; nothing where its preset shows each image once or its metrics.csv has no counts. */
    static void write(ReportContext ctx, RunRecord run) {
        List<Stretch> stretches;
        try {
            if (!run.config().map(PresentationRates::represents).orElse(false)) {
                return;
            }
            CsvTable metrics = run.metricsCsv().orElse(null);
            stretches = metrics == null ? List.of() : PresentationStretches.of(metrics, run.endsRestored());
        } catch (IOException | RuntimeException e) {
            return;   // the accuracy chart reads metrics.csv too and notes what is wrong with it
        }
        Html html = ctx.html();
        if (stretches.isEmpty()) {
            html.note("presentations per image over training: not recorded (" + RunDirectory.METRICS + " has no "
                    + RunDirectory.Metrics.PRESENTATIONS + " column: a run written before 7 Dec 2026)");
            return;
        }
        Stretch first = stretches.get(0);
        Stretch last = stretches.get(stretches.size() - 1);
        html.p("Presentations per training image, stretch by stretch between checkpoints (" + RunDirectory.METRICS + "'s "
                + RunDirectory.Metrics.PRESENTATIONS + " differenced): an image that evokes too few excitatory spikes is "
                + "shown again, brighter. " + Formats.significant(first.perImage())
                + " over images " + first.firstImage() + "–" + first.lastImage() + (stretches.size() > 1 ? ", "
                + Formats.significant(last.perImage()) + " over images " + last.firstImage() + "–" + last.lastImage() : "") + ".");
        // a step per stretch: the rate is an average over the stretch, not a value at its checkpoint
        double[] x = new double[2 * stretches.size()];
        double[] y = new double[x.length];
        double top = 1;
        for (int k = 0; k < stretches.size(); k++) {
            Stretch s = stretches.get(k);
            x[2 * k] = s.firstImage() - 1;
            x[2 * k + 1] = s.lastImage();
            y[2 * k] = s.perImage();
            y[2 * k + 1] = s.perImage();
            top = Math.max(top, s.perImage());
        }
        String title = "Presentations per image, " + Group.of(run).title() + ", sleep "
                + Formats.fraction(run.sleepFraction());
        XYChart chart = Charts.xy(title, "training images seen", "presentations per image", 560, 240);
        chart.getStyler().setLegendVisible(false);
        Charts.line(chart, "presentations per image", x, y, Charts.qualitative(0)).setMarker(SeriesMarkers.NONE);
        chart.getStyler().setXAxisMin(0.0);
        AxisRanges.niceYRange(chart, 1, top);   // 1: every image is shown at least once
        Ticks.roundXTicks(chart);
        html.wideGridStart();
        html.svgFigure(ctx.svg(chart), "presentations per training image over training, of " + run.runId(), null, "fig");
        html.gridEnd();
    }
}
