package io.somnus.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where datasets are looked for (after an explicit directory): the user cache, into which downloads also go,
 * then system-wide folders such as Debian's {@code /usr/share/datasets}. A dataset {@code name} lives in the
 * sub-folder {@code name} of each root.
 *
 * @param cacheRoot   user cache root
 * @param systemRoots system-wide roots, searched in order
 */
public record DatasetLocations(Path cacheRoot, List<Path> systemRoots) {
    /** Environment variable that overrides the cache root. */
    public static final String DATA_HOME_ENV = "SOMNUS_DATA_HOME";
    /** System-wide roots searched by default (Debian's dataset-* packages install under the first). */
    public static final List<Path> DEFAULT_SYSTEM_ROOTS = List.of(Path.of("/usr/share/datasets"),
            Path.of("/usr/local/share/datasets"));

    /** Copies the system roots; the cache root is required ({@link NullPointerException} otherwise). */
    public DatasetLocations {
        Objects.requireNonNull(cacheRoot);
        systemRoots = List.copyOf(systemRoots);
    }

    /** The locations of this process: from its environment variables and {@code user.home}. */
    public static DatasetLocations fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * Cache root: {@code $SOMNUS_DATA_HOME} if set, else {@code $XDG_CACHE_HOME/somnus/datasets} if set, else
     * {@code <home>/.cache/somnus/datasets}.
     */
    public static DatasetLocations fromEnvironment(Map<String, String> env, String userHome) {
        String home = env.get(DATA_HOME_ENV);
        Path cache;
        if (home != null && !home.isBlank()) {
            cache = Path.of(home);
        } else {
            String xdg = env.get("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".cache");
            cache = base.resolve("somnus").resolve("datasets");
        }
        return new DatasetLocations(cache, DEFAULT_SYSTEM_ROOTS);
    }

    /** The cache folder of one dataset. */
    public Path cacheDir(String name) {
        return cacheRoot.resolve(name);
    }

    /** Where downloaded archives (shared by several datasets) are kept. */
    public Path archiveDir() {
        return cacheRoot.resolve("archives");
    }
}
