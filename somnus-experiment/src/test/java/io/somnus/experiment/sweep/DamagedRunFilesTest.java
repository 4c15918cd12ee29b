package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.RunFileCheck;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run file this user may not read is named once, as unreadable, with read access as the first remedy, not as a
 * file "cut short or changed" (the check of the run's files and its loading both met it, and each named it).
 */
class DamagedRunFilesTest {
    @Test
    void anUnreadableFileIsNamedOnceAsUnreadable() {
        Path summary = Path.of("/sweep/runs/r1/summary.json");
        String problem = RunFileCheck.unreadable(summary, new AccessDeniedException(summary.toString()));
        assertEquals(summary + ": cannot be read by this user (permission denied); give it read access", problem);
        DamagedRunFiles damaged = new DamagedRunFiles();
        damaged.add("r1", List.of(problem));
        damaged.add("r1", List.of(problem));
        String m = assertThrows(FileFormatException.class, () -> damaged.throwIfAny(Path.of("/sweep"), false, true))
                .getMessage();
        assertTrue(m.startsWith("a file this user cannot read in the sweep directory /sweep:\n  run r1: " + problem
                + "\nGive this user read access to it, or restore it from a copy"), m);
        assertEquals(m.indexOf(problem), m.lastIndexOf(problem), m);
        assertFalse(m.contains("cut short"), m);
    }

    @Test
    void aDamagedFileBesideAnUnreadableOneIsStillCalledDamaged() {
        DamagedRunFiles damaged = new DamagedRunFiles();
        damaged.add("r1", List.of(RunFileCheck.unreadable(Path.of("/s/runs/r1/metrics.csv"),
                new AccessDeniedException("/s/runs/r1/metrics.csv"))));
        damaged.add("r2", List.of("/s/runs/r2/metrics.csv is damaged: it has no images_seen column"));
        String m = assertThrows(FileFormatException.class, () -> damaged.throwIfAny(Path.of("/s"), false, true))
                .getMessage();
        assertTrue(m.startsWith("2 damaged files in the sweep directory /s:"), m);
        assertTrue(m.contains("Each was cut short, changed or deleted after its run wrote it (or cannot be read, where so named)"),
                m);
    }
}
