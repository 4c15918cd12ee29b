package io.somnus.experiment.io;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A run that stopped early (paper-code's early stopping, summary.json's {@value #FIELD}): its metrics.csv's last row
 * measures the restored best epoch's weights, which training did not pass through there. The one rule for which rows
 * are checkpoints trained through, here in {@code io} because both sides read it and neither may read the other:
 * summary.json's stability, written in the model package, and the readers of finished runs (stats, verdict, report,
 * CLI).
 */
public final class StoppedEarly {
    /** summary.json's field: true where training stopped early and the best epoch's weights were restored. */
    public static final String FIELD = "stopped_early";

    private StoppedEarly() {}

    /** Whether {@code summary} (summary.json; null or without the field: not) says the run stopped early. */
    public static boolean in(JsonNode summary) {
        return summary != null && summary.path(FIELD).asBoolean(false);
    }

    /**
     * Of metrics.csv's {@code rows}, how many are checkpoints training passed through, from the first: all but the last
     * where it measures restored weights ({@code endsRestored}), unless it is the only row, which is then kept: a
     * curve needs a point (summary.json's stability has at least one), and a run's one row is its only measure.
     */
    public static int checkpointsTrained(int rows, boolean endsRestored) {
        return endsRestored && rows > 1 ? rows - 1 : rows;
    }
}
