package io.somnus.data;

import java.nio.file.Path;

/**
 * A problem with a dataset that the user can fix: a missing, truncated or malformed file, an unknown
 * dataset name, a failed download. The message is written for the user (the CLI prints it as is, without a
 * stack trace): it names the file or dataset and says what is wrong and what was expected.
 */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with one file; the message reads {@code "<file>: <problem>"}. */
    public DatasetException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** A problem with one file caused by a lower-level exception (kept as the cause for debugging). */
    public DatasetException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** A problem not tied to a single file (unknown name, dataset not found anywhere). */
    public DatasetException(String message) {
        super(message);
        this.file = null;
    }

    /** A problem not tied to a single file, caused by a lower-level exception (kept as the cause). */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
        this.file = null;
    }

    /** The file the problem is about, or {@code null}. */
    public Path file() {
        return file;
    }
}
