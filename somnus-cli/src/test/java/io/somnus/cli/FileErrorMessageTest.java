package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/**
 * A file this user may not read (a network.npz or a run's summary.json of chmod 000, for a user other than root) is
 * named with what happened to it, and is bad input (exit 2): the JDK's message for it is the path alone, which the
 * command printed as its whole error, with exit 1. The exceptions are made here, as the file system would throw them
 * (root reads a chmod-000 file, so a real one cannot be relied on).
 */
class FileErrorMessageTest {
    @Test
    void aDeniedFileIsNamedWithWhyAndIsBadInput() {
        AccessDeniedException denied = new AccessDeniedException("/data/network.npz");
        assertEquals("/data/network.npz: permission denied (this user may not read or write it)",
                SomnusCli.userMessage(denied));
        assertEquals(SomnusCli.EXIT_BAD_INPUT, SomnusCli.exitStatus(denied));
        // wrapped, as a stream's reader throws it
        UncheckedIOException wrapped = new UncheckedIOException(denied);
        assertEquals("/data/network.npz: permission denied (this user may not read or write it)",
                SomnusCli.userMessage(wrapped));
        assertEquals(SomnusCli.EXIT_BAD_INPUT, SomnusCli.exitStatus(wrapped));
    }

    @Test
    void aMissingFileIsSaidToBeMissing() {
        NoSuchFileException gone = new NoSuchFileException("/runs/r1/summary.json");
        assertEquals("/runs/r1/summary.json: no such file or directory", SomnusCli.userMessage(gone));
        // the file system's own reason, where it gives one, is kept as it is
        assertEquals("/a: Read-only file system", SomnusCli.userMessage(
                new FileSystemException("/a", null, "Read-only file system")));
    }
}
