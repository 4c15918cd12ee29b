package io.somnus.cli;

import io.somnus.experiment.run.UserClassProvenance;
import io.somnus.experiment.sweep.LedgerEntry;
import io.somnus.experiment.sweep.RunErrors;
import io.somnus.experiment.sweep.RunStatus;
import io.somnus.experiment.sweep.SweepException;
import io.somnus.experiment.sweep.SweepLedger;
import io.somnus.experiment.sweep.SweepResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code somnus inspect SWEEP_DIR}: a sweep's runs as its ledger records them, one line each: state, attempts, and
 * whether the last attempt went on from a resume snapshot (and from where) or started afresh; after the head line, the
 * classes of one's own its runs load, if any (the ledger's {@code user_classes}). Read only, so a sweep
 * at work or on storage this user cannot write is listed too.
 */
final class SweepListing {
    private SweepListing() { }

    /**
     * The lines of the listing: a head line with the counts, then one per run in the order the report shows them
     * ({@link SweepResults#inCellOrder}: preset, dataset and variant in the sweep file's order, sleep fraction, seed),
     * where run ids in byte order put paper-sg-code before paper-sg and both before paper.
     */
    static List<String> lines(Path dir) {
        Path file = dir.resolve(SweepLedger.FILE_NAME);
        List<LedgerEntry> entries;
        String name;
        List<String> classes = new ArrayList<>();
        try (SweepLedger ledger = SweepLedger.openForReading(file)) {
            entries = SweepResults.inCellOrder(dir, ledger.entries());
            name = ledger.meta("sweep_name").orElse("?");
            try {
                ledger.userClasses().forEach((c, files) -> classes.add("  its runs load a class of one's "
                        + "own: " + c + " (class files: " + UserClassProvenance.shortDigests(files) + ")"));
            } catch (SweepException e) { // the listing still serves; the resume says it
                classes.add("  its runs load classes of one's own, but " + e.getMessage());
            }
        }
        Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
        int width = 0;
        for (LedgerEntry e : entries) {
            counts.merge(e.status(), 1, Integer::sum);
            width = Math.max(width, e.runId().length());
        }
        List<String> states = new ArrayList<>();
        counts.forEach((status, n) -> states.add(n + " " + status.label()));
        List<String> out = new ArrayList<>();
        out.add("sweep '" + name + "' (" + file + "): " + entries.size() + " runs, " + String.join(", ", states));
        out.addAll(classes);
        for (LedgerEntry e : entries) {
            out.add(String.format(Locale.ROOT, "  %-" + width + "s  %-7s  %s", e.runId(), e.status().label(), last(e)));
        }
        return out;
    }

    /** The attempts and how the last began; a failed run's error on one line. */
    static String last(LedgerEntry e) {
        String line = e.attempts() + (e.attempts() == 1 ? " attempt" : " attempts");
        if (e.attempts() > 0 && e.resumedFrom() != null) { // null: not recorded (a ledger from before)
            line += e.resumed() ? ", the last resumed from " + e.resumedFrom() + " (its snapshot)"
                    : (e.attempts() == 1 ? ", started afresh" : ", the last started afresh");
        }
        if (e.status() == RunStatus.FAILED && e.error() != null) {
            line += ": " + RunErrors.oneLine(e.error());
        }
        return line;
    }
}
