package io.somnus.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The library's version, as recorded in every run's provenance: the Maven project version, written into
 * {@code version.properties} by the build (resource filtering), so it cannot fall behind the POM.
 */
public final class SomnusVersion {
    /**
     * The Maven project version of this build, e.g. {@code 0.1.0-SNAPSHOT}; {@code "unknown"} when
     * {@code version.properties} is missing or unfiltered (classes run outside the Maven build).
     */
    public static final String VERSION = read();

    private SomnusVersion() {}

    private static String read() {
        try (InputStream in = SomnusVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v; // unfiltered: classes run outside the Maven build
        } catch (IOException e) {
            return "unknown";
        }
    }
}
