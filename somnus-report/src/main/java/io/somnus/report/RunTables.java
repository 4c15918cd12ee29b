package io.somnus.report;

import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.stats.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a run's optional tables (sleep traces, weight histograms) for the report. */
final class RunTables {
    private RunTables() {}

    /**
     * The run's table {@code file}, or null when the file is absent or lacks one of {@code columns} (the latter
     * noted in {@code notes}).
     *
     * @throws FileFormatException when the file exists but cannot be read as a table: an error, not "not recorded"
     */
    static CsvTable optional(RunRecord run, String file, List<String> columns, List<String> notes) {
        Path p = run.dir().resolve(file);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            CsvTable t = Csv.read(p);
            List<String> absent = columns.stream().filter(c -> !t.hasColumn(c)).toList();
            if (!absent.isEmpty()) {
                notes.add(p + " lacks column(s) " + String.join(", ", absent));
                return null;
            }
            return t;
        } catch (IOException e) {
            throw new FileFormatException("run " + run.runId() + ": cannot read " + p + ": " + e.getMessage(), e);
        } catch (FileFormatException e) {
            // a file that exists but is not what Somnus wrote: an error, not "not recorded"
            throw new FileFormatException("run " + run.runId() + ": damaged file: " + e.getMessage(), e);
        }
    }
}
