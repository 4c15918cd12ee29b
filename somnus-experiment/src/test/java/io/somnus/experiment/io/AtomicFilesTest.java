package io.somnus.experiment.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void writesAndReplacesLeavingNoTemporaryFiles() throws Exception {
        Path file = tmp.resolve("sub/summary.json");
        AtomicFiles.write(file, "{\"a\": 1}");
        assertEquals("{\"a\": 1}", Files.readString(file));
        AtomicFiles.write(file, new byte[] {'x'});
        assertEquals("x", Files.readString(file));
        assertEquals(List.of(file), list(file.getParent()));
    }

    /** The temporary file's name says which file it was to become, so that a killed writer's can be told by kind. */
    @Test
    void aTemporaryFileNamesItsTarget() throws Exception {
        Path file = tmp.resolve("aggregate.csv");
        AtomicReference<String> temporary = new AtomicReference<>();
        AtomicFiles.write(file, out -> list(tmp).forEach(p -> temporary.set(p.getFileName().toString())));
        assertEquals(Optional.of("aggregate.csv"), AtomicFiles.targetOf(temporary.get()), temporary.get());
        assertEquals(Optional.empty(), AtomicFiles.targetOf("aggregate.csv"));
        assertEquals(Optional.empty(), AtomicFiles.targetOf(".aggregate.csv.tmp"), "no nonce");
        assertEquals(Optional.empty(), AtomicFiles.targetOf("notes.tmp"));
    }

    /**
     * A writer in another process holds its temporary file's lock: the file is kept while it writes, removed once the
     * writer is killed (the operating system released the lock), and the file it was to become never appears.
     */
    @Test
    void aKilledWritersTemporaryFileIsRemovedAndALiveOnesKept() throws Exception {
        Path file = tmp.resolve("weights.safetensors");
        Path temporary;
        try (ChildJvm writer = ChildJvm.start(AtomicWriterMain.class, "writing", file.toString())) {
            List<Path> files = list(tmp);
            assertEquals(1, files.size(), files.toString());
            temporary = files.get(0);
            assertEquals(Optional.of("weights.safetensors"), AtomicFiles.targetOf(temporary.getFileName().toString()));
            assertFalse(AtomicFiles.removeIfAbandoned(temporary), "its writer holds it");
            assertTrue(Files.exists(temporary));
        }
        assertTrue(AtomicFiles.removeIfAbandoned(temporary), "its writer is gone");
        assertEquals(List.of(), list(tmp));
        assertFalse(AtomicFiles.removeIfAbandoned(temporary), "gone already");
    }

    /**
     * A write of this process's own under way is kept (its lock cannot be probed from here: closing a second channel
     * would release it), and goes on to put its file in place whole.
     */
    @Test
    void aWriteOfThisProcessIsKept() throws Exception {
        Path file = tmp.resolve("network.safetensors");
        AtomicReference<Boolean> removed = new AtomicReference<>();
        AtomicFiles.write(file, out -> {
            out.write("whole".getBytes(StandardCharsets.UTF_8));
            out.flush();
            removed.set(AtomicFiles.removeIfAbandoned(list(tmp).get(0)));
        });
        assertEquals(false, removed.get());
        assertEquals("whole", Files.readString(file));
    }

    /**
     * A fresh empty temporary file proves nothing (its writer may be about to lock it), and a file of another name is
     * never one to remove, however it is left.
     */
    @Test
    void aYoungEmptyTemporaryFileAndAnotherFileAreKept() throws Exception {
        Path empty = Files.createFile(tmp.resolve(".weights.safetensors.1f.tmp"));
        Path young = Files.createFile(tmp.resolve(".report.html.2e.tmp"));
        setAge(young, Duration.ofMinutes(AtomicFiles.EMPTY_GRACE_MINUTES).minusMinutes(1));
        Path finished = Files.writeString(tmp.resolve("weights.safetensors"), "a finished file");
        setAge(finished, Duration.ofMinutes(AtomicFiles.EMPTY_GRACE_MINUTES).multipliedBy(100));
        assertFalse(AtomicFiles.removeIfAbandoned(empty));
        assertFalse(AtomicFiles.removeIfAbandoned(young), "younger than the grace period");
        assertFalse(AtomicFiles.removeIfAbandoned(finished));
        assertTrue(Files.exists(empty) && Files.exists(young) && Files.exists(finished));
    }

    /**
     * An empty, unlocked temporary file older than the grace period was left by a writer killed between creating it
     * and locking it (microseconds apart): it is removed, where before it was kept forever.
     */
    @Test
    void anEmptyTemporaryFileOlderThanTheGracePeriodIsRemoved() throws Exception {
        Path empty = Files.createFile(tmp.resolve(".weights.safetensors.1f.tmp"));
        setAge(empty, Duration.ofMinutes(AtomicFiles.EMPTY_GRACE_MINUTES).plusMinutes(1));
        assertTrue(AtomicFiles.removeIfAbandoned(empty));
        assertEquals(List.of(), list(tmp));
    }

    /** Dates {@code file}'s last modification {@code age} before now. */
    private static void setAge(Path file, Duration age) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }

    @Test
    void aFailingWriterKeepsTheOldContent() throws Exception {
        Path file = tmp.resolve("metrics.csv");
        AtomicFiles.write(file, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), list(tmp));
    }

    @Test
    void movesADirectoryAtomically() throws Exception {
        Path src = Files.createDirectories(tmp.resolve(".tmp-run-1"));
        Files.writeString(src.resolve("a.txt"), "a");
        Path dst = tmp.resolve("run");
        AtomicFiles.moveAtomically(src, dst);
        assertEquals("a", Files.readString(dst.resolve("a.txt")));
        assertEquals(List.of(dst), list(tmp));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** A full disk says "No space left on device" and nothing else: the error must name the file. */
    @Test
    void aWriteErrorNamesTheFileAndLeavesTheOldContent(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("summary.json");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[10]);
            throw new IOException("No space left on device");
        }));
        Assertions.assertTrue(e.getMessage().contains(target.toAbsolutePath().toString())
                && e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals("old", Files.readString(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList(), "no temporary file left");
        }
    }

    /**
     * Why a file operation failed, in words: Java leaves the reason of some exceptions empty, and "cannot create the
     * sweep directory /proc/sys/x (NoSuchFileException)" named a Java class instead.
     */
    @Test
    void aReasonJavaLeavesEmptyIsSaidInWords() {
        assertEquals("no such file or directory", AtomicFiles.reason(new NoSuchFileException("/p/x")));
        assertEquals("permission denied", AtomicFiles.reason(new AccessDeniedException("/p/x")));
        assertEquals("it already exists", AtomicFiles.reason(new FileAlreadyExistsException("/p/x")));
        assertEquals("not a directory", AtomicFiles.reason(new NotDirectoryException("/p/x")));
        assertEquals("directory not empty", AtomicFiles.reason(new DirectoryNotEmptyException("/p/x")));
        assertEquals("Operation not permitted", AtomicFiles.reason(
                new FileSystemException("/p/x", null, "Operation not permitted")));
    }
}
