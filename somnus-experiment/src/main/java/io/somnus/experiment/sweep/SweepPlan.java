package io.somnus.experiment.sweep;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A checked sweep file and its resolved runs, in execution order (seed outermost, so that an interrupted
 * sweep has whole seeds of every cell rather than every seed of a few cells).
 *
 * @param spec the sweep file
 * @param runs the runs
 */
public record SweepPlan(SweepSpec spec, List<PlannedRun> runs) {
    public SweepPlan {
        runs = List.copyOf(runs);
    }

    /**
     * Identity of the sweep: SHA-256 over the sorted {@code run_id=config_hash} lines. Two sweep files
     * with the same runs and configurations (whatever their formatting) have the same hash.
     */
    public String hash() {
        return CanonicalJson.sha256(runs.stream().map(r -> r.runId() + "=" + r.configHash() + "\n")
                .sorted().collect(Collectors.joining()));
    }
}
