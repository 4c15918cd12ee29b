package io.somnus.experiment.io;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files this process holds an operating-system lock on: {@link DirectoryLock}'s lock files and the temporary
 * files {@link AtomicFiles#write} is writing. POSIX locks belong to a process, and closing any channel on a file
 * releases them all, so this process never opens a second channel on a file it holds: it consults this set instead.
 * Paths are kept absolute and normalised.
 */
final class LocksHeldHere {
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private LocksHeldHere() {
    }

    /** Records {@code file} as held; false when it already is (another owner in this process). */
    static boolean add(Path file) {
        return HELD.add(key(file));
    }

    static void remove(Path file) {
        HELD.remove(key(file));
    }

    static boolean contains(Path file) {
        return HELD.contains(key(file));
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
