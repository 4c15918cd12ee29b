package io.somnus.experiment.verdict;

import io.somnus.experiment.config.StudyControl;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.stats.RunRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads the quantities of docs/verdict.md from finished runs (summary.json, and metrics.csv for the growth). */
public final class VerdictInputs {
    private VerdictInputs() {}

    /** Each run's quantities, in the order of {@code runs}; a quantity a run did not record is NaN (not run), not 0. */
    public static List<VerdictRun> of(List<RunRecord> runs) {
        List<VerdictRun> out = new ArrayList<>();
        for (RunRecord r : runs) {
            out.add(of(r));
        }
        return out;
    }

    /**
     * One run; a run's grid variant is split into its grid part and its control ({@code control=...}). A run whose
     * metrics.csv has fewer than two checkpoints trained through ({@link RunRecord#endsRestored}) has no curve: its
     * drawdown and weight growth are NaN (not run), not the 0 that a one-point curve gives by definition.
     */
    public static VerdictRun of(RunRecord r) {
        CsvTable metricsCsv = metricsCsv(r);
        // the checkpoints trained through: a restored last row (a run that stopped early) is not one
        boolean curve = metricsCsv == null || r.checkpointsTrained(metricsCsv.rowCount()) >= 2;
        Map<Quantity, Double> q = new EnumMap<>(Quantity.class);
        q.put(Quantity.TEST_ACCURACY, r.metric("test_accuracy"));
        q.put(Quantity.DRAWDOWN, curve ? r.metric("stability.max_drawdown") : Double.NaN);
        q.put(Quantity.LAST_QUARTER_STD, r.metric("stability.last_quarter_std"));
        q.put(Quantity.SATURATED_FRACTION, saturatedFraction(r.metrics()));
        q.put(Quantity.WEIGHT_GROWTH, curve && metricsCsv != null ? weightGrowth(trained(metricsCsv, r)) : Double.NaN);
        q.put(Quantity.AVERAGE_FORGETTING, r.metric("continual.average_forgetting"));
        q.put(Quantity.SLEEP_EPISODES, r.metric(Quantity.SLEEP_EPISODES.source()));
        return new VerdictRun(r.preset(), r.model(), r.dataset(), StudyControl.gridPartOf(r.variant()),
                StudyControl.labelIn(r.variant()), r.sleepFraction(),
                r.seed(), q);
    }

    /** The unweighted mean over projections of {@code weights.<projection>.frac_saturated}; NaN when none. */
    static double saturatedFraction(Map<String, Double> metrics) {
        double sum = 0;
        int n = 0;
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            if (m.getKey().startsWith("weights.") && m.getKey().endsWith(".frac_saturated") && Double.isFinite(m.getValue())) {
                sum += m.getValue();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static CsvTable metricsCsv(RunRecord r) {
        try {
            return r.metricsCsv().orElse(null);
        } catch (IOException e) {
            throw new FileFormatException("run " + r.runId() + ": cannot read its metrics.csv: " + e.getMessage(), e);
        }
    }

    /**
     * ln(W_last / W_first) over the totals of the checkpoints trained through ({@link #weightTotals(RunRecord)}): a
     * stopped run's restored best epoch's row is not its last, as the growth is that of the weights over training
     * (docs/verdict.md, 1a), and the restored weights are an earlier checkpoint's, which training did not end with.
     * NaN when absent.
     */
    static double weightGrowth(double[] trained) {
        if (trained.length < 1) {
            return Double.NaN;
        }
        double first = trained[0];
        double last = trained[trained.length - 1];
        return first > 0 && last > 0 ? Math.log(last / first) : Double.NaN;
    }

    /**
     * {@link #weightTotals(CsvTable)} of a run's metrics.csv at the checkpoints training passed through: a stopped
     * run's restored last row left out ({@link RunRecord#checkpointsTrained}); empty without metrics.csv.
     */
    public static double[] weightTotals(RunRecord r) {
        CsvTable table = metricsCsv(r);
        return table == null ? new double[0] : trained(table, r);
    }

    private static double[] trained(CsvTable table, RunRecord r) {
        double[] all = weightTotals(table);
        return Arrays.copyOf(all, r.checkpointsTrained(all.length));
    }

    /** W at each checkpoint: the Σ of the metrics.csv columns {@code w_<projection>_total_abs}; empty when absent. */
    public static double[] weightTotals(CsvTable table) {
        List<String> columns = table.header().stream().filter(c -> c.startsWith("w_") && c.endsWith("_total_abs")).toList();
        int rows = table.rowCount();
        if (columns.isEmpty() || rows == 0) {
            return new double[0];
        }
        double[] total = new double[rows];
        for (String c : columns) {
            double[] w = table.doubles(c);
            for (int k = 0; k < rows; k++) {
                total[k] += w[k];
            }
        }
        return total;
    }
}
