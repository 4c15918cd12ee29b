package io.somnus.experiment.run;

import io.somnus.data.DatasetException;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.FileFormatException;
import java.io.IOException;

/**
 * Which failures of a run a resume could get past (docs/run-directory.md, "Resume snapshot"): an SG-SNN run that fails
 * so keeps its temporary directory and resume snapshot ({@code train}, {@code sweep}), one that fails otherwise loses
 * them, as it always did, since going on from the snapshot would only fail again the same way.
 */
public final class RunFailures {
    private RunFailures() { }

    /**
     * Whether {@code e} (or a cause of it) is one the run's arithmetic did not make: an I/O error (the disk full, a
     * file that could not be written, a network file system gone), the heap exhausted, or an interruption. A refused
     * input (a configuration, a data file, a dataset) and any other exception or error (a bug, a diverged simulation)
     * are not: they come back at the same epoch.
     */
    public static boolean resumable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException
                    || t instanceof FileFormatException
                    || t instanceof DatasetException) {
                return false;
            }
            if (t instanceof IOException || t instanceof OutOfMemoryError
                    || t instanceof InterruptedException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** What a user should change before resuming after {@code e}, or "" (an I/O error says its own file). */
    public static String remedy(Throwable e) {
        return outOfHeap(e) ? " (raise the heap first: SOMNUS_JAVA_OPTS=-Xmx…, or run fewer runs at once)" : "";
    }

    /** Whether {@code e} or one of its causes is the Java heap exhausted ({@link OutOfMemoryError}). */
    public static boolean outOfHeap(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }
}
