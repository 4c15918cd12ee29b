package io.somnus.experiment.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.OperatingSystemMXBean;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.model.OwnClocks;
import io.somnus.sg.SgThreading;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A run's CPU time beside its wall time, so that its phase seconds (timing.json's, wall time) can be priced as CPU
 * time: what the run costs with a core to itself, however loaded the host was. Its share is its CPU seconds per wall
 * second over the same span; {@code --estimate} scales each phase by it (the load taken as even over the run).
 * <p>
 * Which CPU time: {@link Measure#THREAD}, the run's thread's, where the run does all its work on that thread (an
 * STDP-SNN run with one evaluation thread; an SG-SNN run with one OpenBLAS thread, which runs its products on the
 * caller's thread, that handed no work to a second SG thread: under {@code auto}, beside other runs that keep the
 * processors busy); it leaves out the JIT's and the garbage collector's threads. {@link Measure#PROCESS}, the
 * JVM's, where a run takes more threads than its own (evaluation threads, a second SG thread, OpenBLAS's native
 * threads, which {@link ThreadMXBean} cannot see): the JVM's CPU over a run is that run's only while no other run
 * shares the JVM. Every run directory records its measure in timing.json ({@link #TIMING_FIELD},
 * docs/run-directory.md). A resumed run's seconds are the whole run's: its resume snapshot carries those before it,
 * and which clocks were the run's own before it ({@link OwnClocks}): a clock prices a resumed run only where it was
 * its own in every part.
 */
public final class RunCpuTime {
    /** timing.json's field that holds a run's CPU time ({@link #timingBlock}). */
    public static final String TIMING_FIELD = "run_cpu";

    private RunCpuTime() {
    }

    /** Which CPU time a run's share is of. */
    public enum Measure {
        /** The CPU time of the thread that runs it. */
        THREAD,
        /** The CPU time of the whole JVM. */
        PROCESS;

        /** As timing.json writes it: {@code thread}, {@code process}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
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
            return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : -1;
        }
    };

    /**
     * One reading of the three clocks.
     *
     * @param wallNanos       wall time (ns)
     * @param threadCpuNanos  CPU time of the reading thread (ns); -1 where unavailable
     * @param processCpuNanos CPU time of the JVM (ns); -1 where unavailable
     */
    public record Reading(long wallNanos, long threadCpuNanos, long processCpuNanos) {
        /** The clocks now, read on the calling thread. */
        public static Reading of(Clock clock) {
            return new Reading(clock.wallNanos(), clock.threadCpuNanos(), clock.processCpuNanos());
        }

        /** The seconds on each clock from this reading to {@code end}, a CPU figure NaN where its clock is unavailable. */
        public Seconds until(Reading end) {
            return new Seconds((end.wallNanos - wallNanos) / 1e9, since(threadCpuNanos, end.threadCpuNanos),
                    since(processCpuNanos, end.processCpuNanos));
        }

        private static double since(long start, long end) {
            return start < 0 || end < 0 ? Double.NaN : (end - start) / 1e9;
        }
    }

    /**
     * A span's seconds on each clock (a CPU figure NaN where its clock is unavailable).
     *
     * @param wall       wall seconds
     * @param threadCpu  CPU seconds of the run's thread
     * @param processCpu CPU seconds of the JVM
     */
    public record Seconds(double wall, double threadCpu, double processCpu) {
        /** From {@link #toArray}'s order: wall, thread CPU, process CPU. */
        public static Seconds of(double[] wallThreadProcess) {
            return new Seconds(wallThreadProcess[0], wallThreadProcess[1], wallThreadProcess[2]);
        }

        /** Wall, thread CPU and process CPU seconds, as a run's resume snapshot carries them. */
        public double[] toArray() {
            return new double[] {wall, threadCpu, processCpu};
        }

        /** CPU seconds per wall second on {@code measure}'s clock; NaN where that clock or the wall time is missing. */
        public double share(Measure measure) {
            double cpu = measure == Measure.THREAD ? threadCpu : processCpu;
            return wall > 0 && !Double.isNaN(cpu) ? cpu / wall : Double.NaN;
        }
    }

    /**
     * Whether an SG-SNN run under {@code sg} with {@code blasThreads} OpenBLAS threads does all its work on its own
     * thread ({@link Measure#THREAD}), else {@link Measure#PROCESS}: a second SG thread and OpenBLAS's own threads are
     * out of the run thread's sight.
     */
    public static Measure sgMeasure(SgThreading sg, int blasThreads) {
        return sg == SgThreading.ONE && blasThreads == 1 ? Measure.THREAD : Measure.PROCESS;
    }

    /**
     * The threads besides its own that a run of {@code cfg} did work on, in words, or null where it did all its work on
     * the thread that ran it: an STDP-SNN run's evaluation threads ({@code train.eval_threads} other than 1, or 0 on
     * more than one processor); an SG-SNN run's OpenBLAS threads where it takes more than one, or its second thread
     * where it handed work to one over the span ({@code handedOver}, {@link SgThreading#handedOverHere()}'s growth:
     * {@code sg.threads 2}, or {@code auto} while a processor was spare; {@code auto} beside other runs that keep every
     * processor busy hands over nothing, and the run's thread did all its work).
     */
    static String otherThreads(RunConfig cfg, long handedOver) {
        return cfg.match(new RunConfig.Cases<String>() {
            @Override
            public String stdp(StdpRunConfig c) {
                int threads = c.train().resolvedEvalThreads();
                return threads == 1 ? null : threads + " evaluation threads";
            }

            @Override
            public String sg(SgRunConfig c) {
                int blas = SgThreading.blasThreads();
                return blas > 1 ? blas + " OpenBLAS threads" : handedOver > 0 ? "a second SG thread" : null;
            }
        });
    }

    /**
     * Which CPU time prices a run: its thread's where that was its own (the run did all its work on its thread); else
     * the JVM's where the run had it to itself; else none (null: its wall time prices it).
     */
    static Measure measure(OwnClocks own) {
        return own.threadOwn() ? Measure.THREAD : own.processOwn() ? Measure.PROCESS : null;
    }

    /**
     * timing.json's {@value #TIMING_FIELD}: the span's {@code wall_seconds}, {@code thread_cpu_seconds} and
     * {@code process_cpu_seconds} (-1 where the JVM cannot measure it), the {@code measure} that prices it
     * ({@code thread}, {@code process}, or {@code none}) and its {@code cpu_share} on that clock (null where none,
     * and then {@code none_because}, why in words).
     *
     * @param own which clocks were the run's own over the span ({@link #measure}); a resumed run's, over both parts
     */
    static Map<String, Object> timingBlock(Seconds s, OwnClocks own) {
        Measure measure = measure(own);
        double share = measure == null ? Double.NaN : s.share(measure);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall_seconds", s.wall());
        m.put("thread_cpu_seconds", Double.isNaN(s.threadCpu()) ? -1.0 : s.threadCpu());
        m.put("process_cpu_seconds", Double.isNaN(s.processCpu()) ? -1.0 : s.processCpu());
        m.put("measure", Double.isNaN(share) ? "none" : measure.label());
        m.put("cpu_share", Double.isNaN(share) ? null : share);
        if (Double.isNaN(share)) {
            m.put("none_because", measure == null
                    ? "the run worked on " + own.otherThreads() + " besides its own while " + own.sharedJvm() + ": "
                    + "neither its thread's CPU time nor the JVM's is its own"
                    : !(s.wall() > 0) ? "no wall time passed"
                    : "this JVM does not measure " + (measure == Measure.THREAD ? "a thread's" : "its") + " CPU time");
        }
        return m;
    }

    /**
     * The CPU share a finished run recorded in its timing.json ({@link #timingBlock}): NaN where it recorded none (a
     * run written before 7 Dec 2026, or one whose CPU time was not its own alone), for its wall time to price it.
     */
    public static double recordedShare(JsonNode timing) {
        JsonNode share = timing.path(TIMING_FIELD).path("cpu_share");
        return share.isNumber() && share.asDouble() > 0 ? share.asDouble() : Double.NaN;
    }
}
