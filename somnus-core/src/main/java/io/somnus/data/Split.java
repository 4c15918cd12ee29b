package io.somnus.data;

import java.util.Locale;

/** The two published partitions of a dataset. */
public enum Split {
    /** The training split (MNIST's 60 000 images). */
    TRAIN,
    /** The test split (MNIST's 10 000 images), for the final evaluation only. */
    TEST;

    /** Lower-case name as used in file names, messages and configuration ({@code train}, {@code test}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
