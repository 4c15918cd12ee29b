package io.somnus.experiment.sweep;

import io.somnus.experiment.io.RunFileCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SHA-256 of every file a finished run wrote, recorded in the ledger when the run is marked done, so that whoever
 * reads the sweep later can tell a file deleted or changed since (an edited config.yaml, a metrics.csv that lost
 * lines, a weights.npz removed to save space) from the run's own result: each would otherwise pass into the figures and
 * the verdict as if the run had written it.
 */
final class RunFileDigests {
    private RunFileDigests() {}

    /** File path relative to {@code runDir} ('/'-separated) → lower-case hex SHA-256, in path order. */
    static Map<String, String> of(Path runDir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.put(runDir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"), sha256(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the files of " + runDir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Each recorded file of {@code runDir} that is gone or whose bytes differ from {@code recorded}, with a line naming
     * it; files the run did not write are not its result and are left alone.
     */
    static Map<Path, String> changed(Path runDir, Map<String, String> recorded) {
        Map<Path, String> problems = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            Path f = runDir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                problems.put(f, f + " was deleted after the run wrote it");
                continue;
            }
            try {
                if (!sha256(f).equals(e.getValue())) {
                    problems.put(f, f + " was changed after the run wrote it (its SHA-256 is not the one the ledger "
                            + "recorded)");
                }
            } catch (IOException x) {
                problems.put(f, RunFileCheck.unreadable(f, x));
            }
        }
        return problems;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
