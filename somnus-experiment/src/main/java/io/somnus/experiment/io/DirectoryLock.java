package io.somnus.experiment.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * An operating-system lock on a file that marks a directory as worked in by one process ({@link FileChannel#tryLock}):
 * the operating system releases it when the process ends in any way, {@code kill -9} included, so a lock is never
 * left behind; a second process (or a second owner in the same process) is refused. The file itself stays (deleting
 * it would let two processes lock two different files of one name) and holds a line saying who holds the lock, for
 * the refusal's message.
 */
public final class DirectoryLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code file} (created if absent) for this process.
     *
     * @return the lock, or empty when another process (or another owner in this one) holds it
     * @throws IOException when the file cannot be created or opened
     */
    public static Optional<DirectoryLock> tryAcquire(Path file, String purpose) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        if (!LocksHeldHere.add(key)) {
            return Optional.empty();
        }
        try {
            Optional<DirectoryLock> l = acquire(key, purpose);
            if (l.isEmpty()) {
                LocksHeldHere.remove(key);
            }
            return l;
        } catch (IOException | RuntimeException e) {
            LocksHeldHere.remove(key);
            throw e;
        }
    }

    private static Optional<DirectoryLock> acquire(Path file, String purpose) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another owner in this JVM
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        String holder = "pid " + ProcessHandle.current().pid() + " (" + ManagementFactory.getRuntimeMXBean().getName()
                + "), since " + Instant.now() + ": " + purpose + "\n";
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            // the lock holds without the note; the refusal's message is then less specific
        }
        return Optional.of(new DirectoryLock(file, channel, lock));
    }

    /** Whether another process (or owner) holds the lock on {@code file} now; a missing file is not locked. */
    public static boolean isLocked(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (LocksHeldHere.contains(file)) {
            return true;
        }
        Optional<DirectoryLock> probe = tryAcquireQuietly(file);
        probe.ifPresent(DirectoryLock::close);
        return probe.isEmpty();
    }

    private static Optional<DirectoryLock> tryAcquireQuietly(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return Optional.empty();
            }
            if (l == null) {
                return Optional.empty();
            }
            l.release();
            return Optional.of(new DirectoryLock(file, null, null));
        }
    }

    /**
     * Whether the process that locked {@code file} is provably gone: the file holds its holder's note (written only
     * once the lock was taken) and nobody holds the lock now. A missing or empty file proves nothing (its process may
     * be about to lock it).
     */
    public static boolean isAbandoned(Path file) throws IOException {
        return Files.isRegularFile(file) && Files.size(file) > 0 && !isLocked(file);
    }

    /** Who holds the lock on {@code file}, as its holder wrote it ("pid 123 (…), since …: …"), or "another process". */
    public static String holder(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? "another process" : s;
        } catch (IOException e) {
            return "another process";
        }
    }

    /** The lock file this lock holds. */
    public Path file() {
        return file;
    }

    /** Releases the lock (the file stays). */
    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        } finally {
            LocksHeldHere.remove(file);
        }
    }
}
