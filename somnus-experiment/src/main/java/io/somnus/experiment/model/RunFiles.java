package io.somnus.experiment.model;

import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.RunDirectory;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

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
    private final boolean resume;
    private final boolean allowOtherArithmetic;
    /** The resumes so far that went on under other arithmetic ({@link ResumeArithmetic}), in words. */
    private List<String> arithmeticMixes = List.of();
    private SnapshotTrigger snapshotTrigger = SnapshotTrigger.NEVER;
    /** The resume snapshot the resume read and checked already, until the model takes it (null: none, or taken). */
    private ResumeSnapshotFile.Verified verifiedSnapshot;
    /** The seconds the run took before its resume on each clock of {@link #secondsSoFar}, as its snapshot says. */
    private double[] earlierSeconds = {0, 0, 0};
    /** The class files of the run's classes of one's own by class name, which its snapshots record. */
    private Map<String, SortedMap<String, String>> userClasses = Map.of();
    /** This process's seconds on those clocks since the run started or resumed; unset, unknown (NaN). */
    private Supplier<double[]> secondsHere = () -> new double[] {Double.NaN, Double.NaN, Double.NaN};
    /** Which CPU clocks were the run's own before its resume, as its snapshot says; null: none, or not recorded. */
    private OwnClocks earlierClocks;
    /** Which CPU clocks have been the run's own in this process since it started or resumed; unset, unknown (null). */
    private Supplier<OwnClocks> clocksHere = () -> null;

    /**
     * @param dir      the (temporary) run directory the tables go to; null: none, the tables are only held (a run in
     *                 memory, {@code StandardRunExecutor#run}), and the run keeps no resume snapshot
     * @param progress told of the run's phases
     */
    public RunFiles(Path dir, RunProgress progress) {
        this(dir, progress, false);
    }

    /** As the four-parameter constructor, not allowing other arithmetic. */
    public RunFiles(Path dir, RunProgress progress, boolean resume) {
        this(dir, progress, resume, false);
    }

    /**
     * @param resume whether the run goes on from its resume snapshot in {@code dir} (an STDP-SNN or SG-SNN run cut
     *               short, docs/run-directory.md) instead of starting
     * @param allowOtherArithmetic whether it may go on under other arithmetic than the snapshot's
     *               ({@link ResumeArithmetic#OPTION}; the mix is then recorded)
     */
    public RunFiles(Path dir, RunProgress progress, boolean resume, boolean allowOtherArithmetic) {
        this.dir = dir;
        this.progress = progress;
        this.resume = resume;
        this.allowOtherArithmetic = allowOtherArithmetic;
    }

    /** Whether a resume may go on under other arithmetic than its snapshot's ({@link ResumeArithmetic}). */
    public boolean allowOtherArithmetic() {
        return allowOtherArithmetic;
    }

    /** The resumes of this run that went on under other arithmetic, in words (empty: none; provenance.json). */
    public List<String> arithmeticMixes() {
        return arithmeticMixes;
    }

    /** Whether the run keeps resume snapshots: only with a directory to keep them in. */
    public boolean keepsSnapshots() {
        return dir != null;
    }

    /** When an STDP-SNN run takes a snapshot between its checkpoints (default: never). */
    public SnapshotTrigger snapshotTrigger() {
        return snapshotTrigger;
    }

    /** Sets when an STDP-SNN run takes a snapshot between its checkpoints; returns this. */
    public RunFiles snapshotTrigger(SnapshotTrigger trigger) {
        this.snapshotTrigger = Objects.requireNonNull(trigger, "trigger");
        return this;
    }

    /**
     * Hands over the resume snapshot that the resume read and checked before the run's data was loaded, for the model
     * to go on from without reading and digesting the file again; returns this.
     */
    public RunFiles verifiedSnapshot(ResumeSnapshotFile.Verified snapshot) {
        this.verifiedSnapshot = snapshot;
        return this;
    }

    /** The snapshot handed over, once: taken, its bytes are freed with the training state read from them. */
    Optional<ResumeSnapshotFile.Verified> verifiedSnapshot() {
        ResumeSnapshotFile.Verified taken = verifiedSnapshot;
        verifiedSnapshot = null;
        return Optional.ofNullable(taken);
    }

    /** Set from the snapshot a run resumes from; carried into its later snapshots. */
    public void arithmeticMixes(List<String> mixes) {
        this.arithmeticMixes = List.copyOf(mixes);
    }

    /**
     * Sets where this process's seconds since the run started or resumed are read (wall, the run's thread's CPU, the
     * JVM's CPU; NaN where one is not measured), for {@link #secondsSoFar}; returns this.
     */
    public RunFiles secondsHere(Supplier<double[]> seconds) {
        this.secondsHere = Objects.requireNonNull(seconds, "seconds");
        return this;
    }

    /**
     * The seconds the run has taken so far on each clock, wall, its thread's CPU and the JVM's CPU: those before its
     * resume (its snapshot carries them; 0 for a run not resumed, or resumed from a snapshot that did not record them)
     * plus this process's ({@link #secondsHere}); NaN where a clock is not measured in either. A snapshot carries
     * them, so that a resumed run's timing.json {@code run_cpu} covers the whole run.
     */
    public double[] secondsSoFar() {
        double[] here = secondsHere.get();
        double[] sum = new double[earlierSeconds.length];
        for (int k = 0; k < sum.length; k++) {
            sum[k] = earlierSeconds[k] + here[k];
        }
        return sum;
    }

    /**
     * Sets where this process's {@link OwnClocks} since the run started or resumed are read, for
     * {@link #clocksSoFar}; returns this.
     */
    public RunFiles clocksHere(Supplier<OwnClocks> clocks) {
        this.clocksHere = Objects.requireNonNull(clocks, "clocks");
        return this;
    }

    /**
     * Which CPU clocks have been the run's own so far: those before its resume (its snapshot carries them) followed by
     * this process's ({@link #clocksHere}); this process's alone for a run not resumed, or resumed from a snapshot that
     * did not record them (before format version 5); null where this process's are unknown. A snapshot carries them,
     * so that a resumed run's timing.json {@code run_cpu} is priced by a clock that was its own in every part.
     */
    public OwnClocks clocksSoFar() {
        OwnClocks here = clocksHere.get();
        return earlierClocks == null || here == null ? here : earlierClocks.then(here);
    }

    /**
     * Sets the class files of the classes of one's own the run loaded, by class name
     * ({@code run.UserClassProvenance#classFiles}), which each snapshot records for {@code train --resume} to compare;
     * returns this.
     */
    public RunFiles userClasses(Map<String, ? extends Map<String, String>> classFiles) {
        Map<String, SortedMap<String, String>> copy = new LinkedHashMap<>();
        classFiles.forEach((name, files) -> copy.put(name, Collections.unmodifiableSortedMap(
                new TreeMap<>(files))));
        this.userClasses = Collections.unmodifiableMap(copy);
        return this;
    }

    /** The class files of the run's classes of one's own, by class name (empty: none, as for every preset). */
    public Map<String, SortedMap<String, String>> userClasses() {
        return userClasses;
    }

    /** Set from the snapshot a run resumes from: its seconds before it ({@link #secondsSoFar}). */
    void earlierSeconds(double[] seconds) {
        this.earlierSeconds = seconds.clone();
    }

    /** Set from the snapshot a run resumes from: its own clocks before it ({@link #clocksSoFar}); null: not recorded. */
    void earlierClocks(OwnClocks clocks) {
        this.earlierClocks = clocks;
    }

    /** The (temporary) run directory the tables go to; null for a run in memory. */
    public Path dir() {
        return dir;
    }

    /** Whether the run goes on from its resume snapshot (see the constructor). */
    public boolean resume() {
        return resume;
    }

    /** Writes what has been recorded so far (the rows of the three tables), for a resume snapshot. */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(rows.size());
        for (Map<String, Double> r : rows) {
            out.writeInt(r.size());
            for (Map.Entry<String, Double> e : r.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
        }
        out.writeInt(traces.size());
        for (List<?> t : traces) { // step, phase, episode, projection, total |w|, mean
            out.writeLong((Long) t.get(0));
            out.writeUTF((String) t.get(1));
            out.writeInt((Integer) t.get(2));
            out.writeUTF((String) t.get(3));
            out.writeDouble((Double) t.get(4));
            out.writeDouble((Double) t.get(5));
        }
        out.writeInt(histograms.size());
        for (List<?> h : histograms) { // episode, when, projection, bin_lo, bin_hi, count
            out.writeInt((Integer) h.get(0));
            out.writeUTF((String) h.get(1));
            out.writeUTF((String) h.get(2));
            out.writeDouble((Double) h.get(3));
            out.writeDouble((Double) h.get(4));
            out.writeLong((Long) h.get(5));
        }
    }

    /** Replaces what has been recorded with what {@link #writeState} wrote, when a run resumes. */
    public void readState(DataInput in) throws IOException {
        rows.clear();
        traces.clear();
        histograms.clear();
        for (int i = 0, n = count(in); i < n; i++) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (int k = 0, m = count(in); k < m; k++) {
                row.put(in.readUTF(), in.readDouble());
            }
            rows.add(row);
        }
        for (int i = 0, n = count(in); i < n; i++) {
            traces.add(List.of(in.readLong(), in.readUTF(), in.readInt(), in.readUTF(), in.readDouble(), in.readDouble()));
        }
        for (int i = 0, n = count(in); i < n; i++) {
            histograms.add(List.of(in.readInt(), in.readUTF(), in.readUTF(), in.readDouble(), in.readDouble(),
                    in.readLong()));
        }
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative count " + n);
        }
        return n;
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

    @Override
    public void note(String phase, String note) {
        progress.note(phase, note);
    }

    /** The metrics.csv rows recorded so far, one per checkpoint (the live list). */
    public List<Map<String, Double>> rows() {
        return rows;
    }

    /**
     * metrics.csv's columns: every row's, each new one placed after the column its row has before it, so that a
     * column the first rows lack keeps its usual place. A run resumed from a snapshot written before a column existed
     * (its rows without {@code presentations}) had it last, after all the columns the rows before the resume have;
     * rows that have the same columns (a run's, otherwise) give their order unchanged.
     */
    static List<String> columns(List<Map<String, Double>> rows) {
        List<String> columns = new ArrayList<>();
        for (Map<String, Double> r : rows) {
            int after = 0; // where the row's next new column goes: just after the row's column before it
            for (String c : r.keySet()) {
                int at = columns.indexOf(c);
                if (at < 0) {
                    columns.add(after, c);
                    at = after;
                }
                after = at + 1;
            }
        }
        return columns;
    }

    /** Writes every table now (nothing without a directory). */
    public void flush() {
        if (dir == null) {
            return;
        }
        try {
            List<String> columns = columns(rows);
            List<List<?>> table = new ArrayList<>();
            for (Map<String, Double> r : rows) {
                List<Object> line = new ArrayList<>();
                for (String c : columns) {
                    Double v = r.get(c);
                    line.add(v == null || v.isNaN() ? "" : Csv.number(v));
                }
                table.add(line);
            }
            AtomicFiles.write(dir.resolve(RunDirectory.METRICS), Csv.toString(columns, table));
            AtomicFiles.write(dir.resolve(RunDirectory.SLEEP_TRACES),
                    Csv.toString(RunDirectory.SleepTraces.COLUMNS, traces));
            AtomicFiles.write(dir.resolve(RunDirectory.WEIGHT_HISTOGRAMS),
                    Csv.toString(RunDirectory.WeightHistograms.COLUMNS, histograms));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tables of " + dir + ": " + e.getMessage(), e);
        }
    }
}
