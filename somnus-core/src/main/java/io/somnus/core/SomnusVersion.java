package io.somnus.core;

/** The library's version, as recorded in every run's provenance. */
public final class SomnusVersion {
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private SomnusVersion() {}
}
