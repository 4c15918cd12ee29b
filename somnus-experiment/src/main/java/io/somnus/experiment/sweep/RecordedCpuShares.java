package io.somnus.experiment.sweep;

import io.somnus.experiment.io.JsonFiles;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.run.RunCpuTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The CPU shares the finished runs of a sweep directory recorded in their timing.json ({@link RunCpuTime}), for
 * {@code --estimate --calibration DIR} to price their phases as CPU time
 * ({@link MeasuredCosts#calibrate(Path, java.util.function.Function, ToDoubleFunction)}): a run that recorded none (one
 * written before 7 Dec 2026, or one that shared its JVM with other runs while it took threads of its own) is priced at
 * its wall time, share 1. It remembers which runs it priced either way, for the estimate to say so.
 */
public final class RecordedCpuShares implements ToDoubleFunction<String> {
    private final Path runs;
    private final Set<String> priced = new TreeSet<>();
    private final Set<String> wall = new TreeSet<>();

    /** The shares of the runs under {@code sweepDir}'s runs/. */
    public RecordedCpuShares(Path sweepDir) {
        this.runs = sweepDir.resolve(SweepRunner.RUNS_DIR);
    }

    /**
     * The CPU seconds per wall second run {@code runId} recorded; 1 (its wall time) where it recorded none.
     *
     * @throws UncheckedIOException naming the file where the run's timing.json cannot be read
     */
    @Override
    public double applyAsDouble(String runId) {
        Path timing = runs.resolve(runId).resolve(RunDirectory.TIMING);
        double share;
        try {
            share = RunCpuTime.recordedShare(JsonFiles.readObject(timing));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // the message names the file
        }
        (Double.isNaN(share) ? wall : priced).add(runId);
        return Double.isNaN(share) ? 1 : share;
    }

    /** The runs asked for so far that recorded a CPU share. */
    public Set<String> priced() {
        return Set.copyOf(priced);
    }

    /** The runs asked for so far that recorded none, priced at their wall time. */
    public Set<String> wallTime() {
        return Set.copyOf(wall);
    }
}
