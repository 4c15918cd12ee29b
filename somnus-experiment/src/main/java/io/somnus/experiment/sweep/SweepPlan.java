package io.somnus.experiment.sweep;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A checked sweep file and its resolved runs, in execution order (seed outermost, so that an interrupted
 * sweep has whole seeds of every cell rather than every seed of a few cells).
 *
 * @param spec       the sweep file
 * @param runs       the runs: one untrained control for the variants whose controls are alike
 *                   ({@link PlannedRun#sharedBy})
 * @param perVariant the same sweep with a control of its own for every variant: what a sweep planned before controls
 *                   were shared recorded, and still resumes as ({@link #withoutSharing}); a control whose whole
 *                   configuration is another variant's control's, which that planner refused as a duplicate, has
 *                   none
 */
public record SweepPlan(SweepSpec spec, List<PlannedRun> runs, List<PlannedRun> perVariant) {
    public SweepPlan {
        runs = List.copyOf(runs);
        perVariant = List.copyOf(perVariant);
    }

    /** A plan whose runs share nothing. */
    public SweepPlan(SweepSpec spec, List<PlannedRun> runs) {
        this(spec, runs, runs);
    }

    /** The same sweep with a control run for every variant (as sweeps were planned before controls were shared). */
    public SweepPlan withoutSharing() {
        return sharedControls() == 0 ? this : new SweepPlan(spec, perVariant, perVariant);
    }

    /** How many variants' controls another variant's control run stands for: the runs that sharing saves. */
    public int sharedControls() {
        return runs.stream().mapToInt(r -> r.sharedBy().size()).sum();
    }

    /** The control runs that stand for other variants' controls too. */
    public long sharingRuns() {
        return runs.stream().filter(r -> !r.sharedBy().isEmpty()).count();
    }

    /**
     * Identity of the sweep: SHA-256 over the sorted {@code run_id=config_hash} lines (a shared control's line adds the
     * variants it stands for). Two sweep files with the same runs and configurations (whatever their formatting) have
     * the same hash; a sweep that shares no control has the hash it had before controls were shared.
     */
    public String hash() {
        return CanonicalJson.sha256(runs.stream().map(r -> r.runId() + "=" + r.configHash()
                        + (r.sharedBy().isEmpty() ? "" : "\tshared_by=" + String.join("\t", r.sharedBy())) + "\n")
                .sorted().collect(Collectors.joining()));
    }
}
