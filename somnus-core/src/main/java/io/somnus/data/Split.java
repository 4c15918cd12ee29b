package io.somnus.data;

/** The two published partitions of a dataset. */
public enum Split {
    TRAIN,
    TEST;

    /** Lower-case name as used in file names, messages and configuration ({@code train}, {@code test}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
