package io.somnus.experiment.stats;

/** A directory given as results is neither a run directory (summary.json) nor a sweep directory (runs/). */
public class NotAResultDirectoryException extends IllegalArgumentException {
    /** {@code message} names the directory and what it lacks. */
    public NotAResultDirectoryException(String message) {
        super(message);
    }
}
