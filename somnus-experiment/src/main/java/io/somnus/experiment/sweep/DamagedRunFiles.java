package io.somnus.experiment.sweep;

import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.RunFileCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The damaged files of a sweep's (or a run directory's) finished runs, gathered while they are loaded so that one
 * error names them all: a user on a cluster then deals with every one at once, not one per rerun.
 */
final class DamagedRunFiles {
    /** Files named in the error; the rest are counted ("and 7 more"), so a wholly damaged sweep stays readable. */
    static final int LISTED = 20;

    private final List<String> problems = new ArrayList<>();
    private final Set<String> runs = new LinkedHashSet<>();

    /** Records damaged files of run {@code runId}, each problem naming its file. */
    void add(String runId, List<String> fileProblems) {
        for (String p : fileProblems) {
            if (problems.contains("run " + runId + ": " + p)) {
                continue; // the check and the loading both met the same unreadable file
            }
            problems.add("run " + runId + ": " + p);
            runs.add(runId);
        }
    }

    /**
     * @param dir       the directory loaded
     * @param singleRun whether {@code dir} is a run directory
     * @param ledger    whether the sweep has a ledger, so that {@code --resume} runs a done run again once its
     *                  directory is deleted
     * @throws FileFormatException naming every damaged file (up to {@link #LISTED}) and what to do, when there is one
     */
    void throwIfAny(Path dir, boolean singleRun, boolean ledger) {
        if (problems.isEmpty()) {
            return;
        }
        int n = problems.size();
        boolean allUnreadable = problems.stream().allMatch(p -> p.endsWith(RunFileCheck.UNREADABLE));
        StringBuilder m = new StringBuilder(allUnreadable ? (n == 1 ? "a file" : n + " files") + " this user cannot read"
                : n == 1 ? "a damaged file" : n + " damaged files")
                .append(" in the ").append(singleRun ? "run" : "sweep").append(" directory ").append(dir).append(':');
        for (String p : problems.subList(0, Math.min(n, LISTED))) {
            m.append("\n  ").append(p);
        }
        if (n > LISTED) {
            m.append("\n  and ").append(n - LISTED).append(" more");
        }
        m.append("\n").append(allUnreadable ? "" : n == 1 ? "It was cut short, changed or deleted after its run wrote it. "
                : "Each was cut short, changed or deleted after its run wrote it (or cannot be read, where so named). ")
                .append(allUnreadable ? "Give this user read access to " + (n == 1 ? "it" : "them") + ", or "
                        + advice(singleRun, ledger).substring(0, 1).toLowerCase(Locale.ROOT)
                        + advice(singleRun, ledger).substring(1) : advice(singleRun, ledger));
        throw new FileFormatException(m.toString());
    }

    private String advice(boolean singleRun, boolean ledger) {
        if (singleRun) {
            return "Restore the run directory from a copy, or run it again.";
        }
        String which = runs.size() == 1 ? "that run's directory" : "those " + runs.size() + " runs' directories";
        String them = problems.size() == 1 ? "it" : "them";
        return ledger
                ? "Restore " + them + " from a copy, or delete " + which + " under runs/ and rerun the sweep with --resume, "
                        + "which runs a finished run whose directory is gone again."
                : "Restore " + them + " from a copy, or delete " + which + " under runs/ to leave them out.";
    }
}
