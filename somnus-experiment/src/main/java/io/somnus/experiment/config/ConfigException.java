package io.somnus.experiment.config;

/** A configuration a user wrote is wrong; the message names the field, the value and what is allowed. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
