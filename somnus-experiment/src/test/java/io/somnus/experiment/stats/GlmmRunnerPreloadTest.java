package io.somnus.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GlmmRunnerPreloadTest {
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
}
