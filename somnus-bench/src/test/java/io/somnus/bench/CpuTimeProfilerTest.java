package io.somnus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;
import org.junit.jupiter.api.Test;

/** The profiler's CPU time per operation, on a fake clock of the worker threads and a hand-built JMH result. */
class CpuTimeProfilerTest {
    /** A clock that hands out the given readings, one per call. */
    private static CpuTimeProfiler.WorkerClock readings(List<Map<Long, Long>> list) {
        Deque<Map<Long, Long>> left = new ArrayDeque<>(list);
        return left::removeFirst;
    }

    private static BenchmarkParams params(TimeUnit unit) {
        IterationParams it = new IterationParams(IterationType.MEASUREMENT, 3, TimeValue.seconds(1), 1);
        return new BenchmarkParams("io.somnus.bench.X.step", "io.somnus.bench.jmh_generated.X_step_jmhTest.step", false,
                1, new int[] {1}, List.of(), 1, 0, it, it, Mode.AverageTime, new WorkloadParams(), unit, 1, "java",
                List.of(), "17", "vm", "17", "1.37", TimeValue.minutes(10));
    }

    /** Runs one iteration of {@code ops} measured operations (of {@code allOps}) between the clock's two readings. */
    private static Collection<? extends Result> iteration(Map<Long, Long> before, Map<Long, Long> after, long allOps,
            long ops, TimeUnit unit) {
        CpuTimeProfiler p = new CpuTimeProfiler(readings(List.of(before, after)));
        BenchmarkParams bp = params(unit);
        p.beforeIteration(bp, bp.getMeasurement());
        return p.afterIteration(bp, bp.getMeasurement(),
                new IterationResult(bp, bp.getMeasurement(), new IterationResultMetaData(allOps, ops)));
    }

    @Test
    void theWorkersCpuTimeOverTheMeasuredOperationsInTheScoresUnit() {
        // worker 1 took 400 µs of CPU, worker 2 none, worker 3 (born in the iteration) 200 µs: 600 µs over 1 000 ops
        Map<Long, Long> before = Map.of(1L, 1_000L, 2L, 5_000L);
        Map<Long, Long> after = Map.of(1L, 401_000L, 2L, 5_000L, 3L, 200_000L);
        Result ns = iteration(before, after, 1_200, 1_000, TimeUnit.NANOSECONDS).iterator().next();
        assertEquals(CpuTimeProfiler.LABEL, ns.getLabel());
        assertEquals(600.0, ns.getScore(), 1e-9);
        assertEquals("ns/op", ns.getScoreUnit());
        Result us = iteration(before, after, 1_200, 1_000, TimeUnit.MICROSECONDS).iterator().next();
        assertEquals(0.6, us.getScore(), 1e-12);
        assertEquals("us/op", us.getScoreUnit());
    }

    @Test
    void nothingWhereNoWorkerWasSeenOrNothingWasMeasured() {
        assertTrue(iteration(Map.of(), Map.of(), 10, 10, TimeUnit.NANOSECONDS).isEmpty());
        assertTrue(iteration(Map.of(1L, 0L), Map.of(1L, 50L), 0, 0, TimeUnit.NANOSECONDS).isEmpty());
    }

    @Test
    void theJvmsClockSeesOnlyThreadsNamedAsJmhsWorkers() throws Exception {
        long[] id = new long[1];
        Thread worker = new Thread(() -> {
            id[0] = Thread.currentThread().getId();
            long x = 0;
            for (int i = 0; i < 1_000_000; i++) {
                x += i * 31L;
            }
            synchronized (id) {
                try {
                    id.wait(10_000); // stay alive to be read
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            assertTrue(x != 1);
        }, "io.somnus.bench.X.step" + CpuTimeProfiler.WORKER_NAME + "1");
        worker.setDaemon(true);
        worker.start();
        while (id[0] == 0 || worker.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1);
        }
        Map<Long, Long> seen = CpuTimeProfiler.JVM.cpuNanos();
        synchronized (id) {
            id.notifyAll();
        }
        assertEquals(Set.of(id[0]), seen.keySet(), "the worker, and no other thread: " + seen);
        assertTrue(seen.get(id[0]) >= 0);
    }
}
