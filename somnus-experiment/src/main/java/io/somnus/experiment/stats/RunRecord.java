package io.somnus.experiment.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.StoppedEarly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A finished run as read from its directory (docs/run-directory.md).
 *
 * @param runId         run id (directory name)
 * @param dir           the run directory
 * @param preset        preset name ("unknown" when not recorded)
 * @param model         {@code stdp} or {@code sg} ("unknown" when not recorded)
 * @param dataset       dataset name
 * @param variant       grid keys' values, "" when the sweep has no grid
 * @param sleepFraction requested sleep fraction
 * @param seed          master seed
 * @param summary       summary.json
 * @param metrics       summary.json's numeric leaves by dotted path, e.g. {@code stability.max_drawdown},
 *                      {@code weights.input_e.total_abs} (identity fields and arrays left out)
 */
public record RunRecord(String runId, Path dir, String preset, String model, String dataset, String variant,
                        double sleepFraction, long seed, JsonNode summary, Map<String, Double> metrics) {
    /** Keeps unmodifiable copies of the lists and maps it is given. */
    public RunRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The value of a flattened summary metric, NaN when not recorded. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }

    /**
     * Whether the run stopped early (summary.json's {@code stopped_early}): then metrics.csv's last row measures the
     * restored best epoch's weights, not a checkpoint training passed through, and the curve's statistics leave it out.
     */
    public boolean endsRestored() {
        return StoppedEarly.in(summary);
    }

    /**
     * Of metrics.csv's {@code rows}, how many are checkpoints training passed through, from the first: all but a
     * restored last row ({@link #endsRestored}), as {@link StoppedEarly#checkpointsTrained} rules.
     */
    public int checkpointsTrained(int rows) {
        return StoppedEarly.checkpointsTrained(rows, endsRestored());
    }

    /** The run's metrics.csv, if it has one. */
    public Optional<CsvTable> metricsCsv() throws IOException {
        Path file = dir.resolve(RunDirectory.METRICS);
        return Files.isRegularFile(file) ? Optional.of(Csv.read(file)) : Optional.empty();
    }

    /** The run's resolved configuration (config.yaml), if it has one. */
    public Optional<JsonNode> config() throws IOException {
        return RunDirectory.of(dir).readConfig();
    }

    /** The cell this run belongs to. */
    public CellKey cell() {
        return new CellKey(preset, model, dataset, variant, sleepFraction);
    }
}
