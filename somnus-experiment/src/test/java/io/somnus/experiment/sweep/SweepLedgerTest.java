package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a ledger (report, inspect) changes nothing on disk, so a sweep on read-only storage is read as well. */
class SweepLedgerTest {
    @Test
    void readingALedgerChangesNothingOnDisk(@TempDir Path tmp) throws Exception {
        Path sweep = Files.writeString(tmp.resolve("sweep.yaml"), SweepRunnerTest.SWEEP);
        Path out = tmp.resolve("out");
        new SweepCommandSupport(new FakeResolver(), new FakeExecutor(null, 0, 0, java.util.Set.of()))
                .run(sweep, out, 1, false, SweepListener.NONE);
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

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
