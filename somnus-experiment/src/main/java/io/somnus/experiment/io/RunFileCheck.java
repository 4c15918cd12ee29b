package io.somnus.experiment.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the files of a finished run directory which the results and the report read are whole, as their
 * readers would find out one file at a time: the tables (cut short, rows of another width than the header:
 * {@link Csv#read}; a metrics.csv without images_seen or with a cell that is not a number in a column aggregation
 * reads), provenance.json and timing.json ({@link JsonFiles#readObject}), config.yaml ({@link RunDirectory#readConfig})
 * and weights.npz (its central directory and each entry's size and CRC-32: {@link Npz#verify}). summary.json is read
 * by whoever loads the run. A file that is absent is not damaged: a run may not record it.
 */
public final class RunFileCheck {
    private RunFileCheck() {}

    /** One line per damaged (or unreadable) file of {@code runDir}, each naming the file; empty when all are whole. */
    public static List<String> damaged(Path runDir) {
        RunDirectory run = RunDirectory.of(runDir);
        List<String> problems = new ArrayList<>();
        check(run.metrics(), problems, () -> checkMetrics(run.metrics()));
        check(run.sleepTraces(), problems, () -> Csv.read(run.sleepTraces()));
        check(run.weightHistograms(), problems, () -> Csv.read(run.weightHistograms()));
        check(run.provenance(), problems, () -> JsonFiles.readObject(run.provenance()));
        check(run.timing(), problems, () -> JsonFiles.readObject(run.timing()));
        check(run.config(), problems, run::readConfig);
        check(run.weights(), problems, () -> Npz.verify(run.weights()));
        return problems;
    }

    private interface Reading {
        void read() throws IOException;
    }

    private static void check(Path file, List<String> problems, Reading reading) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            reading.read();
        } catch (FileFormatException e) {
            problems.add(e.getMessage()); // its readers' messages name the file
        } catch (IOException e) {
            problems.add("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** What aggregation needs of metrics.csv beyond being a whole table: images_seen, and numbers where it reads. */
    private static void checkMetrics(Path file) throws IOException {
        CsvTable table = Csv.read(file);
        if (!table.hasColumn(RunDirectory.Metrics.IMAGES_SEEN)) {
            // every metrics.csv Somnus writes has images_seen: without it, the file was damaged
            throw new FileFormatException(file + " is damaged: it has no images_seen column (its header is "
                    + table.header() + ")");
        }
        try {
            table.doubles(RunDirectory.Metrics.IMAGES_SEEN);
            table.doubles(RunDirectory.Metrics.VAL_ACCURACY); // the curves' column; absent reads as NaN
        } catch (FileFormatException e) {
            throw new FileFormatException(file + " is damaged: " + e.getMessage(), e);
        }
    }
}
