package io.somnus.experiment.io;

/** A result file (CSV, NPZ, JSON) is malformed; the message names the file, where and what was expected. */
public class FileFormatException extends RuntimeException {
    /** A malformed file, with this message (it names the file, where and what was expected). */
    public FileFormatException(String message) {
        super(message);
    }

    /** A malformed file, with this message, caused by a lower-level exception (kept as the cause). */
    public FileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
