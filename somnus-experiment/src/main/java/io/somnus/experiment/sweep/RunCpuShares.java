package io.somnus.experiment.sweep;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU time each calibration run of {@code --estimate} consumed, as a share of its wall time, so that its phase
 * seconds (timing.json's, wall time) can be priced as CPU time: what a run costs when it has a core to itself, whatever
 * else the host runs meanwhile ({@link StudyEstimate#calibrate(java.nio.file.Path, java.util.function.Function,
 * java.util.function.ToDoubleFunction)}). A run's share is its CPU seconds over its wall seconds, both read on the
 * worker thread when the run starts and when it finishes; each phase is scaled by it (the load taken as even over a
 * run of a minute or so).
 * <p>
 * Which CPU time: {@link Measure#THREAD}, the run's thread's, where the run does all its work on that thread (an
 * STDP-SNN run with {@code train.eval_threads} 1, as the calibration sets; an SG-SNN run on one thread with its
 * products on one OpenBLAS thread, which runs them on the caller's thread): it leaves out the JIT's and the garbage
 * collector's threads, which the short calibration runs keep busier than a long run does. {@link Measure#PROCESS},
 * the JVM's, where a run takes more threads than its own (a second SG thread, OpenBLAS's own native threads, which
 * {@link ThreadMXBean} cannot see): the runs go one at a time, so the JVM's CPU over a run is that run's, with the JIT
 * and the collector. Where the JVM measures neither, the share is 1: the wall time, as before.
 */
public final class RunCpuShares implements SweepListener {
    /** Which CPU time a run's share is of. */
    public enum Measure {
        /** The CPU time of the thread that runs it. */
        THREAD,
        /** The CPU time of the whole JVM. */
        PROCESS
    }

    /** The clocks a run is measured on, in nanoseconds; a CPU clock reads -1 where the JVM cannot measure it. */
    public interface Clock {
        /** Wall time, e.g. {@link System#nanoTime()}. */
        long wallNanos();

        /** CPU time of the calling thread; -1 where unavailable. */
        long threadCpuNanos();

        /** CPU time of the whole JVM; -1 where unavailable. */
        long processCpuNanos();
    }

    /** The JVM's clocks: {@link System#nanoTime()}, {@link ThreadMXBean} and the OS bean's process CPU time. */
    public static final Clock JVM = new Clock() {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        @Override
        public long wallNanos() {
            return System.nanoTime();
        }

        @Override
        public long threadCpuNanos() {
            return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        }

        @Override
        public long processCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : -1;
        }
    };

    /**
     * One finished run's seconds on each clock (a CPU figure NaN where its clock is unavailable).
     *
     * @param wall       wall seconds from its start to its end
     * @param threadCpu  CPU seconds of its thread
     * @param processCpu CPU seconds of the JVM meanwhile
     */
    public record Seconds(double wall, double threadCpu, double processCpu) { }

    private final Clock clock;
    private final Measure measure;
    private final Map<String, long[]> started = new ConcurrentHashMap<>();
    private final Map<String, Seconds> finished = new ConcurrentHashMap<>();

    /** Measures runs on {@code clock}, their shares of {@code measure}'s CPU time. */
    public RunCpuShares(Clock clock, Measure measure) {
        this.clock = clock;
        this.measure = measure;
    }

    @Override
    public void runStarted(int worker, String runId) {
        started.put(runId, new long[] {clock.wallNanos(), clock.threadCpuNanos(), clock.processCpuNanos()});
    }

    @Override
    public void runFinished(int worker, RunOutcome outcome) {
        long[] s = started.remove(outcome.runId());
        if (s == null) {
            return;
        }
        long wall = clock.wallNanos() - s[0];
        finished.put(outcome.runId(), new Seconds(wall / 1e9, since(s[1], clock.threadCpuNanos()),
                since(s[2], clock.processCpuNanos())));
    }

    private static double since(long start, long end) {
        return start < 0 || end < 0 ? Double.NaN : (end - start) / 1e9;
    }

    /**
     * The CPU seconds per wall second of the finished run {@code runId} on {@link #measure()}'s clock: 1 (its wall
     * time) where that clock is unavailable or the run was not measured.
     */
    public double share(String runId) {
        Seconds s = finished.get(runId);
        if (s == null || !(s.wall() > 0)) {
            return 1;
        }
        double cpu = measure == Measure.THREAD ? s.threadCpu() : s.processCpu();
        return Double.isNaN(cpu) ? 1 : cpu / s.wall();
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
