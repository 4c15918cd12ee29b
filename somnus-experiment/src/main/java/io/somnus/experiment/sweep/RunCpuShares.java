package io.somnus.experiment.sweep;

import io.somnus.experiment.run.RunCpuTime;
import io.somnus.experiment.run.RunCpuTime.Clock;
import io.somnus.experiment.run.RunCpuTime.Measure;
import io.somnus.experiment.run.RunCpuTime.Reading;
import io.somnus.experiment.run.RunCpuTime.Seconds;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU time each calibration run of {@code --estimate} consumed, as a share of its wall time, so that its phase
 * seconds (timing.json's, wall time) can be priced as CPU time: what a run costs when it has a core to itself, whatever
 * else the host runs meanwhile ({@link MeasuredCosts#calibrate(java.nio.file.Path, java.util.function.Function,
 * java.util.function.ToDoubleFunction)}). A run's share is its CPU seconds over its wall seconds, both read on the
 * worker thread when the run starts and when it finishes; each phase is scaled by it (the load taken as even over a
 * run of a minute or so).
 * <p>
 * Which CPU time: {@link Measure#THREAD}, the run's thread's, where the run does all its work on that thread (an
 * STDP-SNN run with {@code train.eval_threads} 1, as the calibration sets; an SG-SNN run on one thread with its
 * products on one OpenBLAS thread, which runs them on the caller's thread): it leaves out the JIT's and the garbage
 * collector's threads, which the short calibration runs keep busier than a long run does. {@link Measure#PROCESS},
 * the JVM's, where a run takes more threads than its own (a second SG thread, OpenBLAS's own native threads, which
 * {@link java.lang.management.ThreadMXBean} cannot see): the runs go one at a time, so the JVM's CPU over a run is that
 * run's, with the JIT and the collector. Where the JVM measures neither, the share is 1: the wall time, as before. The
 * clocks, measures and the arithmetic are {@link RunCpuTime}'s, which also records each run's own share in its
 * timing.json (what {@code --calibration DIR} prices by, {@link RecordedCpuShares}).
 */
public final class RunCpuShares implements SweepListener {
    private final Clock clock;
    private final Measure measure;
    private final Map<String, Reading> started = new ConcurrentHashMap<>();
    private final Map<String, Seconds> finished = new ConcurrentHashMap<>();

    /** Measures runs on {@code clock}, their shares of {@code measure}'s CPU time. */
    public RunCpuShares(Clock clock, Measure measure) {
        this.clock = clock;
        this.measure = measure;
    }

    @Override
    public void runStarted(int worker, String runId) {
        started.put(runId, Reading.of(clock));
    }

    @Override
    public void runFinished(int worker, RunOutcome outcome) {
        Reading s = started.remove(outcome.runId());
        if (s != null) {
            finished.put(outcome.runId(), s.until(Reading.of(clock)));
        }
    }

    /**
     * The CPU seconds per wall second of the finished run {@code runId} on {@link #measure()}'s clock: 1 (its wall
     * time) where that clock is unavailable or the run was not measured.
     */
    public double share(String runId) {
        Seconds s = finished.get(runId);
        double share = s == null ? Double.NaN : s.share(measure);
        return Double.isNaN(share) ? 1 : share;
    }

    /** Which CPU time the shares are of. */
    public Measure measure() {
        return measure;
    }

    /** The finished runs' seconds on each clock, summed (a CPU sum NaN where its clock was unavailable). */
    public Seconds total() {
        double wall = 0;
        double thread = 0;
        double process = 0;
        for (Seconds s : finished.values()) {
            wall += s.wall();
            thread += s.threadCpu();
            process += s.processCpu();
        }
        return new Seconds(wall, thread, process);
    }
}
