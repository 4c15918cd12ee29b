package io.somnus.experiment.stats;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Aggregator#aggregate(Path, String, List, java.util.Comparator, List, GlmmRunner)} computed and wrote.
 *
 * @param dir          the sweep directory
 * @param runs         number of finished runs aggregated
 * @param rows         per-cell statistics (what aggregate.csv holds)
 * @param glmm         the GLMM's outcome
 * @param files        files written (aggregate.csv, runs_long.csv, curves.csv, stats.json, and GLMM files)
 * @param warnings     runs left out and why
 */
public record AggregateResult(Path dir, int runs, List<AggregateRow> rows, GlmmOutcome glmm, List<Path> files,
                              List<String> warnings) {
    /** Keeps unmodifiable copies of the lists and maps it is given. */
    public AggregateResult {
        rows = List.copyOf(rows);
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
