package io.somnus.experiment.sweep;

import io.somnus.experiment.stats.VariantSpelling;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
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
    /** Keeps unmodifiable copies of the lists and maps it is given. */
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

    /**
     * This plan with each variant label that a label of {@code recorded} (a ledger's entries) names spelled otherwise
     * ({@link VariantSpelling}) spelled as there, in the runs' own labels and their {@link PlannedRun#sharedBy}: a sweep
     * directory goes on in the spelling it was started with, e.g. {@code eta=5.0E-4} as Somnus wrote grid values before
     * it wrote them as the file does, also in a row the ledger lost and gets back.
     */
    public SweepPlan spelledAs(Collection<LedgerEntry> recorded) {
        List<String> labels = recorded.stream().flatMap(e -> Stream.concat(Stream.of(e.variant()), e.sharedBy().stream()))
                .distinct().toList();
        Map<String, String> spelled = new HashMap<>();
        UnaryOperator<String> spelling = v -> spelled.computeIfAbsent(v, w -> labels.contains(w) ? w
                : labels.stream().filter(l -> VariantSpelling.same(l, w)).findFirst().orElse(w));
        List<PlannedRun> spelledRuns = spelledAs(runs, spelling);
        List<PlannedRun> spelledPerVariant = perVariant == runs ? spelledRuns : spelledAs(perVariant, spelling);
        return spelledRuns == runs && spelledPerVariant == perVariant ? this
                : new SweepPlan(spec, spelledRuns, spelledPerVariant);
    }

    private static List<PlannedRun> spelledAs(List<PlannedRun> runs, UnaryOperator<String> spelling) {
        List<PlannedRun> out = new ArrayList<>(runs.size());
        boolean changed = false;
        for (PlannedRun r : runs) {
            PlannedRun s = r.spelledAs(spelling);
            changed |= s != r;
            out.add(s);
        }
        return changed ? out : runs;
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
     * the same hash, but for a grid value spelled otherwise (0.0005 for 5e-4) in those variants: a resumed sweep takes
     * its ledger's spelling first ({@link #spelledAs}). A sweep that shares no control has the hash it had before
     * controls were shared.
     */
    public String hash() {
        return CanonicalJson.sha256(runs.stream().map(r -> r.runId() + "=" + r.configHash()
                        + (r.sharedBy().isEmpty() ? "" : "\tshared_by=" + String.join("\t", r.sharedBy())) + "\n")
                .sorted().collect(Collectors.joining()));
    }
}
