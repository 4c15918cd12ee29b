package io.somnus.spark;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jar executors load somnus from when the driver was not started by spark-submit (which ships its own
 * application jar): {@code -Dsomnus.spark.jar=FILE}, else the one the build leaves in the launcher's tree.
 */
final class SomnusJar {
    static final String PROPERTY = "somnus.spark.jar";
    static final String BUILT = "somnus-cli/target/somnus-cli-0.1.0-SNAPSHOT-spark.jar";

    private SomnusJar() { }

    /** The jar, or null when there is none. */
    static Path find() {
        String given = System.getProperty(PROPERTY);
        if (given != null) {
            return Path.of(given);
        }
        String home = System.getProperty("somnus.home");
        Path built = home == null ? null : Path.of(home).resolve(BUILT);
        return built != null && Files.isRegularFile(built) ? built : null;
    }

    static String describe() {
        return "-D" + PROPERTY + " or $somnus.home/" + BUILT;
    }
}
