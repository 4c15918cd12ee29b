package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/kernels-ab} (docs/performance.md, "Measuring"): a short run against the checkout's own HEAD (both
 * JVMs' figures, each pair's ratio between its quartiles, the combined ratio the geometric mean of the two medians),
 * and bad arguments refused naming the value. Needs git and a checkout with its history (as CI's clone); skipped
 * elsewhere.
 */
class KernelsAbScriptTest {
    private static final Path SCRIPT = ScriptRun.script("kernels-ab");

    private static ScriptRun run(String... args) throws IOException, InterruptedException {
        return ScriptRun.run(SCRIPT, args);
    }

    @Test
    void printsBothJvmsFiguresAndTheirGeometricMean() throws Exception {
        assumeTrue(ScriptRun.withHistory(SCRIPT), "needs git and the checkout's history");
        ScriptRun r = run("--pairs", "3", "--warmup", "1", "--jvms", "2", "HEAD");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("3 pairs of runs per JVM (ABBA) after 1 warm-up runs of each, in 2 JVMs"),
                r.output());
        List<AbJvmLine> lines = AbJvmLine.parse(r.output(), "kernels", "ms/image", 3);
        List<String> first = lines.stream().map(AbJvmLine::first).toList();
        List<Double> medians = lines.stream().map(AbJvmLine::median).toList();
        assertEquals(List.of("A", "B"), first, r.output());
        Matcher together = Pattern.compile("geometric mean of their medians\\): ([0-9.]+)").matcher(r.output());
        assertTrue(together.find(), r.output());
        assertEquals(Math.sqrt(medians.get(0) * medians.get(1)), Double.parseDouble(together.group(1)), 1e-4,
                r.output());
    }

    @Test
    void theTrainWorkRunsTheExponentialEulerTrainingInAsManyJvmsAsAsked() throws Exception {
        assumeTrue(ScriptRun.withHistory(SCRIPT), "needs git and the checkout's history");
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "dataset-fashion-mnist not installed");
        ScriptRun r = run("--pairs", "1", "--warmup", "0", "--work", "train", "--jvms", "4", "HEAD");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("as train runs it (exponential Euler"), r.output());
        Matcher m = Pattern.compile("JVM with ([AB])'s kernels made first: A median ([0-9.]+), B median ([0-9.]+) "
                + "ms/image; B/A per pair median ([0-9.]+)").matcher(r.output());
        List<String> first = new ArrayList<>();
        double logs = 0;
        List<Double> medians = new ArrayList<>();
        while (m.find()) {
            first.add(m.group(1));
            double a = Double.parseDouble(m.group(2));
            double b = Double.parseDouble(m.group(3));
            assertTrue(a > 0.01 && b > 0.01 && a < 1000 && b < 1000, r.output());
            medians.add(Double.parseDouble(m.group(4)));
            logs += Math.log(medians.get(medians.size() - 1));
        }
        assertEquals(List.of("A", "B", "A", "B"), first, r.output());
        Matcher together = Pattern.compile("the 4 JVMs together \\(geometric mean of their medians\\): ([0-9.]+) "
                + "\\(the JVMs ([0-9.]+)–([0-9.]+)\\)").matcher(r.output());
        assertTrue(together.find(), r.output());
        assertEquals(Math.exp(logs / 4), Double.parseDouble(together.group(1)), 1e-4, r.output());
        assertEquals(medians.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                Double.parseDouble(together.group(2)), 1e-4, r.output());
        assertEquals(medians.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                Double.parseDouble(together.group(3)), 1e-4, r.output());
    }

    @Test
    void refusesBadArgumentsNamingThem() throws Exception {
        assumeTrue(ScriptRun.withHistory(SCRIPT), "needs git and the checkout's history");
        AbJvmLine.assertRefusesBadArguments(KernelsAbScriptTest::run);
        run("--work", "nope", "HEAD").assertRefused("--work must be brian2 or train, got 'nope'");
    }
}
