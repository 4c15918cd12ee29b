package io.somnus.kernel;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The kernels {@code auto} chose by calibration, kept per key (CPU model, JVM, candidate kernels) in a small
 * properties file under a cache directory, so that a JVM on the same CPU need not calibrate again. A file that
 * cannot be read, names another key, or names kernels that are not candidates is ignored; a file that cannot be
 * written is skipped. Files are written to a temp file then moved.
 */
public final class KernelChoiceCache {
    /** The property saying that a second JVM confirmed the choice. */
    private static final String CONFIRMED = "confirmed_in_second_jvm";

    private final Path directory;

    /** @param directory where the choice files live (created when first written) */
    public KernelChoiceCache(Path directory) {
        this.directory = directory;
    }

    /** The system property that moves the cache (the build sets it for the tests and the JVMs they start). */
    public static final String DIRECTORY_PROPERTY = "somnus.cache.dir";

    /** {@code -Dsomnus.cache.dir}, else {@code $XDG_CACHE_HOME/somnus}, else {@code ~/.cache/somnus}. */
    public static Path defaultDirectory() {
        String forced = System.getProperty(DIRECTORY_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return Path.of(forced);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("somnus");
    }

    /** The file holding the choice of {@code key}. */
    public Path file(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return directory.resolve("kernels-" + HexFormat.of().formatHex(h, 0, 8) + ".properties");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    /** The kernel name stored for {@code key}, if a readable file for exactly that key holds one. */
    public Optional<String> read(String key) {
        return properties(key).map(p -> p.getProperty("kernels"));
    }

    /**
     * Whether the choice stored for {@code key} was confirmed by a second JVM ({@link KernelChoice#auto}: scalar
     * kernels that beat SIMD ones are cached only then; files written before that rule say nothing).
     */
    public boolean confirmedInSecondJvm(String key) {
        return properties(key).map(p -> Boolean.parseBoolean(p.getProperty(CONFIRMED))).orElse(false);
    }

    /** The readable file of exactly {@code key}, with a kernel name. */
    private Optional<Properties> properties(String key) {
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!key.equals(p.getProperty("key")) || p.getProperty("kernels") == null) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /**
     * Stores a calibration for {@code key}: the kernels chosen, each candidate's median ns per calibration step, and
     * whether a second JVM confirmed the choice.
     *
     * @return the file written, or empty where it could not be written
     */
    public Optional<Path> write(String key, String chosen, Map<String, Double> nanosPerStep,
                                boolean confirmedInSecondJvm) {
        Path f = file(key);
        Properties p = new Properties();
        p.setProperty("key", key);
        p.setProperty("kernels", chosen);
        if (confirmedInSecondJvm) {
            p.setProperty(CONFIRMED, "true");
        }
        nanosPerStep.forEach((name, ns) -> p.setProperty("nanos_per_step." + name, Double.toString(ns)));
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, "kernels-", ".tmp");
            try {
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    p.store(w, "somnus: kernels chosen by calibration; delete to calibrate again");
                }
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return Optional.of(f);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
