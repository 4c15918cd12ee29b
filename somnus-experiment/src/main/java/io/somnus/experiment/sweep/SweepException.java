package io.somnus.experiment.sweep;

/**
 * A sweep cannot start or continue because of the state of its output directory or ledger; the message
 * names the directory and says what to do.
 */
public class SweepException extends RuntimeException {
    private final boolean nothingRan;

    /** A sweep refused before it ran anything; {@code message} names the directory or ledger and what to do. */
    public SweepException(String message) {
        this(message, null, true);
    }

    /** As {@link #SweepException(String)}, with the error that revealed the state (an I/O or SQL error). */
    public SweepException(String message, Throwable cause) {
        this(message, cause, true);
    }

    private SweepException(String message, Throwable cause, boolean nothingRan) {
        super(message, cause);
        this.nothingRan = nothingRan;
    }

    /** The sweep started, then had to stop (e.g. its disk is full): finished runs are kept; fix the cause and resume. */
    public static SweepException stopped(String message, Throwable cause) {
        return new SweepException(message, cause, false);
    }

    /** Whether the sweep stopped before any run was started or any file changed. */
    public boolean nothingRan() {
        return nothingRan;
    }
}
