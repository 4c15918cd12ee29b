package io.somnus.experiment.sweep;

/**
 * A sweep cannot start or continue because of the state of its output directory or ledger; the message
 * names the directory and says what to do.
 */
public class SweepException extends RuntimeException {
    public SweepException(String message) {
        super(message);
    }

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
