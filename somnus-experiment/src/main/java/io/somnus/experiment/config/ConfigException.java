package io.somnus.experiment.config;

/** A configuration a user wrote is wrong; the message names the field, the value and what is allowed. */
public class ConfigException extends RuntimeException {
    /** A configuration error with this message (it names the field, the value and what is allowed). */
    public ConfigException(String message) {
        super(message);
    }

    /** A configuration error with this message, caused by a lower-level exception (kept as the cause). */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
