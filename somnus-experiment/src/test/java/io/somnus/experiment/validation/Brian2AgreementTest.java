package io.somnus.experiment.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.somnus.kernel.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Somnus's diehl-cook network against the Brian2 reference (validation/brian2) on identical input spikes:
 * mean E spikes per image within 5 % and input→E weights correlated ≥ 0.99 (compare.py's limits).
 * Runs when Debian's python3-brian is installed (.ci/run installs it); skipped otherwise.
 */
class Brian2AgreementTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPTS = Path.of("..", "validation", "brian2").toAbsolutePath().normalize();

    @Test
    void somnusMatchesBrian2OnTheSameInputSpikes(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import brian2"), dir) == 0,
                "Brian2 (Debian python3-brian) is not installed");
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "dataset-fashion-mnist not installed");
        Path inputs = dir.resolve("inputs.npz");
        Path somnus = dir.resolve("somnus_out.npz");
        Path brian2 = dir.resolve("brian2_out.npz");
        DiehlCookReference.Result r = DiehlCookReference.run(10, 100, 1, inputs, somnus,
                Kernels.preferred());
        assertTrue(r.meanInputSpikesPerImage() > 1000, "Poisson input drives the network");
        assertEquals(0, run(List.of(PYTHON.toString(), SCRIPTS.resolve("diehl_cook_brian2.py").toString(),
                "--inputs", inputs.toString(), "--out", brian2.toString()), dir), "Brian2 ran");
        int cmp = run(List.of(PYTHON.toString(), SCRIPTS.resolve("compare.py").toString(),
                "--somnus", somnus.toString(), "--brian2", brian2.toString()), dir);
        assertEquals(0, cmp, "compare.py: see " + dir.resolve("log.txt") + "\n" + Files.readString(dir.resolve("log.txt")));
    }

    /** Runs {@code cmd} (from the brian2 scripts' folder), its output appended to {@code dir/log.txt}; -1 on timeout. */
    static int run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(SCRIPTS.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log.txt").toFile())).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
