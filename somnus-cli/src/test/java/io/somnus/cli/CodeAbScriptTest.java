package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/code-ab} (docs/performance.md, "Measuring"): a short run of the training work against the checkout's
 * own HEAD (both JVMs' CPU figures, each pair's ratio between its quartiles, the combined ratio the geometric mean of
 * the two medians and their range, the preset's own N_e unless --excitatory names one), and bad arguments refused
 * naming the value. Needs git, a checkout with its history
 * and dataset-fashion-mnist; skipped elsewhere.
 */
class CodeAbScriptTest {
    private static final Path SCRIPT = ScriptRun.script("code-ab");

    private static ScriptRun run(String... args) throws IOException, InterruptedException {
        return ScriptRun.run(SCRIPT, args);
    }

    @Test
    void printsBothJvmsCpuFiguresAndTheirGeometricMean() throws Exception {
        assumeTrue(ScriptRun.withHistory(SCRIPT), "needs git and the checkout's history");
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "dataset-fashion-mnist not installed");
        ScriptRun r = run("--pairs", "3", "--warmup", "0", "--images", "5", "--jvms", "2", "HEAD");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("diehl-cook as train runs it, 5 images per run, 3 pairs of runs per JVM (ABBA) "
                + "after 0 warm-up runs of each, in 2 JVMs, N_e = 100"), r.output());
        List<AbJvmLine> lines = AbJvmLine.parse(r.output(), "code", "CPU ms/image", 3);
        List<String> first = lines.stream().map(AbJvmLine::first).toList();
        List<Double> medians = lines.stream().map(AbJvmLine::median).toList();
        assertEquals(List.of("A", "B"), first, r.output());
        Matcher together = Pattern.compile("the 2 JVMs together \\(geometric mean of their medians\\): ([0-9.]+) "
                + "\\(the JVMs ([0-9.]+)–([0-9.]+)\\)").matcher(r.output());
        assertTrue(together.find(), r.output());
        assertEquals(Math.sqrt(medians.get(0) * medians.get(1)), Double.parseDouble(together.group(1)), 1e-4,
                r.output());
        assertEquals(Math.min(medians.get(0), medians.get(1)), Double.parseDouble(together.group(2)), 1e-4, r.output());
        assertEquals(Math.max(medians.get(0), medians.get(1)), Double.parseDouble(together.group(3)), 1e-4, r.output());
    }

    @Test
    void refusesBadArgumentsNamingThem() throws Exception {
        assumeTrue(ScriptRun.withHistory(SCRIPT), "needs git and the checkout's history");
        AbJvmLine.assertRefusesBadArguments(CodeAbScriptTest::run);
        run("--images", "0", "HEAD").assertRefused("--images must be a whole number from 1 to 100000, got '0'");
        run("--work", "brian2", "HEAD").assertRefused("--work must be diehl-cook or paper-code, got 'brian2'");
        run("--excitatory", "0", "HEAD").assertRefused("--excitatory must be a whole number from 1 to 100000, got '0'");
        run("--excitatory", "6e3", "HEAD")
                .assertRefused("--excitatory must be a whole number from 1 to 100000, got '6e3'");
    }
}
