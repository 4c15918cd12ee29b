package io.somnus.experiment.sweep;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of the ledger's {@code runs} table.
 *
 * @param runId        run id (directory name under runs/)
 * @param configJson   canonical JSON of the resolved configuration
 * @param configHash   its SHA-256
 * @param settingsJson the dotted-key settings that produced it (JSON object)
 * @param variant      grid keys' values, "" without grid
 * @param status       state
 * @param error        error message of the last failed attempt, or null
 * @param attempts     number of times the run was started
 * @param startedAt    start of the last attempt, or null
 * @param finishedAt   end of the last attempt, or null
 * @param wallSeconds  wall time of the last attempt, or NaN
 * @param files        SHA-256 of each file the run wrote, by path within its directory, recorded when it was marked
 *                     done; empty before, and for runs a ledger from before the record marked done
 * @param sharedBy     the variants whose untrained controls this run stands for besides its own ({@link
 *                     PlannedRun#sharedBy}); empty for every other run, and in a ledger from before controls were shared
 * @param resumedFrom  where its last attempt went on from a resume snapshot, in words ("image 41 of 100", {@link
 *                     io.somnus.experiment.run.ResumePoint#inWords(long, int)}); "" where it started afresh; null where
 *                     that is not recorded (no attempt yet, or one made before the ledger recorded it)
 */
public record LedgerEntry(String runId, String configJson, String configHash, String settingsJson, String variant,
                          RunStatus status, String error, int attempts, Instant startedAt, Instant finishedAt,
                          double wallSeconds, Map<String, String> files, List<String> sharedBy,
                          String resumedFrom) {
    /** Keeps unmodifiable copies of the lists and maps it is given. */
    public LedgerEntry {
        sharedBy = List.copyOf(sharedBy);
    }

    /** Whether its last attempt went on from a resume snapshot (false also where that is not recorded). */
    public boolean resumed() {
        return resumedFrom != null && !resumedFrom.isEmpty();
    }

    /** An entry that stands for no other variant's control, how its last attempt began not recorded. */
    public LedgerEntry(String runId, String configJson, String configHash, String settingsJson, String variant,
                       RunStatus status, String error, int attempts, Instant startedAt, Instant finishedAt,
                       double wallSeconds, Map<String, String> files) {
        this(runId, configJson, configHash, settingsJson, variant, status, error, attempts, startedAt, finishedAt,
                wallSeconds, files, List.of(), null);
    }
}
