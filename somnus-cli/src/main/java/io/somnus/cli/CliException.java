package io.somnus.cli;

/** A mistake on the command line; the message says what and how to fix it. */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
