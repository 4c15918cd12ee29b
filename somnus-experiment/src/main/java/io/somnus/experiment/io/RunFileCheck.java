package io.somnus.experiment.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that the files of a finished run directory which the results and the report read are whole, as their
 * readers would find out one file at a time: the tables (cut short, rows of another width than the header:
 * {@link Csv#read}; a metrics.csv without images_seen or with a cell that is not a number in a column aggregation
 * reads), provenance.json and timing.json ({@link JsonFiles#readObject}), config.yaml ({@link RunDirectory#readConfig})
 * and weights.npz (its central directory and each entry's size and CRC-32: {@link Npz#verify}). summary.json is read
 * by whoever loads the run; its accuracies, and metrics.csv's, must lie in [0, 1]. A file that is absent is not
 * damaged: a run may not record it.
 */
public final class RunFileCheck {
    /** The problem of a file this user may not read: not damaged, so not "cut short" (the JDK names the path alone). */
    public static final String UNREADABLE = "cannot be read by this user (permission denied); give it read access";

    private RunFileCheck() {}

    /** The problem of {@code file}, which {@code e} stopped from being read. */
    public static String unreadable(Path file, IOException e) {
        return e instanceof AccessDeniedException ? file + ": " + UNREADABLE
                : "cannot read " + file + ": " + (e instanceof FileSystemException f
                        ? AtomicFiles.reason(f) : e.getMessage());
    }

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
        Path summary = runDir.resolve(RunDirectory.SUMMARY);
        check(summary, problems, () -> checkAccuracies(summary));
        return problems;
    }

    /** test_accuracy and each readout's beside it are fractions (NaN, written as "NaN", where none was measured). */
    private static void checkAccuracies(Path file) throws IOException {
        JsonNode summary;
        try {
            summary = JsonFiles.readObject(file);
        } catch (FileFormatException e) {
            return; // whoever loads the run names a summary.json that is not whole
        }
        Map<String, JsonNode> accuracies = new LinkedHashMap<>();
        accuracies.put("test_accuracy", summary.path("test_accuracy"));
        summary.path("test_accuracy_by_readout").fields().forEachRemaining(e -> accuracies.put(
                "test_accuracy_by_readout." + e.getKey(), e.getValue()));
        for (Map.Entry<String, JsonNode> a : accuracies.entrySet()) {
            double v = a.getValue().asDouble();
            if (a.getValue().isNumber() && !(v >= 0 && v <= 1)) {
                throw new FileFormatException(file + " is damaged: " + a.getKey() + " is " + v
                        + ", not an accuracy in [0, 1]");
            }
        }
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
            problems.add(unreadable(file, e));
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
        double[] accuracy;
        try {
            table.doubles(RunDirectory.Metrics.IMAGES_SEEN);
            accuracy = table.doubles(RunDirectory.Metrics.VAL_ACCURACY); // the curves' column; absent reads as NaN
        } catch (FileFormatException e) {
            throw new FileFormatException(file + " is damaged: " + e.getMessage(), e);
        }
        for (int r = 0; r < accuracy.length; r++) {
            if (accuracy[r] < 0 || accuracy[r] > 1) {
                throw new FileFormatException(file + " is damaged: its row " + (r + 1) + " has "
                        + RunDirectory.Metrics.VAL_ACCURACY + " " + accuracy[r] + ", not an accuracy in [0, 1]");
            }
        }
    }
}
