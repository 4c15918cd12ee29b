package io.somnus.experiment.sweep;

import io.somnus.experiment.model.SummaryFields;
import io.somnus.experiment.stats.AggregateRow;
import io.somnus.experiment.stats.CellKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The plain-text table printed at the end of a sweep: test accuracy (and the sleep achieved) per cell, failures, totals. */
public final class SweepSummaryTable {
    private SweepSummaryTable() {}

    /** The table for {@code result}, lines ending in a line feed; without aggregates, only the failures and totals. */
    public static String format(SweepResult result) {
        StringBuilder out = new StringBuilder();
        if (result.aggregate() != null) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"preset", "model", "dataset", "variant", "sleep", "achieved", "n", "test_accuracy", "95% CI",
                "vs f=0 p (Holm)"});
            // the sleep each cell got: an SG-SNN that sleeps after an epoch with probability f may draw none
            Map<CellKey, Double> achieved = new HashMap<>();
            for (AggregateRow r : result.aggregate().rows()) {
                if (r.metric().equals(SummaryFields.ACHIEVED_SLEEP_FRACTION)) {
                    achieved.put(r.cell(), r.stats().mean());
                }
            }
            boolean anyVariant = false;
            for (AggregateRow r : result.aggregate().rows()) {
                if (!r.metric().equals("test_accuracy")) {
                    continue;
                }
                CellKey c = r.cell();
                anyVariant |= !c.variant().isEmpty();
                rows.add(new String[] {c.preset(), c.model(), c.dataset(), c.variant(),
                        SweepPlanner.fraction(c.sleepFraction()), num(achieved.getOrDefault(c, Double.NaN)),
                        Integer.toString(r.stats().n()),
                        num(r.stats().mean()), Double.isNaN(r.stats().ciLow()) ? "-"
                        : "[" + num(r.stats().ciLow()) + ", " + num(r.stats().ciHigh()) + "]",
                        r.vsBaseline() == null ? "" : p(r.adjustedP()) + (Double.isNaN(r.pairedPHolm()) ? " Welch" : "")});
            }
            if (rows.size() > 1) {
                table(out, rows, anyVariant ? -1 : 3);
            } else {
                out.append("(no run recorded test_accuracy)\n");
            }
        }
        List<RunOutcome> failed = result.outcomes().stream().filter(o -> o.status() != RunStatus.DONE).toList();
        if (!failed.isEmpty()) {
            out.append('\n');
            for (RunOutcome o : failed) {
                String error = o.error() == null ? "did not finish" : RunErrors.oneLine(o.error());
                out.append(o.status().label()).append("  ").append(o.runId()).append(": ").append(error).append('\n');
            }
        }
        long ran = result.done() - result.skipped();
        out.append(String.format(Locale.ROOT, "%nsweep '%s': %d runs, %d done (%d now, %d earlier), %d failed; %.1f s in "
                + "all (planning, runs, aggregates); %s%n",
                result.name(), result.total(), result.done(), ran, result.skipped(), result.failed(),
                result.wall().toMillis() / 1000.0, result.outDir()));
        if (!failed.isEmpty()) {
            out.append("rerun with --resume to retry the failed runs (errors are kept in ledger.sqlite)\n");
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<String[]> rows, int skipColumn) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                if (c == skipColumn) {
                    continue;
                }
                line.append(String.format("%-" + width[c] + "s  ", r[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String p(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", v);
    }
}
