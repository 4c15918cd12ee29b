package io.somnus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short script with Debian's interpreter ({@code /usr/bin/python3}, where the python3-* packages of
 * scripts/install-deps live) for tests that compare with a library's own implementation; such tests are skipped
 * when the interpreter or the module is absent.
 */
public final class DebianPython {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private DebianPython() {
    }

    /** Whether Debian's interpreter can import every module named. */
    public static boolean has(String... modules) {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            return run("import " + String.join(", ", modules), "").exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** What a script printed, and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) { }

    /** Runs {@code script} with {@code stdin} as its standard input (60 s at most). */
    public static Result run(String script, String stdin) throws IOException {
        Path dir = Files.createTempDirectory("somnus-python");
        Path in = Files.writeString(dir.resolve("in.txt"), stdin);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(PYTHON.toString(), "-c", script))
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) { // a deadline for a loaded machine, not a timing
                p.destroyForcibly();
                throw new IOException("python3 ran past 300 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        for (Path f : List.of(in, out, err, dir)) {
            Files.deleteIfExists(f);
        }
        return r;
    }
}
