package io.somnus.experiment.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.GeomFig;
import io.somnus.data.LabeledImages;
import io.somnus.data.Split;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgListener;
import io.somnus.sg.SgResult;
import io.somnus.sg.SgSleepConfig;
import io.somnus.sg.SgTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README's "The SG-SNN" example, run; the second test fails when the README's block and this differ. */
class SgLibraryExampleTest {
    private static final String HEADING = "### The SG-SNN";

    @Test
    void readmeExampleRuns() {
        // --- README: The SG-SNN ---
        LabeledImages train = GeomFig.generate(Split.TRAIN, 64, 15, 7);           // 15×15 = 225 inputs
        LabeledImages test = GeomFig.generate(Split.TEST, 32, 15, 7);
        SgConfig cfg = SgConfig.builder().inputs(train.pixels()).outputs(train.numClasses()).hidden(50)
                .epochs(1).batchSize(32)
                .sleepRatio(1.0)                                                  // sleep after each epoch, p = 1
                .sleep(SgSleepConfig.paper().toBuilder().iterations(20).batchCopies(8).build()) // a short episode
                .build();
        SgTrainer trainer = new SgTrainer();
        SgResult result = trainer.train(train, /* validation */ null, cfg, new SplittableRandom(7), SgListener.NONE);
        double accuracy = trainer.accuracy(test);
        Map<String, float[]> weights = trainer.weights();                         // [pre][post], e.g. w_in_h
        // --- end of the README example ---
        assertEquals(1, result.sleepEpisodes().size(), "one epoch, sleep after it with probability 1");
        assertEquals(20 * 100, result.sleepSteps(), "20 iterations of the paper's 100 steps");
        assertEquals(64 * 100, result.wakeSteps(), "64 images of the default 100 steps");
        assertTrue(accuracy >= 0 && accuracy <= 1, "an accuracy");
        assertEquals(225 * 50, weights.get("w_in_h").length);
        assertEquals(50 * 4, weights.get("w_h_out").length, "geomfig's 4 classes");
        SgResult awake = new SgTrainer().train(train, null, cfg.toBuilder().sleepRatio(0).build(),
                new SplittableRandom(7), SgListener.NONE);
        assertEquals(0, awake.sleepSteps(), "sleep ratio 0: never");
    }

    @Test
    void theReadmeShowsThisExampleLineForLine() throws Exception {
        Path readme = List.of(Path.of("README.md"), Path.of("..", "README.md")).stream().filter(Files::isRegularFile)
                .findFirst().orElseThrow();
        String text = Files.readString(readme);
        int section = text.indexOf(HEADING);
        assertTrue(section >= 0, "README.md has no '" + HEADING + "'");
        int start = text.indexOf("```java\n", section) + "```java\n".length();
        String shown = text.substring(start, text.indexOf("```", start));
        Path self = List.of(Path.of("src", "test", "java"), Path.of("somnus-experiment", "src", "test", "java")).stream()
                .map(p -> p.resolve("io/somnus/experiment/examples/SgLibraryExampleTest.java"))
                .filter(Files::isRegularFile).findFirst().orElseThrow();
        String source = Files.readString(self);
        String marker = "// --- README: The SG-SNN ---\n";
        String run = source.substring(source.indexOf(marker) + marker.length(),
                source.indexOf("        // --- end of the README example ---"));
        assertEquals(lines(shown), lines(run), "README.md's SG-SNN example and this test's differ");
        // each Somnus class this test imports is listed before the block, in its package's words
        String listed = text.substring(section, start).replaceAll("\\s+", " ");
        source.lines().filter(l -> l.startsWith("import io.somnus.")).forEach(l -> {
            String name = l.substring("import ".length(), l.length() - 1);
            String pkg = name.substring(0, name.lastIndexOf('.'));
            String cls = name.substring(name.lastIndexOf('.') + 1);
            assertTrue(listed.contains("`" + name + "`") || Pattern.compile("`" + Pattern.quote(pkg) + "\\.\\{[^}]*\\b"
                    + cls + "\\b[^}]*}`").matcher(listed).find(), "README.md's '" + HEADING + "' does not list " + name);
        });
    }

    /** The non-blank lines, without their indentation (the README's block starts at column 0). */
    private static List<String> lines(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
