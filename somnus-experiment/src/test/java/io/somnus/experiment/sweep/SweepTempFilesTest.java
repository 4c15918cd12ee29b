package io.somnus.experiment.sweep;

import static io.somnus.experiment.sweep.SweepSpecTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.DirectoryLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files left by a killed aggregation are removed by the next one, and only those, under the lock. */
class SweepTempFilesTest {
    @TempDir
    Path tmp;

    private static SweepCommandSupport support() {
        return new SweepCommandSupport(new FakeResolver(), new FakeExecutor(null, 0, 0, Set.of()));
    }

    private Path sweep() throws Exception {
        Path file = Files.writeString(tmp.resolve("small.yaml"), "name: small\npresets: [paper]\ndatasets: [mnist]\n"
                + "sleep_fractions: [0.0, 0.2]\nseeds: [1, 2]\n");
        Path out = tmp.resolve("out");
        support().run(file, out, 1, false, SweepListener.NONE);
        return out;
    }

    /** The name AtomicFiles gives the temporary file of {@code target}, caught while it writes. */
    private static String temporaryNameOf(Path target) throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicFiles.write(target, out -> {
            try (var s = Files.list(target.toAbsolutePath().getParent())) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp") && n.contains(
                        target.getFileName().toString())).forEach(seen::set);
            }
        });
        return seen.get();
    }

    @Test
    void theNextAggregationRemovesStaleTemporaryFilesOfItsOwnKindOnly() throws Exception {
        Path out = sweep();
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        // named as AtomicFiles names them (caught while writing elsewhere), as a killed aggregation leaves them
        List<Path> stale = new ArrayList<>();
        for (String target : List.of("aggregate.csv", "verdict.json", "stats.json")) {
            stale.add(Files.writeString(out.resolve(temporaryNameOf(scratch.resolve(target))), "half a table"));
        }
        stale.add(Files.writeString(out.resolve("glmm.csv.new"), "half an R table"));
        List<Path> kept = List.of(
                // report.html is written without the lock: its temporary file may be a live report's
                Files.writeString(out.resolve(temporaryNameOf(scratch.resolve("report.html"))), "<html>"),
                Files.writeString(out.resolve("notes.tmp"), "the user's"),
                Files.writeString(out.resolve("my.csv.new"), "the user's"));

        RecordingListener listener = new RecordingListener();
        List<String> messages = listener.messages;
        SweepResult resumed = support().run(tmp.resolve("small.yaml"), out, 1, true, listener);
        assertTrue(resumed.aggregate() != null, messages.toString());
        for (Path p : stale) {
            assertFalse(Files.exists(p), p + " is removed");
        }
        for (Path p : kept) {
            assertTrue(Files.exists(p), p + " is kept");
        }
        String removed = messages.stream().filter(m -> m.startsWith("removed ")).findFirst().orElseThrow();
        assertContains(removed, "removed 4 temporary files left by an interrupted aggregation",
                stale.get(0).getFileName().toString(), "glmm.csv.new");
    }

    /** Only with the sweep directory's own lock held: the lock is what makes a temporary file provably stale. */
    @Test
    void removingNeedsTheLockOfThatSweepDirectory() throws Exception {
        Path out = sweep();
        Path other = Files.createDirectories(tmp.resolve("other"));
        Path file = Files.writeString(out.resolve("glmm.csv.new"), "x");
        try (DirectoryLock lock = DirectoryLock.tryAcquire(other.resolve(SweepRunner.LOCK_FILE), "test").orElseThrow()) {
            assertThrows(IllegalArgumentException.class, () -> SweepTempFiles.removeStale(out, lock));
        }
        assertTrue(Files.exists(file));
        try (DirectoryLock lock = SweepLock.lockToAggregate(out)) {
            assertEquals(List.of(file), SweepTempFiles.removeStale(out, lock));
            // held by this owner now: a second one (a sweep, report --aggregate) is refused, so nothing writes beside it
            SweepException busy = assertThrows(SweepException.class, () -> SweepLock.lockToAggregate(out));
            assertContains(busy.getMessage(), "is in use by", "or report without --aggregate");
        }
        assertFalse(Files.exists(file));
    }
}
