package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InterruptNoticeTest {
    /**
     * A run cut short in a sweep keeps the last snapshot it took, which under --snapshot-minutes may be later than its
     * last checkpoint: the notice must not send the user back to the checkpoint alone.
     */
    @Test
    void aSweepsNoticeNamesTheTimedSnapshotsToo() {
        Path dir = Path.of("runs", "study");
        try (InterruptNotice notice = InterruptNotice.forSweep(dir)) {
            String line = notice.line();
            assertTrue(line.contains(dir.toString()), line);
            assertTrue(line.contains("last checkpoint or epoch"), line);
            assertTrue(line.contains("--snapshot-minutes"), line);
            assertTrue(line.contains("--resume"), line);
        }
    }
}
