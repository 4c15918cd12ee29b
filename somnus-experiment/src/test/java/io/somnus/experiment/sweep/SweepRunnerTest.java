package io.somnus.experiment.sweep;

import static io.somnus.experiment.sweep.SweepSpecTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.core.GaussianDraws;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.io.FileTrees;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.RunExecutor;
import io.somnus.experiment.stats.Aggregator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {
    static final String SWEEP = """
            name: small
            presets: [paper, paper-sg]
            datasets: [mnist]
            sleep_fractions: [0.0, 0.2]
            seeds: [1, 2]
            """;

    @TempDir
    Path tmp;

    Path sweepFile(String yaml) throws IOException {
        Path f = tmp.resolve("small.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    SweepCommandSupport support(Path log, Set<String> failing) {
        return new SweepCommandSupport(new FakeResolver(), new FakeExecutor(log, 5, 15, failing));
    }

    static List<String> log(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    static List<String> listRuns(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * A grid given in code (a sweep file's text, {@link SweepSpec#parse}) runs as the file does: the same runs and the
     * same aggregate.csv; no sweep.yaml (no file to copy); run again with resume, the same spec redoes nothing; fewer
     * than one worker is refused before the directory is made.
     */
    @Test
    void aSweepGivenInCodeRunsAsItsFileDoes() throws Exception {
        Path fromFile = tmp.resolve("from-file");
        Path fromCode = tmp.resolve("from-code");
        Path log = tmp.resolve("exec.log");
        String grid = SWEEP.replace("[0.0, 0.2]", "[0.2]"); // one fraction: no GLMM to wait for
        support(null, Set.of()).run(sweepFile(grid), fromFile, 2, false, SweepListener.NONE);
        SweepSpec spec = SweepSpec.parse(Path.of("in-code"), grid);
        assertContains(assertThrows(ConfigException.class,
                () -> support(log, Set.of()).run(spec, fromCode, 0, false, SweepListener.NONE)).getMessage(),
                "--workers = 0");
        assertFalse(Files.exists(fromCode), "refused before the sweep directory is made");
        SweepResult r = support(log, Set.of()).run(spec, fromCode, 2, false, SweepListener.NONE);
        assertEquals(4, r.done());
        assertNotNull(r.aggregate());
        assertEquals(listRuns(fromFile), listRuns(fromCode));
        assertEquals(Files.readString(fromFile.resolve(Aggregator.AGGREGATE)),
                Files.readString(fromCode.resolve(Aggregator.AGGREGATE)));
        assertTrue(Files.exists(fromFile.resolve(SweepRunner.SWEEP_COPY)));
        assertFalse(Files.exists(fromCode.resolve(SweepRunner.SWEEP_COPY)));
        SweepResult again = support(log, Set.of()).run(spec, fromCode, 2, true, SweepListener.NONE);
        assertEquals(4, again.skipped());
        assertEquals(4, log(log).size(), "each run executed once");
    }

    /** A grid given in code under a name that happens to be an unrelated file: that file is not copied in. */
    @Test
    void aGridInCodeNamedLikeAFileGetsNoCopyOfIt() throws Exception {
        String grid = SWEEP.replace("[0.0, 0.2]", "[0.2]");
        Path unrelated = tmp.resolve("notes.yaml");
        Files.writeString(unrelated, "not a sweep: someone's notes\n");
        Path fromCode = tmp.resolve("from-code");
        support(null, Set.of()).run(SweepSpec.parse(unrelated, grid), fromCode, 2, false, SweepListener.NONE);
        assertFalse(Files.exists(fromCode.resolve(SweepRunner.SWEEP_COPY)), "the unrelated file copied in");
    }

    /** sweep.yaml is the sweep file's text as loaded and planned, even where the file changed before the sweep ran. */
    @Test
    void sweepYamlIsTheTextPlannedNotTheFileOnDiskNow() throws Exception {
        String grid = SWEEP.replace("[0.0, 0.2]", "[0.2]");
        Path file = sweepFile(grid);
        SweepSpec loaded = SweepSpec.load(file);
        Files.writeString(file, grid.replace("seeds: [1, 2]", "seeds: [1, 2, 3]"));
        Path fromFile = tmp.resolve("from-file");
        SweepResult r = support(null, Set.of()).run(loaded, fromFile, 2, false, SweepListener.NONE);
        assertEquals(4, r.done(), "the runs planned, 2 seeds");
        assertEquals(grid, Files.readString(fromFile.resolve(SweepRunner.SWEEP_COPY)));
    }

    /**
     * A ledger SQLite cannot start in a fresh directory (on a full disk, SQLITE_FULL; here a path past SQLite's 512
     * characters): refused, and the runs/ (and empty ledger) the attempt made are removed, so that the same command is
     * refused for the same cause again, and runs once it is gone, where the directory had become one that only
     * --resume would take ("already exists and is not empty").
     */
    @Test
    void aLedgerThatCannotStartLeavesNoSweepBehind() throws Exception {
        Path out = tmp;
        while (out.toString().length() < 600) {
            out = out.resolve("d".repeat(100));
        }
        Path log = tmp.resolve("exec.log");
        Path file = sweepFile(SWEEP);
        for (int attempt = 0; attempt < 2; attempt++) {
            Path o = out;
            SweepException e = assertThrows(SweepException.class,
                    () -> support(log, Set.of()).run(file, o, 1, false, SweepListener.NONE));
            assertTrue(e.getMessage().startsWith("cannot open the sweep ledger " + o.resolve("ledger.sqlite"))
                    && e.getMessage().endsWith("nothing was changed"), e.getMessage());
            assertFalse(Files.exists(o.resolve("runs")), "an empty runs/ is left");
            assertFalse(Files.exists(o.resolve("ledger.sqlite")), "an empty ledger is left");
        }
        assertEquals(List.of(), log(log));
    }

    /**
     * A second sweep into a directory a sweep works in is refused as such, with or without --resume: without, it was
     * told the directory "already exists and is not empty; pass --resume", which was then refused as in use.
     */
    @Test
    void aSweepIntoADirectoryInUseIsRefusedAsInUse() throws Exception {
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("exec.log");
        Path file = sweepFile(SWEEP);
        support(log, Set.of()).run(file, out, 1, false, SweepListener.NONE);
        try (DirectoryLock held = SweepLock.lock(out, true)) {
            for (boolean resume : new boolean[] {false, true}) {
                SweepException e = assertThrows(SweepException.class,
                        () -> support(log, Set.of()).run(file, out, 1, resume, SweepListener.NONE));
                assertContains(e.getMessage(), "sweep directory " + out.toAbsolutePath().normalize() + " is in use by",
                        "then --resume. Nothing was changed.");
            }
        }
    }

    @Test
    void runsEveryRunIntoItsDirectoryAndMarksItDone() throws Exception {
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("exec.log");
        SweepResult result = support(log, Set.of()).run(sweepFile(SWEEP), out, 3, false, SweepListener.NONE);
        assertEquals(8, result.total());
        assertEquals(8, result.done());
        assertEquals(0, result.exitCode());
        assertEquals(8, log(log).size());
        List<String> dirs = listRuns(out);
        assertEquals(8, dirs.size());
        assertTrue(dirs.stream().noneMatch(d -> d.startsWith(".")), dirs.toString());
        for (String d : dirs) {
            assertTrue(Files.isRegularFile(out.resolve("runs").resolve(d).resolve("summary.json")));
        }
        List<LedgerEntry> entries = SweepLedger.read(out.resolve("ledger.sqlite"));
        assertEquals(8, entries.size());
        for (LedgerEntry e : entries) {
            assertEquals(RunStatus.DONE, e.status());
            assertEquals(1, e.attempts());
            assertNotNull(e.startedAt());
            assertTrue(e.wallSeconds() > 0);
        }
        assertEquals(SWEEP, Files.readString(out.resolve("sweep.yaml")));
        assertTrue(Files.isRegularFile(out.resolve("aggregate.csv")));
        assertNotNull(result.aggregate());
    }

    @Test
    void anExistingNonEmptyDirectoryIsNotOverwrittenWithoutResume() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("precious.txt"), "keep");
        SweepException e = assertThrows(SweepException.class,
                () -> support(null, Set.of()).run(sweepFile(SWEEP), out, 1, false, SweepListener.NONE));
        // no ledger there: not a sweep, so --resume is not offered
        assertContains(e.getMessage(), out.toString(), "not empty", "not a sweep directory");
        SweepException e2 = assertThrows(SweepException.class,
                () -> support(null, Set.of()).run(sweepFile(SWEEP), out, 1, true, SweepListener.NONE));
        assertContains(e2.getMessage(), "not a sweep directory");
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(out.resolve("precious.txt")), s.toList());
        }
    }

    @Test
    void aFailingRunIsRecordedTheOthersFinishAndResumeRetriesOnlyIt() throws Exception {
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("exec.log");
        String failingKey = "paper-sg|mnist|0.2|2|1000";
        SweepResult first = support(log, Set.of(failingKey)).run(sweepFile(SWEEP), out, 2, false, SweepListener.NONE);
        assertEquals(7, first.done());
        assertEquals(1, first.failed());
        assertEquals(SweepResult.EXIT_RUNS_FAILED, first.exitCode());
        LedgerEntry failed = SweepLedger.read(out.resolve("ledger.sqlite")).stream()
                .filter(e -> e.status() == RunStatus.FAILED).findFirst().orElseThrow();
        assertEquals("paper-sg__mnist__f0.20__s2", failed.runId());
        assertContains(failed.error(), "IllegalStateException: simulated failure of " + failingKey);
        assertFalse(Files.exists(out.resolve("runs").resolve(failed.runId())));
        assertContains(SweepSummaryTable.format(first), "failed  paper-sg__mnist__f0.20__s2: IllegalStateException",
                "8 runs, 7 done (7 now, 0 earlier), 1 failed");

        Map<String, Double> ledgerWall = new HashMap<>();
        SweepLedger.read(out.resolve("ledger.sqlite")).forEach(e -> ledgerWall.put(e.runId(), e.wallSeconds()));
        List<FinishedRun> finishedBefore = new ArrayList<>();
        SweepResult second = support(log, Set.of()).run(sweepFile(SWEEP), out, 2, true, new SweepListener() {
            @Override
            public void started(SweepPlan plan, List<PlannedRun> toRun, List<FinishedRun> alreadyDone) {
                finishedBefore.addAll(alreadyDone); // what the time left learns from (ConsoleSweepListener)
            }
        });
        assertEquals(0, second.exitCode());
        assertEquals(7, second.skipped());
        assertEquals(7, finishedBefore.size());
        for (FinishedRun f : finishedBefore) {
            assertEquals(out.resolve("runs").resolve(f.run().runId()), f.dir());
            assertEquals(ledgerWall.get(f.run().runId()), f.wallSeconds(), 0, "the ledger's wall time");
            assertTrue(f.wallSeconds() > 0.004, "FakeExecutor sleeps 5 to 15 ms: " + f.wallSeconds());
            assertEquals(1, f.attempts());
        }
        assertFalse(finishedBefore.stream().anyMatch(f -> f.run().runId().equals(failed.runId())));
        List<String> lines = log(log);
        assertEquals(9, lines.size());
        assertEquals(failingKey, lines.get(8));
        LedgerEntry retried = SweepLedger.read(out.resolve("ledger.sqlite")).stream()
                .filter(e -> e.runId().equals(failed.runId())).findFirst().orElseThrow();
        assertEquals(RunStatus.DONE, retried.status());
        assertEquals(2, retried.attempts());
    }

    @Test
    void resumeRedoesInterruptedAndMissingRunsAndDeletesLeftovers() throws Exception {
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("exec.log");
        support(log, Set.of()).run(sweepFile(SWEEP), out, 2, false, SweepListener.NONE);
        // simulate a crash: one run left "running" with a half-written directory, one done run's directory lost,
        // one temporary directory left behind
        try (SweepLedger ledger = SweepLedger.open(out.resolve("ledger.sqlite"))) {
            ledger.markRunning("paper__mnist__f0.20__s1", Instant.now());
        }
        Files.writeString(out.resolve("runs/paper__mnist__f0.20__s1/summary.json"), "{half");
        FileTrees.deleteRecursively(out.resolve("runs/paper-sg__mnist__f0.00__s2"));
        Files.createDirectories(out.resolve("runs/.tmp-paper__mnist__f0.00__s1-deadbeef"));
        Files.writeString(log, "");

        RecordingListener listener = new RecordingListener();
        List<String> messages = listener.messages;
        SweepResult result = support(log, Set.of()).run(sweepFile(SWEEP), out, 2, true, listener);
        assertEquals(0, result.exitCode());
        assertEquals(6, result.skipped());
        assertEquals(Set.of("paper|mnist|0.2|1|1000", "paper-sg|mnist|0.0|2|1000"), new HashSet<>(log(log)));
        assertEquals(8, listRuns(out).size());
        assertTrue(Files.readString(out.resolve("runs/paper__mnist__f0.20__s1/summary.json")).startsWith("{\""));
        assertTrue(messages.stream().anyMatch(m -> m.contains("deleted 1 unfinished")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("paper-sg__mnist__f0.00__s2 is marked done but")));
    }

    /** --resume where nothing is recorded starts the sweep (a job script rerun as it is), and says so. */
    @Test
    void resumeWhereNoSweepIsRecordedStartsItAndSaysSo() throws Exception {
        Path out = tmp.resolve("typo");
        RecordingListener listener = new RecordingListener();
        List<String> messages = listener.messages;
        SweepResult result = support(null, Set.of()).run(sweepFile(SWEEP), out, 2, true, listener);
        assertEquals(0, result.exitCode());
        assertEquals(0, result.skipped());
        assertTrue(messages.stream().anyMatch(m -> m.contains("--resume: no sweep is recorded in " + out)), messages.toString());
        messages.clear();
        support(null, Set.of()).run(sweepFile(SWEEP), out, 2, true, listener);
        assertTrue(messages.stream().noneMatch(m -> m.contains("no sweep is recorded")), messages.toString());
    }

    @Test
    void aSweepWhoseNoiseWasDrawnOtherwiseIsNotResumed() throws Exception {
        Path out = tmp.resolve("out");
        support(null, Set.of()).run(sweepFile(SWEEP), out, 2, false, SweepListener.NONE);
        Path ledgerFile = out.resolve(SweepLedger.FILE_NAME);
        try (SweepLedger ledger = SweepLedger.open(ledgerFile)) {
            assertEquals("jdk17-ziggurat", ledger.meta(SweepLedger.GAUSSIAN_DRAWS).orElse(null));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledgerFile);
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE meta SET value = 'java-25-nextGaussian' WHERE key = '" + SweepLedger.GAUSSIAN_DRAWS
                    + "'");
        }
        assertContains(resumeRefusedChangingNothing(out), out.toString(), "drew its runs' noise as java-25-nextGaussian",
                "this JVM draws it as jdk17-ziggurat", GaussianDraws.algorithm(),
                "--add-opens " + GaussianDraws.OPENS, "new --out", "Nothing was changed");
    }

    /** The message with which --resume refuses SWEEP's {@code out}, checked to change nothing: its runs, its ledger. */
    private String resumeRefusedChangingNothing(Path out) throws IOException {
        Path ledgerFile = out.resolve(SweepLedger.FILE_NAME);
        byte[] before = Files.readAllBytes(ledgerFile);
        SweepException e = assertThrows(SweepException.class,
                () -> support(null, Set.of()).run(sweepFile(SWEEP), out, 2, true, SweepListener.NONE));
        assertEquals(8, listRuns(out).size());
        assertTrue(Arrays.equals(before, Files.readAllBytes(ledgerFile)), "the ledger was changed");
        return e.getMessage();
    }

    /**
     * A ledger row written in part or damaged (a start time cut short, as bytes zeroed in the file left it) is refused
     * on --resume naming the ledger, the run, the column and the value, with the way on, before anything is changed
     * (it failed with "Text '2026-12 …' could not be parsed at index 7", naming nothing).
     */
    @Test
    void aDamagedLedgerRowIsNamedAndNothingIsChanged() throws Exception {
        Path out = tmp.resolve("out");
        support(null, Set.of()).run(sweepFile(SWEEP), out, 2, false, SweepListener.NONE);
        Path ledgerFile = out.resolve(SweepLedger.FILE_NAME);
        String run = listRuns(out).get(0);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledgerFile);
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE runs SET started_at = '2026-12      ', status = 'running' WHERE run_id = '" + run
                    + "'");
        }
        assertContains(resumeRefusedChangingNothing(out), ledgerFile.toString(),
                "run " + run + "'s started_at is '2026-12      ', not a time", "move it aside", "Nothing was changed");
    }

    /**
     * A sweep directory whose lock file cannot be opened to write (read-only storage) is refused as one that cannot be
     * written, saying what can be done with it (it failed with the bare "…/.somnus.lock: Read-only file system", exit
     * 1). Where the test runs as root, which writes any file, it is skipped; seen on a read-only tmpfs by hand.
     */
    @Test
    void aSweepDirectoryThatCannotBeWrittenIsRefusedSaidSo() throws Exception {
        Path out = tmp.resolve("out");
        support(null, Set.of()).run(sweepFile(SWEEP), out, 2, false, SweepListener.NONE);
        Path lock = out.resolve(SweepRunner.LOCK_FILE);
        assertTrue(lock.toFile().setWritable(false, false));
        try {
            Assumptions.assumeFalse(Files.isWritable(lock), "root writes any file");
            SweepException e = assertThrows(SweepException.class,
                    () -> support(null, Set.of()).run(sweepFile(SWEEP), out, 2, true, SweepListener.NONE));
            assertContains(e.getMessage(), "cannot write into the sweep directory " + out, "somnus report DIR",
                    "Nothing was changed");
        } finally {
            lock.toFile().setWritable(true, false);
        }
    }

    @Test
    void aDirectoryHoldingADifferentSweepIsRefused() throws Exception {
        Path out = tmp.resolve("out");
        support(null, Set.of()).run(sweepFile(SWEEP), out, 2, false, SweepListener.NONE);
        Path changed = sweepFile(SWEEP.replace("seeds: [1, 2]", "seeds: [1, 2, 3]"));
        SweepException e = assertThrows(SweepException.class,
                () -> support(null, Set.of()).run(changed, out, 2, true, SweepListener.NONE));
        assertContains(e.getMessage(), out.toString(), "holds a different sweep", "'small' with 8 runs",
                "now gives 12 runs", "is new", "new --out", "Nothing was changed");
        assertEquals(8, listRuns(out).size());
    }

    @Test
    void runsInParallelOnTheGivenNumberOfWorkers() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        RunExecutor counting = (ObjectNode config, Path dir, RunProgress p) -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            Thread.sleep(60);
            p.update("train", 1, 1);
            p.note("train", "checkpoint 1/1: readouts on 4 + 2 images");
            running.decrementAndGet();
            new FakeExecutor(null, 0, 0, Set.of()).execute(config, dir, RunProgress.NONE);
        };
        Set<Integer> workers = Collections.synchronizedSet(new HashSet<>());
        Map<String, String> phases = new ConcurrentHashMap<>();
        Map<String, String> notes = new ConcurrentHashMap<>(); // a checkpoint's, as train's bar shows
        SweepListener listener = new SweepListener() {
            @Override
            public void runStarted(int worker, String runId) {
                workers.add(worker);
            }

            @Override
            public void runProgress(int worker, String runId, String phase, long done, long total) {
                phases.put(runId, phase);
            }

            @Override
            public void runNote(int worker, String runId, String phase, String note) {
                notes.put(runId, phase + " " + note);
            }
        };
        SweepResult r = new SweepCommandSupport(new FakeResolver(), counting)
                .run(sweepFile(SWEEP), tmp.resolve("out"), 3, false, listener);
        assertEquals(8, r.done());
        assertEquals(3, maxRunning.get());
        assertEquals(Set.of(1, 2, 3), workers);
        assertEquals(8, phases.size());
        assertEquals(Set.of("train"), new HashSet<>(phases.values()));
        assertEquals(phases.keySet(), notes.keySet());
        assertEquals(Set.of("train checkpoint 1/1: readouts on 4 + 2 images"), new HashSet<>(notes.values()));
    }

    /**
     * A run that finds the disk full stops the sweep: runs not started are not started (each would compute to its end
     * and fail the same way), the run is left pending, finished ones are kept, and --resume finishes the sweep.
     */
    @Test
    void aFullDiskStopsTheSweepInsteadOfFailingEveryLaterRun() throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean full = new AtomicBoolean(true);
        RunExecutor filling = (ObjectNode config, Path dir, RunProgress p) -> {
            if (started.incrementAndGet() == 3 && full.get()) {
                throw new UncheckedIOException(new IOException(dir.resolve("metrics.csv")
                        + ": No space left on device"));
            }
            new FakeExecutor(null, 0, 0, Set.of()).execute(config, dir, RunProgress.NONE);
        };
        Path out = tmp.resolve("out");
        SweepException e = assertThrows(SweepException.class, () -> new SweepCommandSupport(new FakeResolver(), filling)
                .run(sweepFile(SWEEP), out, 1, false, SweepListener.NONE));
        assertContains(e.getMessage(), "the sweep stopped", "No space left on device", "so no later run could either",
                "--resume");
        assertFalse(e.nothingRan());
        assertEquals(3, started.get(), "no run started after the one that found the disk full");
        assertEquals(2, listRuns(out).size(), "the finished runs are kept");
        full.set(false);
        SweepResult r = new SweepCommandSupport(new FakeResolver(), filling).run(sweepFile(SWEEP), out, 1, true,
                SweepListener.NONE);
        assertEquals(8, r.done());
        assertEquals(0, r.failed());
    }

    /** A ledger row deleted outside somnus: --resume adds it back as pending and says so, where it stopped at an NPE. */
    @Test
    void aLedgerRowDeletedOutsideSomnusIsAddedBackOnResume() throws Exception {
        Path out = tmp.resolve("out");
        support(null, Set.of()).run(sweepFile(SWEEP), out, 2, false, SweepListener.NONE);
        String victim;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("ledger.sqlite"));
             Statement st = c.createStatement()) {
            try (ResultSet r = st.executeQuery("SELECT run_id FROM runs ORDER BY run_id LIMIT 1")) {
                r.next();
                victim = r.getString(1);
            }
            st.executeUpdate("DELETE FROM runs WHERE run_id = '" + victim + "'");
        }
        RecordingListener listener = new RecordingListener();
        List<String> messages = listener.messages;
        SweepResult r = support(null, Set.of()).run(sweepFile(SWEEP), out, 2, true, listener);
        assertEquals(8, r.done());
        assertEquals(1, r.outcomes().stream().filter(o -> !o.skipped()).count(), "only " + victim + " ran again");
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("the ledger had no row for 1 of the sweep's runs")),
                messages.toString());
    }

    @Test
    void summaryTableShowsAccuracyPerCell() throws Exception {
        SweepResult r = support(null, Set.of()).run(sweepFile(SWEEP), tmp.resolve("out"), 2, false, SweepListener.NONE);
        String table = SweepSummaryTable.format(r);
        // paper × mnist × f=0.2: seeds 1 and 2 -> 0.5 + 0.04 + 0.01/0.02, mean 0.555
        String line = table.lines().filter(l -> l.startsWith("paper ") && l.contains(" 0.20 ")).findFirst().orElseThrow();
        assertContains(line, "stdp", "mnist", " 2 ", "0.5550");
        // seed 1 slept none of its 0.2, seed 2 all of it: the cell achieved 0.1
        assertTrue(line.matches(".* 0\\.20 +0\\.1000 +2 .*"), line);
        assertEquals(4, table.lines().filter(l -> l.contains("mnist")).count(), table);
        assertContains(table, "sweep 'small': 8 runs, 8 done (8 now, 0 earlier), 0 failed");
        // what its time counts, where the log's "running them took" line counts the runs alone
        assertTrue(table.matches("(?s).*0 failed; \\d+\\.\\d s in all \\(planning, runs, aggregates\\); .*"), table);
        assertFalse(table.contains("failed  "));
        assertEquals(4, table.lines().filter(l -> l.matches("^paper.*")).collect(Collectors.toList()).size());
    }
}
