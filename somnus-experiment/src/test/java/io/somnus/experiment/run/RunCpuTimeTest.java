package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.core.ActiveRuns;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.OwnClocks;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.model.SnapshotArithmetic;
import io.somnus.experiment.stdp.StdpResumeTest;
import io.somnus.experiment.sweep.RecordedCpuShares;
import io.somnus.experiment.sweep.StudyEstimate;
import io.somnus.experiment.sweep.MeasuredCosts;
import io.somnus.experiment.sweep.SweepRunner;
import io.somnus.kernel.Kernels;
import io.somnus.sg.SgThreading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /**
     * Reads 1 000 s on each clock at its first reading and 1 000 s plus the given seconds at every later one: from the
     * first reading (a run's start) to any later one (a snapshot's, the end) those seconds have passed, however many
     * snapshots read it between.
     */
    private static final class JumpClock implements RunCpuTime.Clock {
        private final double wall;
        private final double thread;
        private final double process;
        private int readings;

        JumpClock(double wallSeconds, double threadCpuSeconds, double processCpuSeconds) {
            this.wall = wallSeconds;
            this.thread = threadCpuSeconds;
            this.process = processCpuSeconds;
        }

        private long nanos(double seconds) {
            return (long) ((1000 + (readings > 1 ? seconds : 0)) * 1e9);
        }

        @Override
        public long wallNanos() { // read first in each reading
            readings++;
            return nanos(wall);
        }

        @Override
        public long threadCpuNanos() {
            return nanos(thread);
        }

        @Override
        public long processCpuNanos() {
            return nanos(process);
        }
    }

    /** 40 s of wall time, 10 s of the run thread's CPU and 12 s of the JVM's: a share of 1/4 (of 0.3 for the JVM). */
    private static JumpClock quarterCore() {
        return new JumpClock(40, 10, 12);
    }

    /**
     * A run cut short and resumed records in run_cpu the seconds before its last snapshot plus those after the resume:
     * 30 s of wall time on a full core before (JVM 33 s), 90 s on a sixth of one after (JVM 18 s), so 120 s at a share
     * of 45/120, not the resumed part's 1/6.
     */
    @Test
    void aRunCutShortAndResumedRecordsTheCpuTimeOfBothParts() throws Exception {
        ObjectNode config = StdpResumeTest.config("paper"); // one evaluation thread
        Path dir = tmp.resolve("cut");
        assertThrows(IllegalStateException.class, () -> new StandardRunExecutor()
                .cpuClock(new JumpClock(30, 30, 33)).execute(config, dir, StdpResumeTest
                        .stopAt(21))); // after the snapshots of the checkpoints at images 10 and 20
        assertTrue(Files.exists(dir.resolve(RunDirectory.RESUME_SNAPSHOT)));
        new StandardRunExecutor().cpuClock(new JumpClock(90, 15, 18)).resume(dir, RunProgress.NONE);
        JsonNode cpu = Mappers.JSON.readTree(dir.resolve("timing.json").toFile()).path(RunCpuTime.TIMING_FIELD);
        assertEquals(120, cpu.path("wall_seconds").asDouble(), 1e-9, cpu.toString());
        assertEquals(45, cpu.path("thread_cpu_seconds").asDouble(), 1e-9, cpu.toString());
        assertEquals(51, cpu.path("process_cpu_seconds").asDouble(), 1e-9, cpu.toString());
        assertEquals("thread", cpu.path("measure").asText());
        assertEquals(45.0 / 120, cpu.path("cpu_share").asDouble(), 1e-12);

        // a snapshot written before the seconds were carried (version 2) still resumes: its run_cpu, the part after
        Path old = tmp.resolve("cut-v2");
        assertThrows(IllegalStateException.class, () -> new StandardRunExecutor()
                .cpuClock(new JumpClock(30, 30, 33)).execute(config, old, StdpResumeTest
                        .stopAt(21)));
        SnapshotArithmetic.toVersion2(old.resolve(
                RunDirectory.RESUME_SNAPSHOT));
        new StandardRunExecutor().cpuClock(new JumpClock(90, 15, 18)).resume(old, RunProgress.NONE);
        JsonNode after = Mappers.JSON.readTree(old.resolve("timing.json").toFile()).path(RunCpuTime.TIMING_FIELD);
        assertEquals(90, after.path("wall_seconds").asDouble(), 1e-9, after.toString());
        assertEquals(15, after.path("thread_cpu_seconds").asDouble(), 1e-9, after.toString());
        for (String f : StdpResumeTest.RESULTS) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f)),
                    Files.readAllBytes(old.resolve(f)), f);
        }
    }

    @Test
    void theSharesArithmeticAndTheBlockTimingJsonHolds() {
        RunCpuTime.Seconds s = new RunCpuTime.Reading(100_000_000_000L, 7_000_000_000L, 30_000_000_000L)
                .until(new RunCpuTime.Reading(140_000_000_000L, 17_000_000_000L, 42_000_000_000L));
        assertEquals(0.25, s.share(RunCpuTime.Measure.THREAD), 1e-12);
        assertEquals(0.3, s.share(RunCpuTime.Measure.PROCESS), 1e-12);
        Map<String, Object> block = RunCpuTime.timingBlock(s, new OwnClocks(null, null));
        assertEquals(Map.of("wall_seconds", 40.0, "thread_cpu_seconds", 10.0, "process_cpu_seconds", 12.0,
                "measure", "thread", "cpu_share", 0.25), block);
        // no clock of the JVM's: -1 as presentation_cpu_seconds, and no share
        RunCpuTime.Seconds wallOnly = new RunCpuTime.Reading(0, -1, -1).until(new RunCpuTime.Reading(40_000_000_000L, -1,
                -1));
        Map<String, Object> none = RunCpuTime.timingBlock(wallOnly, new OwnClocks("2 evaluation threads", null));
        assertEquals(-1.0, none.get("thread_cpu_seconds"));
        assertEquals("none", none.get("measure"));
        assertTrue(none.containsKey("cpu_share") && none.get("cpu_share") == null, none.toString());
        assertEquals("this JVM does not measure its CPU time", none.get("none_because"));
        // a run with threads of its own that shared the JVM with other runs: neither clock is its own
        assertEquals(null, RunCpuTime.measure(new OwnClocks("2 evaluation threads", OwnClocks.OTHER_RUNS)));
        assertEquals(RunCpuTime.Measure.PROCESS, RunCpuTime.measure(new OwnClocks("2 evaluation threads", null)));
        assertEquals(RunCpuTime.Measure.THREAD, RunCpuTime.measure(new OwnClocks(null, OwnClocks.OTHER_RUNS)));
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
        Path dir = run(sweep, "p1", 1, quarterCore());
        JsonNode timing = Mappers.JSON.readTree(dir.resolve("timing.json").toFile());
        JsonNode cpu = timing.path(RunCpuTime.TIMING_FIELD);
        assertEquals("thread", cpu.path("measure").asText(), timing.toString());
        assertEquals(0.25, cpu.path("cpu_share").asDouble(), 1e-12);
        assertEquals(40, cpu.path("wall_seconds").asDouble(), 1e-9);
        assertEquals(10, cpu.path("thread_cpu_seconds").asDouble(), 1e-9);
        assertTrue(timing.has("evaluation_seconds") && timing.has("wall_seconds"), "the phases as before");

        // priced by what it recorded: each phase's seconds per unit a quarter of its wall time's
        RecordedCpuShares shares = new RecordedCpuShares(sweep);
        StudyEstimate.UnitCosts priced = MeasuredCosts.calibrate(sweep, StudyEstimate.BY_PRESET, shares).get("paper");
        StudyEstimate.UnitCosts wall = MeasuredCosts.calibrate(sweep, StudyEstimate.BY_PRESET).get("paper");
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
        assertEquals(wall, MeasuredCosts.calibrate(sweep, StudyEstimate.BY_PRESET, none).get("paper"));
        assertEquals(Set.of("p1"), none.wallTime());
        assertEquals(Set.of(), none.priced());
    }

    @Test
    void aRunWithThreadsOfItsOwnAloneInTheJvmIsPricedAtTheJvmsCpuTimeBesideAnotherRunAtNone() throws Exception {
        // two evaluation threads: the run's thread does not see their CPU time, the JVM's does (12 s of 40: 0.3)
        Path alone = run(tmp.resolve("alone"), "p2", 2, 2, quarterCore());
        JsonNode cpu = Mappers.JSON.readTree(alone.resolve("timing.json").toFile()).path(RunCpuTime.TIMING_FIELD);
        assertEquals("process", cpu.path("measure").asText(), cpu.toString());
        assertEquals(0.3, cpu.path("cpu_share").asDouble(), 1e-12);

        // another run in progress meanwhile (as a sweep's second worker): the JVM's CPU time is not this run's alone
        Path shared;
        try (ActiveRuns.Entry other = ActiveRuns.enter()) {
            shared = run(tmp.resolve("shared"), "p3", 3, 2, quarterCore());
        }
        JsonNode none = Mappers.JSON.readTree(shared.resolve("timing.json").toFile()).path(RunCpuTime.TIMING_FIELD);
        assertEquals("none", none.path("measure").asText(), none.toString());
        assertTrue(none.path("cpu_share").isNull(), none.toString());
        assertEquals("the run worked on 2 evaluation threads besides its own while other runs shared the JVM: neither "
                + "its thread's CPU time nor the JVM's is its own", none.path("none_because").asText(), none.toString());
        assertEquals(1, new RecordedCpuShares(tmp.resolve("shared")).applyAsDouble("p3"), 0, "its wall time prices it");
    }

    /**
     * An SG-SNN run under {@code sg.threads auto} beside other runs that keep every processor busy hands no work to a
     * second thread (one OpenBLAS thread, as the tests' environment sets): all its work is on its thread, whose CPU
     * time prices it (a quarter of a core here). Under {@code 2} beside the same runs its second thread's work is out
     * of that thread's sight and the JVM's is not its own: no share, and timing.json says why.
     */
    @Test
    void anSgRunUnderAutoBesideBusyRunsIsPricedAtItsThreadsCpuTimeAndOneWithASecondThreadSaysWhyNone() throws Exception {
        assertEquals(1, SgThreading.blasThreads(), "the tests' OPENBLAS_NUM_THREADS=1 (pom.xml)");
        ObjectNode config = sgConfig();
        List<ActiveRuns.Entry> others = new ArrayList<>();
        JsonNode auto;
        JsonNode two;
        try {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) { // no processor to spare
                others.add(ActiveRuns.enter());
            }
            try (SgThreading.Scope s = SgThreading.use(SgThreading.AUTO)) {
                new StandardRunExecutor().cpuClock(quarterCore()).execute(config, tmp.resolve("auto"), RunProgress.NONE);
            }
            try (SgThreading.Scope s = SgThreading.use(SgThreading.TWO)) {
                new StandardRunExecutor().cpuClock(quarterCore()).execute(config, tmp.resolve("two"), RunProgress.NONE);
            }
            auto = Mappers.JSON.readTree(tmp.resolve("auto/timing.json").toFile()).path(RunCpuTime.TIMING_FIELD);
            two = Mappers.JSON.readTree(tmp.resolve("two/timing.json").toFile()).path(RunCpuTime.TIMING_FIELD);
        } finally {
            others.forEach(ActiveRuns.Entry::close);
        }
        assertEquals("thread", auto.path("measure").asText(), auto.toString());
        assertEquals(0.25, auto.path("cpu_share").asDouble(), 1e-12, auto.toString());
        assertTrue(auto.path("none_because").isMissingNode(), auto.toString());
        assertEquals("none", two.path("measure").asText(), two.toString());
        assertTrue(two.path("cpu_share").isNull(), two.toString());
        assertEquals("the run worked on a second SG thread besides its own while other runs shared the JVM: neither "
                + "its thread's CPU time nor the JVM's is its own", two.path("none_because").asText(), two.toString());
    }

    /** A tiny paper-sg run of 3 epochs that sleeps (after its second epoch, with seed 5): its noise drawn ahead under 2. */
    private static ObjectNode sgConfig() {
        Map<String, Object> set = new HashMap<>(Map.of("preset", "paper-sg", "dataset.name", "geomfig",
                "train.images", 70, "train.validation_images", 20, "train.test_images", 20, "train.epochs", 3,
                "sg.hidden", 20, "sg.steps", 10, "sg.batch_size", 16));
        set.putAll(Map.of("sleep.fraction", 0.5, "sg.sleep.iterations", 2, "sg.sleep.steps_per_iteration", 10,
                "sg.sleep.batch_copies", 4, "seed", 5));
        return new StandardResolver().resolve(set);
    }

    /**
     * {@link #sgConfig()} run in {@code tmp/name} under {@code sg.threads 2}, alone in the JVM, and cut short as its
     * third epoch reports (its snapshot the second's): 30 s of wall time, 20 s of its thread's CPU, 45 s of the JVM's.
     */
    private Path sgCutUnderTwo(String name) {
        Path dir = tmp.resolve(name);
        RunProgress third = (phase, done, total) -> {
            if (phase.equals("train") && done == 3) {
                throw new IllegalStateException("cut short");
            }
        };
        try (SgThreading.Scope s = SgThreading.use(SgThreading.TWO)) {
            assertThrows(IllegalStateException.class, () -> new StandardRunExecutor()
                    .cpuClock(new JumpClock(30, 20, 45)).execute(sgConfig(), dir, third));
        }
        assertTrue(Files.exists(dir.resolve(RunDirectory.RESUME_SNAPSHOT)));
        return dir;
    }

    /** {@code dir}'s run resumed under {@code sg} on 90 s of wall time, 15 s of its thread's CPU and 18 s of the JVM's. */
    private JsonNode resumeSg(Path dir, SgThreading sg) throws Exception {
        try (SgThreading.Scope s = SgThreading.use(sg)) {
            new StandardRunExecutor().cpuClock(new JumpClock(90, 15, 18)).resume(dir, RunProgress.NONE);
        }
        return Mappers.JSON.readTree(dir.resolve("timing.json").toFile()).path(RunCpuTime.TIMING_FIELD);
    }

    /**
     * An SG-SNN run resumed is priced by a clock that was its own in both parts, as its seconds cover both. Before its
     * resume it ran on a second SG thread alone in the JVM (the JVM's clock its own, not its thread's), after it on
     * one thread alone: the JVM's CPU time of both parts, (45 + 18) / (30 + 90), where the resumed part's measure
     * (its thread's) priced the first part by the 20 s its thread saw. Resumed under {@code auto} beside runs that keep
     * every processor busy (its thread's clock its own, the JVM's not), neither clock was its own throughout: none,
     * and none_because says which part lacked which. A snapshot of format 4, which did not record the clocks, still
     * resumes, priced as before by the resumed part's measure.
     */
    @Test
    void anSgRunResumedIsPricedByAClockThatWasItsOwnInBothParts() throws Exception {
        assertEquals(1, SgThreading.blasThreads(), "the tests' OPENBLAS_NUM_THREADS=1 (pom.xml)");
        JsonNode cpu = resumeSg(sgCutUnderTwo("alone"), SgThreading.ONE);
        assertEquals(120, cpu.path("wall_seconds").asDouble(), 1e-9, cpu.toString());
        assertEquals(35, cpu.path("thread_cpu_seconds").asDouble(), 1e-9, cpu.toString());
        assertEquals(63, cpu.path("process_cpu_seconds").asDouble(), 1e-9, cpu.toString());
        assertEquals("process", cpu.path("measure").asText(), cpu.toString());
        assertEquals(63.0 / 120, cpu.path("cpu_share").asDouble(), 1e-12, cpu.toString());

        Path beside = sgCutUnderTwo("beside");
        List<ActiveRuns.Entry> others = new ArrayList<>();
        JsonNode none;
        try {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) { // no processor to spare
                others.add(ActiveRuns.enter());
            }
            none = resumeSg(beside, SgThreading.AUTO);
        } finally {
            others.forEach(ActiveRuns.Entry::close);
        }
        assertEquals("none", none.path("measure").asText(), none.toString());
        assertTrue(none.path("cpu_share").isNull(), none.toString());
        assertEquals("the run worked on a second SG thread (before a resume) besides its own while other runs shared "
                + "the JVM (after the last resume): neither its thread's CPU time nor the JVM's is its own",
                none.path("none_because").asText(), none.toString());

        Path old = sgCutUnderTwo("v4");
        SnapshotArithmetic.toVersion4(old.resolve(RunDirectory.RESUME_SNAPSHOT));
        JsonNode asBefore = resumeSg(old, SgThreading.ONE);
        assertEquals("thread", asBefore.path("measure").asText(), asBefore.toString());
        assertEquals(35.0 / 120, asBefore.path("cpu_share").asDouble(), 1e-12, asBefore.toString());
        for (String f : new String[] {RunDirectory.METRICS, RunDirectory.SUMMARY, RunDirectory.WEIGHTS}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("alone").resolve(f)),
                    Files.readAllBytes(old.resolve(f)), f);
        }
    }
}
