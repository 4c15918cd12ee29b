package io.somnus.experiment.sweep;

import static io.somnus.experiment.sweep.SweepRunner.LOCK_FILE;
import static io.somnus.experiment.sweep.SweepRunner.RUNS_DIR;

import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.stats.NotAResultDirectoryException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The lock of a sweep directory ({@code DIR/.somnus.lock}): one process at a time works in it, a sweep that runs or
 * resumes there ({@link #lock}) or a report that rewrites its aggregates ({@link #lockToAggregate}). A second process
 * is refused, naming the holder, before it changes anything.
 */
public final class SweepLock {
    private SweepLock() {}

    /**
     * Checks that {@code outDir} can hold a sweep (see {@link SweepRunner#execute}), then locks it (creating it) for
     * this process.
     *
     * @throws SweepException naming the directory (and the holder, when another process works in it); nothing is
     *                        created when the directory cannot hold a sweep
     */
    public static DirectoryLock lock(Path outDir, boolean resume) throws IOException {
        Path out = outDir.toAbsolutePath().normalize();
        Path file = out.resolve(LOCK_FILE);
        // a sweep at work there is the reason to refuse, before "not empty: pass --resume", which would be refused too
        boolean locked;
        try {
            locked = DirectoryLock.isLocked(file); // opens the lock file to write: refused on read-only storage
        } catch (FileSystemException e) {
            throw cannotWrite(out, e);
        }
        if (locked) {
            throw inUse(out, file);
        }
        SweepRecord.checkOutput(out, resume);
        try {
            Files.createDirectories(out);
        } catch (FileSystemException e) {
            throw new SweepException("cannot create the sweep directory " + out + " (" + AtomicFiles.reason(e)
                    + "); choose an --out where you may write. Nothing was changed.", e);
        }
        Optional<DirectoryLock> lock;
        try {
            lock = DirectoryLock.tryAcquire(file, "sweep in " + out);
        } catch (FileSystemException e) {
            throw cannotWrite(out, e);
        }
        return lock.orElseThrow(() -> inUse(out, file));
    }

    private static SweepException cannotWrite(Path out, FileSystemException e) {
        return new SweepException("cannot write into the sweep directory " + out + " (" + AtomicFiles.reason(e) + "); "
                + "a sweep on storage you cannot write can be reported (somnus report DIR --out FILE) but not run "
                + "or resumed. Nothing was changed.", e);
    }

    private static SweepException inUse(Path out, Path lockFile) {
        return new SweepException("sweep directory " + out + " is in use by " + holderInWords(DirectoryLock.holder(
                lockFile)) + "; wait for it to finish or stop it, then --resume. Nothing was changed.");
    }

    /**
     * Locks a sweep (or run) directory whose aggregates are to be rewritten ({@code report --aggregate}): the files
     * that a sweep writes under its lock are written by one process at a time ({@link SweepTempFiles}).
     *
     * @throws SweepException naming the directory and the holder when another process works in it
     * @throws NotAResultDirectoryException when {@code dir} has no runs/ folder
     * @throws FileSystemException when the lock file cannot be created (the directory is read-only)
     */
    public static DirectoryLock lockToAggregate(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(d.resolve(RUNS_DIR))) { // checked before the lock file is made in it
            throw new NotAResultDirectoryException(d + " is not a sweep directory (no "
                    + RUNS_DIR + "/ folder); --aggregate rewrites a sweep's aggregates");
        }
        Path file = d.resolve(LOCK_FILE);
        return DirectoryLock.tryAcquire(file, "aggregation of " + d).orElseThrow(() -> new SweepException(
                "sweep directory " + d + " is in use by " + holderInWords(DirectoryLock.holder(file)) + "; --aggregate "
                        + "rewrites files that only the process working in it writes: wait for it to finish (a sweep "
                        + "writes its aggregates when its runs end), or report without --aggregate. Nothing was changed."));
    }

    /** "another process (pid 12 …)", or "another process" where the holder left no note (it says the same). */
    private static String holderInWords(String holder) {
        return holder.equals("another process") ? holder : "another process (" + holder + ")";
    }
}
