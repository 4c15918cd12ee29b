package io.somnus.experiment.config;

import io.somnus.data.DatasetRegistry;
import java.util.List;

/**
 * Checks what the fields every model shares must satisfy beyond their domains ({@link FieldDomains}: types, ranges,
 * choices): that the dataset exists. Each model checks its own cross-field rules
 * ({@link io.somnus.experiment.model.ModelRunner#validate}). Each failure names the field, the value and what is
 * allowed.
 */
public final class Validation {
    private Validation() { }

    /**
     * Checks the fields every model shares beyond their domains: {@code dataset.name} is given and names a dataset of
     * the registry; a {@link ConfigException} that lists the known names otherwise.
     */
    public static void check(RunConfig c) {
        if (c.dataset() == null || c.dataset().name() == null) {
            throw new ConfigException("dataset.name is missing; use one of " + new DatasetRegistry().names());
        }
        oneOf("dataset.name", c.dataset().name(), new DatasetRegistry().names());
    }

    /**
     * Refuses ({@link ConfigException}, naming {@code field}) a {@code value} that is null or not one of
     * {@code allowed}.
     */
    public static void oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new ConfigException(field + ": '" + value + "' is not allowed; use one of " + allowed);
        }
    }

    /** Refuses ({@link ConfigException}, naming {@code field}) a {@code value} below {@code min}. */
    public static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new ConfigException(field + " must be >= " + min + ", got " + value);
        }
    }
}
