package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.sweep.RecordedCpuShares;
import io.somnus.experiment.sweep.StudyEstimate;
import io.somnus.experiment.sweep.SweepRunner;
import io.somnus.kernel.Kernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each run records its CPU time in timing.json (run_cpu), read on a fake clock here, and {@code --calibration DIR}
 * prices its phases by it: a run that got a quarter of a core costs a quarter of its wall time; a run that recorded
 * nothing (written before it was recorded) costs its wall time, as before.
 */
class RunCpuTimeTest {
    @TempDir
    Path tmp;

    /** Each reading advances 40 s of wall time, 10 s of the run thread's CPU and 12 s of the JVM's: a share of 1/4. */
    private static final class QuarterCoreClock implements RunCpuTime.Clock {
        private long readings;

        @Override
        public long wallNanos() {
            return ++readings * 40_000_000_000L;
        }

        @Override
        public long threadCpuNanos() {
            return readings * 10_000_000_000L;
        }

        @Override
        public long processCpuNanos() {
            return readings * 12_000_000_000L;
        }
    }

    @Test
    void theSharesArithmeticAndTheBlockTimingJsonHolds() {
        RunCpuTime.Seconds s = new RunCpuTime.Reading(100_000_000_000L, 7_000_000_000L, 30_000_000_000L)
                .until(new RunCpuTime.Reading(140_000_000_000L, 17_000_000_000L, 42_000_000_000L));
        assertEquals(0.25, s.share(RunCpuTime.Measure.THREAD), 1e-12);
        assertEquals(0.3, s.share(RunCpuTime.Measure.PROCESS), 1e-12);
        Map<String, Object> block = RunCpuTime.timingBlock(s, RunCpuTime.Measure.THREAD);
        assertEquals(Map.of("wall_seconds", 40.0, "thread_cpu_seconds", 10.0, "process_cpu_seconds", 12.0,
                "measure", "thread", "cpu_share", 0.25), block);
        // no clock of the JVM's: -1 as presentation_cpu_seconds, and no share
        RunCpuTime.Seconds wallOnly = new RunCpuTime.Reading(0, -1, -1).until(new RunCpuTime.Reading(40_000_000_000L, -1,
                -1));
        Map<String, Object> none = RunCpuTime.timingBlock(wallOnly, RunCpuTime.Measure.PROCESS);
        assertEquals(-1.0, none.get("thread_cpu_seconds"));
        assertEquals("none", none.get("measure"));
        assertTrue(none.containsKey("cpu_share") && none.get("cpu_share") == null, none.toString());
        // a run with threads of its own that shared the JVM with other runs: neither clock is its own
        assertEquals(null, RunCpuTime.measure(false, false));
        assertEquals(RunCpuTime.Measure.PROCESS, RunCpuTime.measure(false, true));
        assertEquals(RunCpuTime.Measure.THREAD, RunCpuTime.measure(true, false));
    }

    /** A small paper run on geomfig, one evaluation thread (all its work on its thread), as runs/&lt;id&gt; of a sweep. */
    private Path run(Path sweep, String id, int seed, RunCpuTime.Clock clock) throws Exception {
        return run(sweep, id, seed, 1, clock);
    }

    /** As above, on {@code evalThreads} evaluation threads. */
    private Path run(Path sweep, String id, int seed, int evalThreads, RunCpuTime.Clock clock) throws Exception {
        ObjectNode config = new StandardResolver().resolve(Map.of("preset", "paper", "dataset.name", "geomfig",
                "train.images", 40, "train.validation_images", 20, "train.test_images", 20, "train.checkpoints", 1,
                "train.eval_threads", evalThreads, "sleep.fraction", 0.5, "sleep.wake_steps", 3500, "seed", seed));
        Path dir = sweep.resolve(SweepRunner.RUNS_DIR).resolve(id);
        new StandardRunExecutor(Kernels.preferred()).cpuClock(clock).execute(config, dir, RunProgress.NONE);
        return dir;
    }

    @Test
    void aCalibrationDirWhoseRunsRecordedAQuarterCoreIsPricedAtItsCpuTimeAndOldRunsAtTheirWallTime() throws Exception {
        Path sweep = tmp.resolve("pilot");
        Path dir = run(sweep, "p1", 1, new QuarterCoreClock());
        JsonNode timing = Mappers.JSON.readTree(dir.resolve("timing.json").toFile());
        JsonNode cpu = timing.path(RunCpuTime.TIMING_FIELD);
        assertEquals("thread", cpu.path("measure").asText(), timing.toString());
        assertEquals(0.25, cpu.path("cpu_share").asDouble(), 1e-12);
        assertEquals(40, cpu.path("wall_seconds").asDouble(), 1e-9);
        assertEquals(10, cpu.path("thread_cpu_seconds").asDouble(), 1e-9);
        assertTrue(timing.has("evaluation_seconds") && timing.has("wall_seconds"), "the phases as before");

        // priced by what it recorded: each phase's seconds per unit a quarter of its wall time's
        RecordedCpuShares shares = new RecordedCpuShares(sweep);
        StudyEstimate.UnitCosts priced = StudyEstimate.calibrate(sweep, StudyEstimate.BY_PRESET, shares).get("paper");
        StudyEstimate.UnitCosts wall = StudyEstimate.calibrate(sweep, StudyEstimate.BY_PRESET).get("paper");
        assertTrue(wall.train() > 0 && wall.sleep() > 0 && wall.evaluation() > 0, wall.toString());
        assertEquals(wall.train() / 4, priced.train(), wall.train() * 1e-12);
        assertEquals(wall.sleep() / 4, priced.sleep(), wall.sleep() * 1e-12);
        assertEquals(wall.evaluation() / 4, priced.evaluation(), wall.evaluation() * 1e-12);
        assertEquals(Set.of("p1"), shares.priced());
        assertEquals(Set.of(), shares.wallTime());

        // the same run as written before run_cpu was recorded: its wall time, and the shares say so
        ObjectNode old = (ObjectNode) timing.deepCopy();
        old.remove(RunCpuTime.TIMING_FIELD);
        Files.writeString(dir.resolve("timing.json"), Mappers.JSON.writeValueAsString(old));
        RecordedCpuShares none = new RecordedCpuShares(sweep);
        assertEquals(wall, StudyEstimate.calibrate(sweep, StudyEstimate.BY_PRESET, none).get("paper"));
        assertEquals(Set.of("p1"), none.wallTime());
        assertEquals(Set.of(), none.priced());
    }

    @Test
    void aRunWithThreadsOfItsOwnAloneInTheJvmIsPricedAtTheJvmsCpuTimeBesideAnotherRunAtNone() throws Exception {
        // two evaluation threads: the run's thread does not see their CPU time, the JVM's does (12 s of 40: 0.3)
        Path alone = run(tmp.resolve("alone"), "p2", 2, 2, new QuarterCoreClock());
        JsonNode cpu = Mappers.JSON.readTree(alone.resolve("timing.json").toFile()).path(RunCpuTime.TIMING_FIELD);
        assertEquals("process", cpu.path("measure").asText(), cpu.toString());
        assertEquals(0.3, cpu.path("cpu_share").asDouble(), 1e-12);

        // another run in progress meanwhile (as a sweep's second worker): the JVM's CPU time is not this run's alone
        Path shared;
        try (io.somnus.core.ActiveRuns.Entry other = io.somnus.core.ActiveRuns.enter()) {
            shared = run(tmp.resolve("shared"), "p3", 3, 2, new QuarterCoreClock());
        }
        JsonNode none = Mappers.JSON.readTree(shared.resolve("timing.json").toFile()).path(RunCpuTime.TIMING_FIELD);
        assertEquals("none", none.path("measure").asText(), none.toString());
        assertTrue(none.path("cpu_share").isNull(), none.toString());
        assertEquals(1, new RecordedCpuShares(tmp.resolve("shared")).applyAsDouble("p3"), 0, "its wall time prices it");
    }
}
