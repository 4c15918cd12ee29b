package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a ledger (report, inspect) changes nothing on disk, so a sweep on read-only storage is read as well. */
class SweepLedgerTest {
    @Test
    void readingALedgerChangesNothingOnDisk(@TempDir Path tmp) throws Exception {
        Path out = endedSweep(tmp);
        Path file = out.resolve(SweepLedger.FILE_NAME);
        List<Path> before = list(out);
        byte[] bytes = Files.readAllBytes(file);
        List<LedgerEntry> entries;
        try (SweepLedger ledger = SweepLedger.openForReading(file)) {
            entries = ledger.entries();
            assertEquals(ledger.meta("sweep_name"), ledger.meta("sweep_name"));
            assertThrows(SweepException.class, () -> ledger.markPending(entries.get(0).runId()), "read-only");
        }
        assertEquals(8, entries.size());
        assertEquals(before, list(out), "no file made or removed beside it");
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertTrue(SweepLedger.read(file).size() == 8);
    }

    /**
     * The classes of one's own a ledger records reach other packages (inspect) through {@link SweepLedger#userClasses()},
     * read-only: neither the map nor a class's files can be changed through it, nor can a read-only ledger take them.
     */
    @Test
    void theRecordedClassesOfOnesOwnAreReadOnlyOutsideTheSweepPackage(@TempDir Path tmp) throws Exception {
        Path file = endedSweep(tmp).resolve(SweepLedger.FILE_NAME);
        try (SweepLedger ledger = SweepLedger.open(file)) {
            assertEquals(Map.of(), ledger.userClasses(), "its runs load none");
            ledger.putMeta(SweepUserClasses.META, "{\"org.ex.R\": {\"org.ex.R\": \"ab\", \"org.ex.R$P\": \"cd\"}}");
        }
        try (SweepLedger ledger = SweepLedger.openForReading(file)) {
            var classes = ledger.userClasses();
            assertEquals(Map.of("org.ex.R", Map.of("org.ex.R", "ab", "org.ex.R$P", "cd")), classes);
            assertThrows(UnsupportedOperationException.class, () -> classes.remove("org.ex.R"));
            assertThrows(UnsupportedOperationException.class, () -> classes.get("org.ex.R").put("org.ex.R", "ef"));
            assertThrows(SweepException.class, () -> ledger.putMeta(SweepUserClasses.META, "{}"), "read-only");
        }
    }

    /** The directory of an ended sweep of {@link SweepRunnerTest#SWEEP}'s eight runs, by a fake executor. */
    private static Path endedSweep(Path tmp) throws Exception {
        Path sweep = Files.writeString(tmp.resolve("sweep.yaml"), SweepRunnerTest.SWEEP);
        Path out = tmp.resolve("out");
        new SweepCommandSupport(new FakeResolver(), new FakeExecutor(null, 0, 0, Set.of()))
                .run(sweep, out, 1, false, SweepListener.NONE);
        return out;
    }

    /**
     * A sweep that ended leaves its ledger as one file: read-only openings (report, listing) of a database still in
     * write-ahead-log mode would make {@code -wal} and {@code -shm} files beside it that they may not remove.
     */
    @Test
    void anEndedSweepLeavesItsLedgerAsOneFile(@TempDir Path tmp) throws Exception {
        Path out = endedSweep(tmp);
        Path file = out.resolve(SweepLedger.FILE_NAME);
        assertEquals(8, SweepLedger.read(file).size());
        for (String suffix : List.of("-wal", "-shm", "-journal")) {
            assertFalse(Files.exists(out.resolve(SweepLedger.FILE_NAME + suffix)), suffix);
        }
        String runId = SweepLedger.read(file).get(0).runId();
        try (SweepLedger reader = SweepLedger.openForReading(file); SweepLedger writer = SweepLedger.open(file)) {
            assertEquals(8, reader.entries().size());
            writer.markPending(runId); // closes while the reader holds it: stays in WAL mode, loses nothing
        }
        assertEquals(RunStatus.PENDING, SweepLedger.read(file).stream()
                .filter(e -> e.runId().equals(runId)).findFirst().orElseThrow().status());
    }

    /**
     * A ledger written before runs' file digests were recorded is read as it lies (its done runs have none) and, opened
     * to resume, gains the column; a run marked done then records its files' SHA-256, computed here independently.
     */
    @Test
    void aLedgerFromBeforeTheFileDigestsIsReadAndExtended(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(SweepLedger.FILE_NAME);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE runs (run_id TEXT PRIMARY KEY, config_json TEXT NOT NULL, config_hash TEXT NOT "
                    + "NULL, settings_json TEXT NOT NULL DEFAULT '{}', variant TEXT NOT NULL DEFAULT '', status TEXT NOT "
                    + "NULL, error TEXT, attempts INTEGER NOT NULL DEFAULT 0, started_at TEXT, finished_at TEXT, "
                    + "wall_seconds REAL)");
            s.execute("INSERT INTO runs (run_id, config_json, config_hash, status) VALUES ('a', '{}', 'h', 'done'), "
                    + "('b', '{}', 'h', 'pending')");
        }
        assertEquals(Map.of(), SweepLedger.read(file).get(0).files());
        assertEquals(List.of(), SweepLedger.read(file).get(0).sharedBy()); // nor the controls a run stands for
        Path run = Files.createDirectories(tmp.resolve("runs/b/sub"));
        Files.writeString(run.getParent().resolve("summary.json"), "{}");
        Files.write(run.resolve("x.bin"), new byte[] {1, 2, 3});
        try (SweepLedger ledger = SweepLedger.open(file)) {
            ledger.markDone("b", RunFileDigests.of(run.getParent()), Instant.EPOCH, 1.0);
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        String empty = HexFormat.of().formatHex(md.digest("{}".getBytes(StandardCharsets.UTF_8)));
        String bytes = HexFormat.of().formatHex(md.digest(new byte[] {1, 2, 3}));
        LedgerEntry b = SweepLedger.read(file).get(1);
        assertEquals(Map.of("summary.json", empty, "sub/x.bin", bytes), b.files());
        assertEquals(RunStatus.DONE, b.status());
        assertEquals(Map.of(), SweepLedger.read(file).get(0).files());
    }

    /**
     * Where each attempt began is recorded: an attempt starts afresh ("") until it is marked resumed from a snapshot
     * (where, in words), and the next attempt starts afresh again; a snapshot refused after all marks it afresh. A ledger
     * written before this was recorded is read as it lies (not recorded: null, not "afresh") and, opened to resume,
     * gains the column.
     */
    @Test
    void whereEachAttemptBeganIsRecordedAndOldLedgersReadWithoutIt(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(SweepLedger.FILE_NAME);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE runs (run_id TEXT PRIMARY KEY, config_json TEXT NOT NULL, config_hash TEXT NOT "
                    + "NULL, settings_json TEXT NOT NULL DEFAULT '{}', variant TEXT NOT NULL DEFAULT '', status TEXT NOT "
                    + "NULL, error TEXT, attempts INTEGER NOT NULL DEFAULT 0, started_at TEXT, finished_at TEXT, "
                    + "wall_seconds REAL, files_json TEXT, shared_by TEXT)");
            s.execute("INSERT INTO runs (run_id, config_json, config_hash, status, attempts) VALUES "
                    + "('a', '{}', 'h', 'done', 2), ('b', '{}', 'h', 'running', 1)");
        }
        LedgerEntry old = SweepLedger.read(file).get(0);
        assertEquals(null, old.resumedFrom(), "not recorded");
        assertFalse(old.resumed());
        try (SweepLedger ledger = SweepLedger.open(file)) {
            assertEquals(null, ledger.entry("a").orElseThrow().resumedFrom(), "the column added, nothing made up");
            ledger.markRunning("b", Instant.EPOCH);
            assertEquals("", ledger.entry("b").orElseThrow().resumedFrom(), "an attempt starts afresh");
            ledger.markResumed("b", "image 11 of 40");
            ledger.markDone("b", Map.of(), Instant.EPOCH, 1.0);
        }
        LedgerEntry b = SweepLedger.read(file).get(1);
        assertEquals("image 11 of 40", b.resumedFrom());
        assertTrue(b.resumed());
        try (SweepLedger ledger = SweepLedger.open(file)) {
            ledger.markRunning("b", Instant.EPOCH);
            ledger.markResumed("b", "epoch 2 of 3");
            ledger.markResumed("b", null); // its snapshot refused: it runs from the start after all
            assertEquals("", ledger.entry("b").orElseThrow().resumedFrom());
            assertFalse(ledger.entry("b").orElseThrow().resumed());
            assertEquals(3, ledger.entry("b").orElseThrow().attempts()); // one before, two here
        }
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
