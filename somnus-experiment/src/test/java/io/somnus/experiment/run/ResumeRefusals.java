package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import java.nio.file.Files;
import java.nio.file.Path;

/** What both models' resume tests check of a run cut short whose directory was since changed. */
public final class ResumeRefusals {
    private ResumeRefusals() {
    }

    /** Resuming {@code dir} is refused with a {@code type}, which is returned. */
    public static <T extends Exception> T resumeRefused(Class<T> type, Path dir) {
        return assertThrows(type, () -> new StandardRunExecutor().resume(dir, RunProgress.NONE));
    }

    /** One bit flipped in the middle of {@code dir}'s snapshot is refused as damage; returns the snapshot's path. */
    public static Path damagedSnapshotRefused(Path dir) throws Exception {
        Path snapshot = dir.resolve(RunDirectory.RESUME_SNAPSHOT);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 2] ^= 1;
        Files.write(snapshot, bytes);
        FileFormatException e = resumeRefused(FileFormatException.class, dir);
        assertTrue(e.getMessage().contains(snapshot + " is damaged"), e.getMessage());
        return snapshot;
    }

    /**
     * {@code dir}'s config.yaml with {@code seedLine} (as it stands there) set to another seed is refused as not the
     * configuration the run started with, and left as it was edited.
     */
    public static void changedConfigurationRefused(Path dir, String seedLine) throws Exception {
        Path yaml = dir.resolve(RunDirectory.CONFIG);
        String changed = Files.readString(yaml).replace(seedLine, "seed: 4");
        assertTrue(!changed.equals(Files.readString(yaml)), "config.yaml holds " + seedLine);
        Files.writeString(yaml, changed);
        ConfigException e = resumeRefused(ConfigException.class, dir);
        assertTrue(e.getMessage().contains(yaml + " is not the configuration the run started with"), e.getMessage());
        assertEquals(changed, Files.readString(yaml), "nothing is rewritten");
    }
}
