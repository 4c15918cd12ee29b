package io.somnus.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A JMH profiler ({@code -prof io.somnus.bench.CpuTimeProfiler}) that reports, beside a benchmark's score, the CPU time
 * its benchmark threads took per operation ({@value #LABEL}, in the score's time unit per op): on a busy host a thread
 * that waits for a CPU stretches the wall-time score but not its CPU time, so two builds can be compared on it
 * (docs/performance.md, "Kernel microbenchmarks (JMH)"). Each iteration's figure is the CPU time (ThreadMXBean) of
 * JMH's worker threads from before the iteration to after it, over the operations JMH measured in it (all threads'),
 * so it also holds the workers' share of the iteration's setup and synchronisation, which the score leaves out: a few
 * per cent of an iteration of short operations, nothing against a second's worth of them.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    /** The secondary result's name. */
    static final String LABEL = "cpu.time/op";

    /** JMH names its worker threads {@code <benchmark>-jmh-worker-<n>} (WorkerThreadFactories). */
    static final String WORKER_NAME = "-jmh-worker-";

    /** The CPU time of the benchmark's worker threads, by thread id, in ns. */
    interface WorkerClock {
        /** Each live worker thread's CPU time so far (threads whose CPU time the JVM cannot tell left out). */
        Map<Long, Long> cpuNanos();
    }

    /** The JVM's clock: ThreadMXBean's CPU time of the live threads JMH named as workers. */
    static final WorkerClock JVM = () -> {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> out = new HashMap<>();
        if (!threads.isThreadCpuTimeSupported()) {
            return out;
        }
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (t != null && t.getThreadName().contains(WORKER_NAME)) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                if (cpu >= 0) {
                    out.put(t.getThreadId(), cpu);
                }
            }
        }
        return out;
    };

    private final WorkerClock clock;
    private Map<Long, Long> before = Map.of();

    /** On the JVM's clock: what {@code -prof} instantiates. */
    public CpuTimeProfiler() {
        this(JVM);
    }

    CpuTimeProfiler(WorkerClock clock) {
        this.clock = clock;
    }

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation (ThreadMXBean), beside the wall-time score";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = clock.cpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long cpu = cpuSince(before, clock.cpuNanos());
        long ops = result.getMetadata().getMeasuredOps();
        if (cpu < 0 || ops <= 0) {
            return List.of(); // no worker's CPU time to tell, or nothing measured
        }
        TimeUnit unit = benchmarkParams.getTimeUnit();
        return List.of(new ScalarResult(LABEL, perOp(cpu, ops, unit), shortName(unit) + "/op", AggregationPolicy.AVG));
    }

    /**
     * The worker threads' CPU nanoseconds from {@code start} to {@code end}: each thread's rise, a thread born since
     * counted from 0 (JMH starts its workers in the first iteration); -1 where no worker was seen at the end.
     */
    static long cpuSince(Map<Long, Long> start, Map<Long, Long> end) {
        if (end.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (Map.Entry<Long, Long> e : end.entrySet()) {
            sum += e.getValue() - start.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** {@code cpuNanos} over {@code ops} operations, in {@code unit} per operation. */
    static double perOp(long cpuNanos, long ops, TimeUnit unit) {
        return cpuNanos / (double) unit.toNanos(1) / ops;
    }

    /** The unit as JMH prints a score's ("ns", "us", "ms", "s", "min", "hr", "day"). */
    static String shortName(TimeUnit unit) {
        return TimeValue.tuToString(unit);
    }
}
