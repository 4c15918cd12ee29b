package io.somnus.experiment.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes files so that a reader (or a resumed sweep after a crash) sees either the old content or the
 * complete new content, never a torn file: the bytes go to a temporary file in the target's directory,
 * are forced to disk, and the temporary file is renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}; the directory is then forced so the rename itself is durable.
 *
 * <p>The writer holds an operating-system lock on its temporary file from its first byte until it is in place, which
 * the operating system releases when the process ends in any way: a temporary file that is unlocked and not empty was
 * left by a writer that is gone ({@link #removeIfAbandoned}), where a writer that takes no other lock (an export
 * beside a run) gave nothing to tell it by. An empty one unlocked is left too once it is older than
 * {@link #EMPTY_GRACE_MINUTES}: a writer killed between creating and locking it left it.
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        /** Writes the file's content to {@code out}, the temporary file's stream (the caller flushes and closes it). */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Only makes temporary names unique; not a simulation stream. */
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The name of a temporary file of {@link #write}: "." + the target's name + "." + a hex nonce + ".tmp". */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.[0-9a-f]{1,16}\\.tmp");

    /**
     * How long an empty, unlocked temporary file is kept: its writer locks it microseconds after creating it, so one
     * this old was left by a writer killed in between. Minutes, not seconds, so that a stalled writer (a machine
     * swapping, a process stopped with SIGSTOP) or a clock a little off is never mistaken for a dead one. A number of
     * minutes, a constant, so that clean's help (an annotation) can say it.
     */
    public static final long EMPTY_GRACE_MINUTES = 10;

    private AtomicFiles() {}

    /**
     * Writes {@code bytes} to {@code target} atomically: into a temporary file beside it, then moved into place, so a
     * reader sees the old file or the whole new one, never part of it.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code text} as UTF-8. */
    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Streams the content through {@code writer} into a temporary sibling, then renames it over {@code target}. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        try {
            writeOrThrow(target, writer);
        } catch (FileSystemException e) {
            throw e; // already names the file
        } catch (IOException e) {
            // e.g. "No space left on device" names no file: say which one could not be written
            throw new IOException("cannot write " + target.toAbsolutePath() + ": " + e.getMessage()
                    + " (the previous content, if any, is unchanged)", e);
        }
    }

    private static void writeOrThrow(Path target, StreamWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // not Files.createTempFile: its owner-only permissions would end up on the target
        Path tmp = dir.resolve(temporaryName(absolute.getFileName().toString()));
        LocksHeldHere.add(tmp); // removeIfAbandoned opens no channel on it: that would release its lock
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                lockWhileWriting(channel);
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
                moveAtomically(tmp, absolute); // still locked: unlocked under its temporary name, it would read as left
                moved = true;
            }
        } finally {
            LocksHeldHere.remove(tmp);
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Locks the fresh temporary file for as long as {@code channel} is open; waits out a {@link #removeIfAbandoned}
     * looking at it that moment. Where the file system has no locks, the file is written unlocked: there
     * {@link #removeIfAbandoned} cannot lock it either, and keeps it.
     */
    private static void lockWhileWriting(FileChannel channel) throws IOException {
        try {
            channel.lock();
        } catch (ClosedChannelException e) {
            throw e; // interrupted: the write cannot go on
        } catch (IOException e) {
            // no locks here ("No locks available"): see above
        }
    }

    /**
     * Removes {@code tmp}, a temporary file of {@link #write}, where its writer is provably gone: no process holds its
     * lock (the operating system released it as the writer died) and it is not empty (a writer locks it before its
     * first byte) or, empty, was last modified more than {@link #EMPTY_GRACE_MINUTES} ago (a writer killed between
     * creating and locking it). Kept where a writer holds it, where it is empty and younger, and where its lock cannot
     * be taken (a file system without locks).
     *
     * @return whether it was removed; false too where it is gone, moved into place by its writer meanwhile
     */
    public static boolean removeIfAbandoned(Path tmp) throws IOException {
        Path file = tmp.toAbsolutePath().normalize();
        if (targetOf(file.getFileName().toString()).isEmpty() || LocksHeldHere.contains(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException | IOException e) {
                return false; // held in this process, or no locks here
            }
            if (lock == null || channel.size() == 0 && !olderThanGrace(file)) {
                return false;
            }
            Files.delete(file); // under the lock: no writer can hold it now
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Whether {@code file} was last modified more than {@link #EMPTY_GRACE_MINUTES} ago (one dated ahead is young). */
    private static boolean olderThanGrace(Path file) throws IOException {
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        return modified.plus(Duration.ofMinutes(EMPTY_GRACE_MINUTES)).isBefore(Instant.now());
    }

    private static String temporaryName(String target) {
        return "." + target + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp";
    }

    /**
     * The name of the file that {@code fileName}, a temporary file of {@link #write}, was to become (a killed writer
     * leaves it behind); empty when {@code fileName} is not such a file.
     */
    public static Optional<String> targetOf(String fileName) {
        Matcher m = TEMPORARY.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * What the operating system said of a failed file operation, in words: "Read-only file system", "permission
     * denied" (which Java reports with no reason), "No space left on device".
     */
    public static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        // these subclasses leave the reason empty: their class is it, which a user should not have to read as Java
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        } else if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        } else if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        } else if (e instanceof NotDirectoryException) {
            return "not a directory";
        } else if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return e.getClass().getSimpleName();
    }

    /**
     * Renames {@code source} to {@code target} atomically (replacing a file, or an empty directory,
     * already there) and forces the parent directory so that the rename survives a crash.
     *
     * @throws AtomicMoveNotSupportedException where the file system cannot rename atomically
     *                                         (e.g. source and target on different file systems)
     */
    public static void moveAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Forces a directory's entries to disk. Linux allows opening a directory for reading and forcing it;
     * where the platform refuses (Windows), the rename is still atomic and this is a no-op.
     */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform: nothing more we can do
        }
    }

    /**
     * The nearest existing file (not a directory) among {@code path}'s parents, under which no directory can be made;
     * empty when there is none.
     */
    public static Optional<Path> fileAbove(Path path) {
        for (Path up = path.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up) && !Files.isDirectory(up)) {
                return Optional.of(up);
            }
        }
        return Optional.empty();
    }
}
