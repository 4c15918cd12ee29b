package io.somnus.experiment.sweep;

import java.nio.file.Path;

/**
 * A run of the plan that an earlier invocation of the sweep finished: the ledger counts it done and its directory is
 * kept, so a resumed sweep skips it. What it measured teaches the time left ({@link SweepEta#of(java.util.List, java.util.List,
 * java.util.function.Function, int)}).
 *
 * @param run         the planned run
 * @param dir         its directory, runs/&lt;id&gt; (config.yaml, timing.json)
 * @param wallSeconds the wall time of its last attempt as the ledger recorded it (NaN where unknown)
 * @param attempts    times it was started: more than one where its last attempt may have gone on from a resume
 *                    snapshot, whose wall time is only the part after the resume
 */
public record FinishedRun(PlannedRun run, Path dir, double wallSeconds, int attempts) {
}
