package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.run.RunCpuTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration runs priced as CPU time, on a fake clock: a run on a loaded host whose phases took four times their
 * quiet wall time, but the same CPU time, costs what it costs on a quiet host.
 */
class RunCpuSharesTest {
    @TempDir
    Path tmp;

    /** A clock the test sets by hand, in seconds; a CPU clock at -1 s reads as unavailable. */
    private static final class FakeClock implements RunCpuTime.Clock {
        double wall;
        double thread;
        double process;

        @Override
        public long wallNanos() {
            return (long) (wall * 1e9);
        }

        @Override
        public long threadCpuNanos() {
            return thread < 0 ? -1 : (long) (thread * 1e9);
        }

        @Override
        public long processCpuNanos() {
            return process < 0 ? -1 : (long) (process * 1e9);
        }
    }

    /**
     * Runs {@code id} from the clock's present reading for {@code wall} s, of which its thread used {@code thread} s of
     * CPU and the JVM {@code process} s.
     */
    private static void run(RunCpuShares shares, FakeClock clock, String id, double wall, double thread,
            double process) {
        shares.runStarted(1, id);
        clock.wall += wall;
        clock.thread = clock.thread < 0 ? -1 : clock.thread + thread;
        clock.process = clock.process < 0 ? -1 : clock.process + process;
        shares.runFinished(1, new RunOutcome(id, "", RunStatus.DONE, false, 1, wall, null));
    }

    /**
     * STDP preset "p", 100 images × 10 steps = 1 000 train units, 1 000 sleep steps, (2 × 150 + 200) × 10 = 5 000
     * evaluation units (as StudyEstimateTest's); its phases took {@code scale} × (2 s, 3 s, 5 s) of wall time.
     */
    private void stdpRun(String id, double scale) throws Exception {
        Path dir = tmp.resolve("runs").resolve(id);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), "model: stdp\npreset: p\ntrain: {images: 100, epochs: 1, "
                + "validation_images: 50, test_images: 100, readout_images: 100, checkpoints: 2}\n"
                + "simulation: {steps_per_image: 10}\nsleep: {fraction: 0.5, episode: fraction}\n");
        Files.writeString(dir.resolve("timing.json"), "{\"setup_seconds\": 0, \"presentation_seconds\": " + 2 * scale
                + ", \"per_image_check_seconds\": 0, \"presentations\": 100, \"sleep_seconds\": " + 3 * scale
                + ", \"evaluation_seconds\": " + 5 * scale + "}");
        Files.writeString(dir.resolve("summary.json"), "{\"sleep_steps\": 1000}");
    }

    @Test
    void aRunOnALoadedHostCostsItsCpuTimeNotItsWallTime() throws Exception {
        FakeClock clock = new FakeClock();
        clock.wall = 100;
        clock.thread = 7;
        clock.process = 30;
        RunCpuShares shares = new RunCpuShares(clock, RunCpuTime.Measure.THREAD);
        // load 4: 40 s of wall time, 10 s of CPU on the run's thread (the JVM's 12 s: the JIT and the collector too)
        run(shares, clock, "p1", 40, 10, 12);
        assertEquals(0.25, shares.share("p1"), 1e-12);
        assertEquals(1, shares.share("never-ran"), 0, "a run not measured keeps its wall time");
        stdpRun("p1", 4);

        // quiet: 2 s / 1 000 = 0.002 s per train unit, 3 s / 1 000 = 0.003 per sleep step, 5 s / 5 000 = 0.001;
        // the loaded run's 8, 12 and 20 s of wall time × 0.25 are those seconds again
        Map<String, StudyEstimate.UnitCosts> costs = MeasuredCosts.calibrate(tmp, StudyEstimate.BY_PRESET, shares::share);
        assertEquals(0.002, costs.get("p").train(), 1e-15);
        assertEquals(0.003, costs.get("p").sleep(), 1e-15);
        assertEquals(0.001, costs.get("p").evaluation(), 1e-15);
        // priced on wall time (a --calibration directory's runs), four times as much
        assertEquals(0.008, MeasuredCosts.calibrate(tmp, StudyEstimate.BY_PRESET).get("p").train(), 1e-15);

        RunCpuTime.Seconds total = shares.total();
        assertEquals(40, total.wall(), 1e-9);
        assertEquals(10, total.threadCpu(), 1e-9);
        assertEquals(12, total.processCpu(), 1e-9);
    }

    @Test
    void theJvmsCpuTimeWhereTheRunTakesMoreThreadsThanItsOwn() {
        FakeClock clock = new FakeClock();
        RunCpuShares shares = new RunCpuShares(clock, RunCpuTime.Measure.PROCESS);
        // its thread 10 s; OpenBLAS's native threads, unseen by the thread's clock, 6 s more: 16 s of the JVM's in 20 s
        run(shares, clock, "s1", 20, 10, 16);
        assertEquals(0.8, shares.share("s1"), 1e-12);
    }

    @Test
    void withoutACpuClockTheWallTimeAsBefore() {
        FakeClock clock = new FakeClock();
        clock.thread = -1;
        clock.process = -1;
        RunCpuShares thread = new RunCpuShares(clock, RunCpuTime.Measure.THREAD);
        run(thread, clock, "p1", 40, 0, 0);
        assertEquals(1, thread.share("p1"), 0);
        assertTrue(Double.isNaN(thread.total().threadCpu()));
        RunCpuShares process = new RunCpuShares(clock, RunCpuTime.Measure.PROCESS);
        run(process, clock, "p2", 40, 0, 0);
        assertEquals(1, process.share("p2"), 0);
    }
}
