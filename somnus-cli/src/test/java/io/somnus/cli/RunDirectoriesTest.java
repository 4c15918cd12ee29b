package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs into one --out: the second is refused while the first writes; a run whose name was taken is kept. */
class RunDirectoriesTest {
    @Test
    void aRunIntoADirectoryAnotherRunIsWritingIsRefused(@TempDir Path parent) throws Exception {
        Path out = parent.resolve("same");
        try (RunDirectories.Temporary first = RunDirectories.temporarySibling(out)) {
            CliException e = assertThrows(CliException.class, () -> RunDirectories.requireNoOtherWriter(out));
            assertTrue(e.getMessage().startsWith("--out " + out + ": another run is writing it (pid "), e.getMessage());
            RunDirectories.requireNoOtherWriter(parent.resolve("other")); // another name is free
        }
        RunDirectories.requireNoOtherWriter(out); // its lock released
    }

    /** --out . (an empty working directory), .. or '' is refused by name before anything runs. */
    @Test
    void anOutThatNamesNoNewDirectoryIsRefused(@TempDir Path parent) throws Exception {
        for (Path out : List.of(Path.of("."), Path.of(""), parent.resolve(".."), parent.resolve("."), Path.of("/"))) {
            CliException e = assertThrows(CliException.class, () -> RunDirectories.requireFresh(out));
            assertTrue(e.getMessage().startsWith("--out '" + out + "' names no new directory"), e.getMessage());
        }
        assertTrue(Files.isDirectory(parent), "nothing removed");
        RunDirectories.requireFresh(parent.resolve("r1")); // a new name is fresh
    }

    @Test
    void aFinishedRunWhoseNameWasTakenMovesBesideIt(@TempDir Path parent) throws Exception {
        Path out = parent.resolve("same");
        try (RunDirectories.Temporary late = RunDirectories.temporarySibling(out);
             RunDirectories.Temporary later = RunDirectories.temporarySibling(out)) {
            Files.writeString(late.dir().resolve("summary.json"), "{\"seed\": 1}");
            Files.writeString(later.dir().resolve("summary.json"), "{\"seed\": 2}");
            Files.createDirectories(out);
            Files.writeString(out.resolve("summary.json"), "{\"seed\": 0}"); // a run that finished there first
            assertEquals(parent.resolve("same-2"), late.moveTo(out));
            assertEquals(parent.resolve("same-3"), later.moveTo(out));
        }
        assertEquals("{\"seed\": 0}", Files.readString(out.resolve("summary.json")), "the first run is kept");
        assertEquals("{\"seed\": 1}", Files.readString(parent.resolve("same-2/summary.json")));
        assertEquals("{\"seed\": 2}", Files.readString(parent.resolve("same-3/summary.json")));
        assertFalse(Files.exists(parent.resolve("same-2").resolve(RunDirectories.LOCK_FILE)));
    }
}
