package io.somnus.cli;

/** A mistake on the command line; the message says what and how to fix it. */
public class CliException extends RuntimeException {
    /** {@code message} names the option or file at fault and how to fix it; the CLI prints it and exits 2. */
    public CliException(String message) {
        super(message);
    }
}
