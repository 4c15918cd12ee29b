package io.somnus.experiment.io;

/** A result file (CSV, NPZ, JSON) is malformed; the message names the file, where and what was expected. */
public class FileFormatException extends RuntimeException {
    public FileFormatException(String message) {
        super(message);
    }

    public FileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
