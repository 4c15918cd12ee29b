package io.somnus.report;

import io.somnus.experiment.stats.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which runs of a panel the per-run figures (weight traces, histograms) show. */
final class Showcase {
    /** The sleep fraction the paper recommends (10–20 %): the run whose traces are shown is the nearest. */
    static final double FRACTION = 0.2;

    private Showcase() {}

    /** Of a group's runs: the f = 0 run and the sleeping run nearest {@link #FRACTION}, both of the first seed. */
    static List<RunRecord> runs(List<RunRecord> runs) {
        long seed = runs.stream().mapToLong(RunRecord::seed).min().orElse(0);
        List<RunRecord> first = runs.stream().filter(r -> r.seed() == seed).toList();
        List<RunRecord> out = new ArrayList<>();
        first.stream().filter(r -> r.sleepFraction() == 0).findFirst().ifPresent(out::add);
        first.stream().filter(r -> r.sleepFraction() > 0)
                .min(Comparator.comparingDouble((RunRecord r) -> Math.abs(r.sleepFraction() - FRACTION))
                        .thenComparingDouble(RunRecord::sleepFraction))
                .ifPresent(out::add);
        return out;
    }
}
