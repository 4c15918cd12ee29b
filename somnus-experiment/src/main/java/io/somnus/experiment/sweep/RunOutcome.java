package io.somnus.experiment.sweep;

import java.nio.file.Path;

/**
 * What happened to one run in this invocation of a sweep.
 *
 * @param runId       run id
 * @param variant     grid keys' values ("" without grid)
 * @param status      final status ({@code DONE} or {@code FAILED}; {@code PENDING} if the sweep stopped first)
 * @param skipped     true when it was already done by an earlier invocation and not executed now
 * @param attempts    attempts recorded in the ledger
 * @param wallSeconds wall time of the attempt (NaN when skipped)
 * @param error       error message when failed, else null
 * @param resumed     true when it went on from a resume snapshot (its wall time is the part after the resume)
 * @param runDir      where its files are when it finished {@code DONE} ({@code runs/<id>}), else null
 */
public record RunOutcome(String runId, String variant, RunStatus status, boolean skipped, int attempts,
                         double wallSeconds, String error, boolean resumed, Path runDir) {
    /** An outcome not resumed, its files' place not told. */
    public RunOutcome(String runId, String variant, RunStatus status, boolean skipped, int attempts, double wallSeconds,
                      String error) {
        this(runId, variant, status, skipped, attempts, wallSeconds, error, false, null);
    }
}
