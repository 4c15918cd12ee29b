package io.somnus.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlmmRunnerTemporaryFolderTest {
    /**
     * An R preloaded for a fit that never comes is killed when its runner closes; R then cannot remove its session
     * folder (RtmpXXXX), which it makes in TMPDIR: the runner gives it a folder of its own and deletes it.
     */
    @Test
    void aPreloadedRThatNoFitUsedLeavesNoTemporaryFolder() throws Exception {
        GlmmRunner runner = new GlmmRunner("Rscript", Duration.ofMinutes(1)).preloaded();
        Path folder;
        try {
            folder = runner.preloadedTemporaryFolder();
            assumeTrue(folder != null, "Rscript is needed");
            boolean session = false;
            for (int i = 0; i < 200 && !session; i++) { // R makes its session folder as it starts
                try (Stream<Path> s = Files.list(folder)) {
                    session = s.anyMatch(p -> p.getFileName().toString().startsWith("Rtmp"));
                }
                if (!session) {
                    Thread.sleep(50);
                }
            }
            assertTrue(session, "R made no session folder in the TMPDIR it was given: " + folder);
        } finally {
            runner.close();
        }
        assertNotNull(folder);
        assertFalse(Files.exists(folder), "left behind: " + folder);
    }

    /**
     * An R started for one fit (none preloaded) and killed when the fit times out leaves its session folder too: it
     * runs in a TMPDIR of its own, deleted with it. A stand-in for Rscript records the TMPDIR it was given, makes an
     * RtmpXXXX folder there as R does, and outlives the timeout.
     */
    @Test
    void anRKilledOnItsTimeoutLeavesNoTemporaryFolder(@TempDir Path dir) throws Exception {
        Path rscript = dir.resolve("Rscript");
        Files.writeString(rscript, "#!/bin/sh\nprintf '%s' \"$TMPDIR\" > tmpdir.txt\n"
                + "mkdir \"${TMPDIR:-/tmp}/RtmpSomnusTest$$\"\nexec sleep 30\n");
        Files.setPosixFilePermissions(rscript, PosixFilePermissions.fromString("rwx------"));
        Path sweep = Files.createDirectory(dir.resolve("sweep"));
        GlmmOutcome outcome;
        try (GlmmRunner runner = new GlmmRunner(rscript.toString(), Duration.ofSeconds(2))) {
            outcome = runner.fit(sweep, 1, 1, 2, 20);
        }
        assertEquals("failed: timed out after 2 s", outcome.status());
        String given = Files.readString(sweep.resolve("tmpdir.txt"));
        assertFalse(given.isEmpty(), "R was started without a TMPDIR of its own");
        assertFalse(Files.exists(Path.of(given)), "left behind: " + given);
    }
}
