package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.run.RunCpuTime;
import io.somnus.experiment.sweep.RecordedCpuShares;
import io.somnus.experiment.sweep.RunCpuShares;
import io.somnus.experiment.sweep.RunOutcome;
import io.somnus.experiment.sweep.RunStatus;
import io.somnus.sg.SgThreading;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which CPU time prices a calibration run, and what the estimate's note says of it. */
class StudyProjectionTest {
    @Test
    void theRunsThreadWhereItDoesAllItsWorkThereElseTheJvms() {
        assertEquals(RunCpuTime.Measure.THREAD, StudyProjection.measure(SgThreading.ONE, 1));
        // OpenBLAS's own threads, or a second SG thread, are out of the run thread's sight
        assertEquals(RunCpuTime.Measure.PROCESS, StudyProjection.measure(SgThreading.ONE, 2));
        assertEquals(RunCpuTime.Measure.PROCESS, StudyProjection.measure(SgThreading.TWO, 1));
        assertEquals(RunCpuTime.Measure.PROCESS, StudyProjection.measure(SgThreading.AUTO, 1));
    }

    /** A clock that advances 60 s of wall time and 12 s of thread CPU (20 s of the JVM's) a call pair; or has no CPU. */
    private static RunCpuShares measured(boolean cpu) {
        long[] calls = {0};
        RunCpuTime.Clock clock = new RunCpuTime.Clock() {
            @Override
            public long wallNanos() {
                return calls[0]++ * 60_000_000_000L;
            }

            @Override
            public long threadCpuNanos() {
                return cpu ? calls[0] * 12_000_000_000L : -1;
            }

            @Override
            public long processCpuNanos() {
                return cpu ? calls[0] * 20_000_000_000L : -1;
            }
        };
        RunCpuShares shares = new RunCpuShares(clock, RunCpuTime.Measure.THREAD);
        shares.runStarted(1, "r");
        shares.runFinished(1, new RunOutcome("r", "", RunStatus.DONE, false, 1, 60, null));
        return shares;
    }

    @Test
    void theNoteSaysWhatTheCostsAreAndWhatLoadStillDoes() {
        String note = StudyProjection.cpuNote(measured(true), 11.6, 12.1, 2);
        assertTrue(note.startsWith("The costs are CPU time (each calibration run's thread's), what a run takes with a "
                + "core to itself"), note);
        assertTrue(note.contains("not all: a short run's CPU time per unit still moves with a loaded host"), note);
        assertTrue(note.contains("the calibration runs took 1.0 min of wall time, 0.2 min of CPU on their threads, "
                + "0.3 min of the JVM's"), note);
        assertTrue(note.contains("Load average (1 min) while estimating: 11.6 at the start, 12.1 at the end, on 2 cores."),
                note);
        String wall = StudyProjection.cpuNote(measured(false), 0.4, 0.5, 2);
        assertTrue(wall.contains("This JVM measures no CPU time, so the costs are the calibration runs' wall time"), wall);
    }

    @Test
    void theNoteOfACalibrationDirSaysWhichRunsArePricedAtTheirCpuTimeAndWhichAtTheirWallTime(@TempDir Path tmp)
            throws Exception {
        for (String id : new String[] {"new", "old"}) {
            Files.createDirectories(tmp.resolve("runs").resolve(id));
        }
        Files.writeString(tmp.resolve("runs/new/timing.json"), "{\"wall_seconds\": 8, \"run_cpu\": {\"measure\": "
                + "\"thread\", \"cpu_share\": 0.25}}");
        Files.writeString(tmp.resolve("runs/old/timing.json"), "{\"wall_seconds\": 8}");
        RecordedCpuShares shares = new RecordedCpuShares(tmp);
        assertEquals("", StudyProjection.recordedNote(shares));
        assertEquals(0.25, shares.applyAsDouble("new"), 0);
        assertTrue(StudyProjection.recordedNote(shares).startsWith("The costs are CPU time: every run priced (1) "
                + "recorded its CPU seconds per wall second"), StudyProjection.recordedNote(shares));
        assertEquals(1, shares.applyAsDouble("old"), 0);
        String mixed = StudyProjection.recordedNote(shares);
        assertTrue(mixed.startsWith("1 of the runs priced are costed at the CPU time they recorded (timing.json's "
                + "run_cpu); 1 of the runs priced recorded no CPU time"), mixed);
        assertTrue(mixed.contains("so their costs are their wall time"), mixed);
    }
}
