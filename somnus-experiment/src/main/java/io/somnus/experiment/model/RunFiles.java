package io.somnus.experiment.model;

import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what a run records and writes the run directory's tables (see docs/run-directory.md):
 * metrics.csv, sleep_traces.csv, weight_histograms.csv. Each file is written whole, atomically, and
 * rewritten at every checkpoint so an interrupted run leaves consistent (if partial) files.
 */
public final class RunFiles implements RunRecorder {
    private final Path dir;
    private final RunProgress progress;
    private final List<Map<String, Double>> rows = new ArrayList<>();
    private final List<List<?>> traces = new ArrayList<>();
    private final List<List<?>> histograms = new ArrayList<>();

    public RunFiles(Path dir, RunProgress progress) {
        this.dir = dir;
        this.progress = progress;
    }

    @Override
    public void checkpoint(Map<String, Double> row) {
        rows.add(row);
        flush();
    }

    @Override
    public void trace(long step, String phase, int episode, String projection, double totalAbs, double mean) {
        traces.add(List.of(step, phase, episode, projection, totalAbs, mean));
    }

    @Override
    public void histogram(int episode, String when, String projection, double[] edges, long[] counts) {
        for (int b = 0; b < counts.length; b++) {
            histograms.add(List.of(episode, when, projection, edges[b], edges[b + 1], counts[b]));
        }
    }

    @Override
    public void progress(String phase, long done, long total) {
        progress.update(phase, done, total);
    }

    public List<Map<String, Double>> rows() {
        return rows;
    }

    /** Writes every table now. */
    public void flush() {
        try {
            Set<String> columns = new LinkedHashSet<>();
            rows.forEach(r -> columns.addAll(r.keySet()));
            List<List<?>> table = new ArrayList<>();
            for (Map<String, Double> r : rows) {
                List<Object> line = new ArrayList<>();
                for (String c : columns) {
                    Double v = r.get(c);
                    line.add(v == null || v.isNaN() ? "" : Csv.number(v));
                }
                table.add(line);
            }
            AtomicFiles.write(dir.resolve(RunDirectory.METRICS), Csv.toString(new ArrayList<>(columns), table));
            AtomicFiles.write(dir.resolve(RunDirectory.SLEEP_TRACES),
                    Csv.toString(RunDirectory.SleepTraces.COLUMNS, traces));
            AtomicFiles.write(dir.resolve(RunDirectory.WEIGHT_HISTOGRAMS),
                    Csv.toString(RunDirectory.WeightHistograms.COLUMNS, histograms));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tables of " + dir + ": " + e.getMessage(), e);
        }
    }
}
