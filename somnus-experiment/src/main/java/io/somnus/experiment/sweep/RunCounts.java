package io.somnus.experiment.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * What a sweep's ledger says about its planned runs, in plain numbers, for readers of the results that need
 * no ledger types (the report).
 *
 * @param planned     runs in the ledger; 0 without a ledger (a run directory, or a sweep directory without one)
 * @param done        runs finished
 * @param failed      runs whose last attempt failed
 * @param notFinished runs pending or running
 * @param failures    the failed runs, in ledger order
 */
public record RunCounts(int planned, int done, int failed, int notFinished, List<FailedRun> failures) {
    /** No ledger. */
    public static final RunCounts NONE = new RunCounts(0, 0, 0, 0, List.of());

    /**
     * A run whose last attempt failed.
     *
     * @param runId    run id (directory name under runs/)
     * @param attempts number of times it was started
     * @param error    the error message of the last attempt, or null
     */
    public record FailedRun(String runId, int attempts, String error) {}

    /** Keeps unmodifiable copies of the lists and maps it is given. */
    public RunCounts {
        failures = List.copyOf(failures);
    }

    /** True when a ledger recorded the planned runs. */
    public boolean recorded() {
        return planned > 0;
    }

    static RunCounts of(List<LedgerEntry> ledger) {
        int done = 0;
        int failed = 0;
        int notFinished = 0;
        List<FailedRun> failures = new ArrayList<>();
        for (LedgerEntry e : ledger) {
            switch (e.status()) {
                case DONE -> done++;
                case FAILED -> {
                    failed++;
                    failures.add(new FailedRun(e.runId(), e.attempts(), e.error()));
                }
                case PENDING, RUNNING -> notFinished++;
            }
        }
        return new RunCounts(ledger.size(), done, failed, notFinished, failures);
    }
}
