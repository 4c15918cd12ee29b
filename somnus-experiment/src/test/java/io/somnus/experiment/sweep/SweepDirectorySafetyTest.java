package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.somnus.core.GaussianDraws;
import io.somnus.experiment.io.DirectoryLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep directory is worked in by one process at a time, and a lost ledger never restarts a sweep over its runs. */
class SweepDirectorySafetyTest {
    @TempDir
    Path tmp;

    private Path sweepFile() throws Exception {
        Path sweep = tmp.resolve("killme.yaml");
        Files.writeString(sweep, SweepKillResumeTest.SWEEP);
        return sweep;
    }

    private static SweepCommandSupport fast() {
        return new SweepCommandSupport(new FakeResolver(), new FakeExecutor(null, 0, 5, Set.of()));
    }

    /** A --resume started while another process runs the sweep is refused and changes nothing of the running sweep. */
    @Test
    void aSecondProcessIsRefusedWhileTheFirstRuns() throws Exception {
        Path sweep = sweepFile();
        Path out = tmp.resolve("out");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "--add-opens", GaussianDraws.OPENS, "-cp", classpath,
                FakeSweepMain.class.getName(), sweep.toString(), out.toString(), "2", tmp.resolve("log").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600); // a deadline, not a timing: CI may be loaded
            while (SweepKillResumeTest.statuses(out.resolve(SweepLedger.FILE_NAME)).values().stream()
                    .noneMatch("done"::equals)) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    fail("the child sweep did not get going: " + Files.readString(tmp.resolve("child.out")));
                }
                Thread.sleep(20);
            }
            SweepException e = assertThrows(SweepException.class,
                    () -> fast().run(sweep, out, 2, true, SweepListener.NONE));
            assertTrue(e.getMessage().contains("is in use by another process") && e.getMessage().contains("pid ")
                    && e.getMessage().contains(out.toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.nothingRan());
            assertTrue(child.waitFor(600, TimeUnit.SECONDS), "the first sweep finishes");
            assertEquals(0, child.exitValue(), Files.readString(tmp.resolve("child.out")));
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        Map<String, String> statuses = SweepKillResumeTest.statuses(out.resolve(SweepLedger.FILE_NAME));
        assertEquals(SweepKillResumeTest.RUNS, statuses.size());
        assertTrue(statuses.values().stream().allMatch("done"::equals), statuses.toString());
        assertEquals(SweepKillResumeTest.RUNS, SweepKillResumeTest.listRuns(out).size());
        // the lock died with its process: resuming now works and redoes nothing
        SweepResult again = fast().run(sweep, out, 2, true, SweepListener.NONE);
        assertEquals(SweepKillResumeTest.RUNS, again.skipped());
    }

    @Test
    void aSecondOwnerInTheSameProcessIsRefused() throws Exception {
        Path sweep = sweepFile();
        Path out = tmp.resolve("out");
        try (DirectoryLock held = SweepLock.lock(out, false)) {
            SweepException e = assertThrows(SweepException.class, () -> fast().run(sweep, out, 2, false, SweepListener.NONE));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertTrue(DirectoryLock.isLocked(held.file()));
        }
        assertEquals(SweepKillResumeTest.RUNS, fast().run(sweep, out, 2, false, SweepListener.NONE).done());
    }

    /**
     * An unreadable ledger, or an empty one beside a run directory that is not one of the sweep's, is an error and
     * touches nothing (an empty or missing one beside the sweep's own runs is rebuilt: RunAdoptionTest).
     */
    @Test
    void anEmptyOrUnreadableLedgerBesideRunsIsAnErrorAndNothingIsRedone() throws Exception {
        Path sweep = sweepFile();
        Path out = tmp.resolve("out");
        assertEquals(SweepKillResumeTest.RUNS, fast().run(sweep, out, 2, false, SweepListener.NONE).done());
        Files.createDirectories(out.resolve("runs").resolve("zz__another__sweeps__run"));
        List<String> runs = SweepKillResumeTest.listRuns(out);
        Path firstSummary = out.resolve("runs").resolve(runs.get(0)).resolve("summary.json");
        byte[] summary = Files.readAllBytes(firstSummary);
        Path ledger = out.resolve(SweepLedger.FILE_NAME);
        for (Path f : List.of(out.resolve("ledger.sqlite-wal"), out.resolve("ledger.sqlite-shm"))) {
            Files.deleteIfExists(f);
        }

        Files.write(ledger, new byte[0]);
        SweepException empty = assertThrows(SweepException.class, () -> fast().run(sweep, out, 2, true, SweepListener.NONE));
        assertTrue(empty.getMessage().contains(ledger + " is empty (0 bytes)")
                && empty.getMessage().contains("holds " + (SweepKillResumeTest.RUNS + 1) + " run directories")
                && empty.getMessage().contains("runs/zz__another__sweeps__run is no run of this sweep file"),
                empty.getMessage());

        Files.writeString(ledger, "this is not a database, it is a shopping list ".repeat(200));
        SweepException garbage = assertThrows(SweepException.class, () -> fast().run(sweep, out, 2, true, SweepListener.NONE));
        assertTrue(garbage.getMessage().contains(ledger + " cannot be read")
                && garbage.getMessage().contains("move it aside"), garbage.getMessage());

        assertEquals(runs, SweepKillResumeTest.listRuns(out), "no run directory touched");
        assertArrayEquals(summary, Files.readAllBytes(firstSummary));
        assertFalse(Files.exists(out.resolve("runs").resolve(".tmp")));
    }
}
