package io.somnus.cli;

import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.io.FileTrees;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.run.RunFailures;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Run directories are created whole (written under a temporary name, then moved) and never overwritten. While a run
 * writes its temporary directory {@code .<name>.tmp-<n>} it holds an operating-system lock on the file
 * {@value #LOCK_FILE} inside it; a temporary directory whose lock is free is provably left by a dead process (killed,
 * or the machine went down) and may be removed ({@link #removeAbandoned}).
 */
final class RunDirectories {
    /** The lock file inside a temporary run directory. */
    static final String LOCK_FILE = ".somnus.lock";
    /**
     * In a temporary run directory: the run was started with {@code train --no-report}, which its {@code --resume}
     * keeps (the choice is no part of its configuration) unless given {@code --report}, which removes it; removed when
     * the run is moved into place.
     */
    static final String NO_REPORT = ".somnus.no-report";

    private RunDirectories() { }

    static void requireFresh(Path dir) throws IOException {
        // the run is moved into place under its own name: '.' cannot be replaced (rmdir gave "Invalid argument", exit 1)
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new CliException("--out '" + dir + "' names no new directory; give the run directory's own name, e.g. "
                    + "--out runs/r1 (it is created)");
        }
        requireNoFileAbove("--out", dir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException("--out " + dir + " is a file; give the run directory to create");
        }
        if (Files.exists(dir)) {
            boolean empty;
            try (Stream<Path> s = Files.list(dir)) {
                empty = s.findAny().isEmpty();
            } catch (IOException e) {
                empty = false;
            }
            if (!empty) {
                throw new CliException("output directory " + dir + " already exists and is not empty; "
                        + "choose another --out or remove it");
            }
            Files.delete(dir);
        }
    }

    /** Refuses a path under an existing file (its directories could not be made), naming the option and the file. */
    static void requireNoFileAbove(String option, Path path) {
        AtomicFiles.fileAbove(path).ifPresent(file -> {
            throw new CliException(option + " " + path + " lies under " + file + ", which is a file");
        });
    }

    /** A temporary directory beside {@code dir}, locked by this process until {@link Temporary#close}. */
    static Temporary temporarySibling(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Path tmp;
        try {
            Files.createDirectories(parent);
            tmp = freshDirectory(parent, prefix(dir));
        } catch (FileSystemException e) {
            throw new CliException("--out " + dir + ": cannot create a directory in " + parent + " ("
                    + AtomicFiles.reason(e) + "); choose an --out where you may write");
        }
        DirectoryLock lock = DirectoryLock.tryAcquire(tmp.resolve(LOCK_FILE), "train --out " + dir)
                .orElseThrow(() -> new IllegalStateException("a fresh temporary directory is locked: " + tmp));
        return new Temporary(tmp, lock);
    }

    /**
     * A new directory {@code parent/prefix<n>}, with the permissions the umask gives (Files.createTempDirectory makes
     * it rwx------ whatever the umask, where a run directory is read by others, as a sweep's runs are).
     */
    private static Path freshDirectory(Path parent, String prefix) throws IOException {
        while (true) {
            try {
                return Files.createDirectory(parent.resolve(prefix
                        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong())));
            } catch (FileAlreadyExistsException taken) {
                // drawn twice: draw again
            }
        }
    }

    /** Marks the temporary run directory {@code tmp} as started with --no-report ({@link #NO_REPORT}). */
    static void recordNoReport(Path tmp) throws IOException {
        recordReport(tmp, false);
    }

    /**
     * Records in the temporary run directory {@code tmp} whether the run writes its report ({@link #NO_REPORT} absent)
     * or not, as {@code train --[no-]report} said it: a later --resume given neither does the same.
     */
    static void recordReport(Path tmp, boolean report) throws IOException {
        if (report) {
            Files.deleteIfExists(tmp.resolve(NO_REPORT));
        } else if (!Files.exists(tmp.resolve(NO_REPORT))) {
            Files.createFile(tmp.resolve(NO_REPORT));
        }
    }

    /** A locked temporary run directory. */
    record Temporary(Path dir, DirectoryLock lock) implements AutoCloseable {
        /**
         * Moves the finished run into place: the lock file is removed first, so the run directory holds only the run.
         * When another process made {@code target} meanwhile, the run goes to the first free {@code target-2},
         * {@code target-3}, … instead: a finished run is never lost, nor another one overwritten.
         *
         * @return where the run is
         */
        Path moveTo(Path target) throws IOException {
            Files.deleteIfExists(lock.file());
            Files.deleteIfExists(dir.resolve(NO_REPORT));
            for (int k = 1; ; k++) {
                Path to = k == 1 ? target : target.resolveSibling(target.getFileName() + "-" + k);
                try {
                    if (k > 1 && Files.exists(to)) {
                        continue;
                    }
                    AtomicFiles.moveAtomically(dir, to);
                    return to;
                } catch (FileSystemException e) {
                    if (!Files.exists(to)) { // rename(2) says ENOTEMPTY as a plain FileSystemException
                        throw e;
                    }
                    // another run finished there first
                }
            }
        }

        @Override
        public void close() {
            lock.close();
        }
    }

    static String prefix(Path dir) {
        return "." + dir.getFileName() + ".tmp-";
    }

    /**
     * Removes the temporary run directories in {@code parent} (those of {@code name}, or all when null) whose process
     * is provably dead; keeps those in use and those it cannot tell about.
     *
     * @return one line per directory found, saying what was done
     */
    static List<String> removeAbandoned(Path parent, String name) throws IOException {
        List<String> report = new ArrayList<>();
        for (Path tmp : temporaries(parent, name)) {
            Path lock = tmp.resolve(LOCK_FILE);
            if (DirectoryLock.isAbandoned(lock)) {
                FileTrees.deleteRecursively(tmp);
                report.add("removed " + tmp + ", left by an interrupted run (its process is gone)");
            } else if (DirectoryLock.isLocked(lock)) {
                report.add("kept " + tmp + ": a run is writing it (" + DirectoryLock.holder(lock) + ")");
            } else {
                report.add("kept " + tmp + ": cannot tell whether the run that wrote it is still going (no lock note); "
                        + "remove it yourself if no somnus process is running");
            }
        }
        return report;
    }

    /**
     * The temporary directory of {@code dir}'s interrupted run to resume: the one with a resume snapshot (the newest
     * snapshot when several have one), else the newest, whose resume then says why it cannot go on.
     *
     * @throws CliException when there is none
     */
    static Path resumable(Path dir) throws IOException {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        List<Path> found = temporaries(dir.toAbsolutePath().getParent(), name);
        if (found.isEmpty()) {
            throw new CliException("--resume " + dir + ": there is no interrupted run of " + dir + " to resume (no "
                    + "temporary directory " + prefix(dir) + "* beside it); run it again with somnus train --out " + dir);
        }
        Path best = null;
        FileTime bestTime = null;
        boolean bestHasSnapshot = false;
        for (Path tmp : found) {
            Path snapshot = tmp.resolve(RunDirectory.RESUME_SNAPSHOT);
            boolean has = Files.isRegularFile(snapshot);
            FileTime time = Files.getLastModifiedTime(has ? snapshot : tmp);
            if (best == null || (has && !bestHasSnapshot) || (has == bestHasSnapshot && time.compareTo(bestTime) > 0)) {
                best = tmp;
                bestTime = time;
                bestHasSnapshot = has;
            }
        }
        return best;
    }

    /** The temporary run directories in {@code parent} (those of {@code name}, or all when null), sorted. */
    private static List<Path> temporaries(Path parent, String name) throws IOException {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isDirectory(p) && n.startsWith(".") && n.contains(".tmp-")
                        && (name == null || n.startsWith("." + name + ".tmp-"));
            }).sorted().toList();
        }
    }

    /**
     * Refuses a run into {@code dir} while another process is writing a run into it (its locked temporary directory
     * beside it): the two would race for the name at their ends.
     */
    static void requireNoOtherWriter(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        List<Path> others;
        try {
            others = temporaries(parent, dir.getFileName().toString());
        } catch (AccessDeniedException e) {
            throw new CliException("--out " + dir + ": cannot list " + parent + " (permission denied); choose an --out "
                    + "where you may write");
        }
        for (Path tmp : others) {
            Path lock = tmp.resolve(LOCK_FILE);
            if (DirectoryLock.isLocked(lock)) {
                throw new CliException("--out " + dir + ": another run is writing it (" + DirectoryLock.holder(lock)
                        + "); wait for it to finish, or choose another --out");
            }
        }
    }

    /**
     * Refuses a fresh run into {@code dir} while an interrupted run of it could go on from its resume snapshot: the
     * fresh run would remove that run's temporary directory ({@link #removeAbandoned}) and its training with it.
     */
    static void requireNoResumable(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        for (Path tmp : temporaries(parent, dir.getFileName().toString())) {
            if (Files.isRegularFile(tmp.resolve(RunDirectory.RESUME_SNAPSHOT))) {
                throw new CliException("--out " + dir + ": an interrupted run of it can go on from the last epoch or "
                        + "checkpoint it finished (" + tmp.getFileName() + " beside it holds its resume snapshot): somnus train "
                        + "--resume " + dir + " finishes it; to start again instead, remove it first (somnus clean "
                        + parent + ")");
            }
        }
    }

    /**
     * After a fresh run into {@code dir} failed with {@code e} in its temporary directory {@code tmp}: an SG-SNN run
     * whose resume snapshot is there and whose failure a resume could get past (an I/O error, the heap exhausted, an
     * interruption: {@link io.somnus.experiment.run.RunFailures#resumable}) keeps it, and the error says how to go on;
     * any other failed run is removed, as a resume would only fail again the same way (docs/run-directory.md).
     *
     * @return the exception to throw in place of {@code e} where the run was kept; empty where it was removed
     */
    static Optional<RuntimeException> afterFailure(Path tmp, Path dir, Throwable e) {
        if (Files.isRegularFile(tmp.resolve(RunDirectory.RESUME_SNAPSHOT)) && RunFailures.resumable(e)) {
            return Optional.of(new KeptForResume(SomnusCli.userMessage(e) + "; the run is kept up to the "
                    + "last epoch or checkpoint it finished (" + tmp + " holds its resume snapshot): once the cause is fixed"
                    + RunFailures.remedy(e) + ", somnus train --resume " + dir + " goes on "
                    + "from there (somnus clean " + tmp.getParent() + " removes it instead)", e));
        }
        deleteQuietly(tmp);
        return Optional.empty();
    }

    /**
     * The error of a run that ran out of the Java heap and kept nothing to resume from (before its first snapshot, or
     * writing it): the JVM's own says "Java heap space" alone, with a stack trace. Empty for any other failure.
     */
    static Optional<RuntimeException> outOfHeap(Path dir, Throwable e) {
        if (!RunFailures.outOfHeap(e)) {
            return Optional.empty();
        }
        return Optional.of(new OutOfHeap(String.format(Locale.ROOT,
                "the run into %s ran out of the Java heap (at most %.1f GiB) and kept nothing to resume from; raise "
                        + "the heap and run it again: SOMNUS_JAVA_OPTS=-Xmx… (-Xmx2g holds diehl-cook at N_e = 6 400 "
                        + "with its readouts, docs/performance.md)", dir,
                Runtime.getRuntime().maxMemory() / (double) (1L << 30)), e));
    }

    /** A failed run that ran out of the heap: its message says what to set; the exit status is its cause's. */
    static final class OutOfHeap extends RuntimeException {
        OutOfHeap(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A failed run kept for {@code train --resume}: its message says so; the exit status is its cause's. */
    static final class KeptForResume extends RuntimeException {
        KeptForResume(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
