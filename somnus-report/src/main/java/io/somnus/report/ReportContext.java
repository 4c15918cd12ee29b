package io.somnus.report;

import io.somnus.experiment.stats.AggregateRow;
import io.somnus.experiment.stats.Aggregator;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.SweepResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.knowm.xchart.XYChart;

/**
 * What every section reads and writes: the results, their per-cell aggregates, the page being written, the
 * notes collected for the page's last section, and where charts are painted.
 */
class ReportContext {   // not final: a test records the charts its sections draw
    private final SweepResults results;
    private final List<AggregateRow> rows;
    private final Html html;
    private final List<String> notes = new ArrayList<>();
    private final ExecutorService painters;

    /**
     * @param painters where charts are encoded to SVG, in parallel while the page is assembled; null paints
     *                 each chart on the calling thread
     */
    ReportContext(SweepResults results, Html html, ExecutorService painters) {
        this.results = results;
        this.rows = Aggregator.rows(results.runs(), results.cellOrder());
        this.html = html;
        this.painters = painters;
        notes.addAll(results.warnings());
    }

    SweepResults results() {
        return results;
    }

    List<RunRecord> runs() {
        return results.runs();
    }

    boolean singleRun() {
        return results.singleRun();
    }

    /** Per cell and metric: mean, CI and the comparison with f = 0 (see {@link Aggregator#rows}). */
    List<AggregateRow> rows() {
        return rows;
    }

    Html html() {
        return html;
    }

    /** Notes for the page's Notes section: what was left out and why. */
    /** Charts numbered so far ({@link #svg}). */
    private int figures;

    List<String> notes() {
        return notes;
    }

    void note(String note) {
        notes.add(note);
    }

    /** The runs by panel ({@link Group}), in the order of the results. */
    Map<Group, List<RunRecord>> groups() {
        return Group.of(results.runs());
    }

    /** The chart as SVG, painted in the background; numbered here, in page order, for its ids. */
    Future<String> svg(XYChart chart) {
        int figure = ++figures;
        return painters == null ? CompletableFuture.completedFuture(Charts.svg(chart, figure))
                : painters.submit(() -> Charts.svg(chart, figure));
    }
}
