package io.somnus.experiment.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.GeomFig;
import io.somnus.data.LabeledImages;
import io.somnus.encoding.BernoulliEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.stdp.NetworkFactory;
import io.somnus.experiment.stdp.SleepSettingsFactory;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.sleep.SleepPhase;
import io.somnus.sleep.SleepSettings;
import io.somnus.synapse.Projection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The README's "Library use" example, run on geomfig; the second test fails when the two differ. */
class LibraryUseExampleTest {
    @Test
    void readmeExampleRuns() {
        // --- README: Library use ---
        StdpRunConfig cfg = Configs.bind(Configs.resolveTree(Map.of("preset", "paper", "seed", 7)), StdpRunConfig.class);
        SplittableRandom rng = new SplittableRandom(cfg.seed());               // one seeded source per run
        Network net = NetworkFactory.build(cfg, 225, rng, Kernels.preferred());   // Populations + Projections
        LabeledImages images = GeomFig.generate(20, 15, 7);                        // 15×15 line drawings
        SpikeTrain spikes = new SpikeTrain();
        for (float[] image : images.images()) {
            new BernoulliEncoder().encode(image, 1.0, 100, 1.0, rng, spikes);      // 100 steps of 1 ms
            net.present(spikes, /* plastic */ true, rng);
        }
        SleepSettings settings = SleepSettingsFactory.create(cfg.sleep(), cfg.simulation().dtMs());
        Map<Projection, Double> setPoints = new HashMap<>();
        for (Projection p : net.projections()) {
            setPoints.put(p, p.totalAbsWeight());
        }
        SleepPhase.Episode sleep = new SleepPhase(settings).run(net, 8750, setPoints, rng, List.of(),
                SleepPhase.Observer.NONE);
        // --- end of the README example ---
        assertEquals(4, net.projections().size());
        assertTrue(sleep.steps() > 0, "the network slept");
    }

    @Test
    void theReadmeShowsThisExampleLineForLine() throws Exception {
        Path readme = List.of(Path.of("README.md"), Path.of("..", "README.md")).stream().filter(Files::isRegularFile)
                .findFirst().orElseThrow();
        String text = Files.readString(readme);
        int section = text.indexOf("## Library use");
        int start = text.indexOf("```java\n", section) + "```java\n".length();
        String shown = text.substring(start, text.indexOf("```", start));
        Path self = List.of(Path.of("src", "test", "java"), Path.of("somnus-experiment", "src", "test", "java")).stream()
                .map(p -> p.resolve("io/somnus/experiment/examples/LibraryUseExampleTest.java"))
                .filter(Files::isRegularFile).findFirst().orElseThrow();
        String source = Files.readString(self);
        String run = source.substring(source.indexOf("// --- README: Library use ---\n") + 31,
                source.indexOf("        // --- end of the README example ---"));
        assertEquals(lines(shown), lines(run), "README.md's Library use example and this test's differ");
        // the imports the README lists before the block: each Somnus class this test imports, in its package's words
        String listed = text.substring(section, start).replaceAll("\\s+", " ");
        source.lines().filter(l -> l.startsWith("import io.somnus.")).forEach(l -> {
            String name = l.substring("import ".length(), l.length() - 1);
            String pkg = name.substring(0, name.lastIndexOf('.'));
            String cls = name.substring(name.lastIndexOf('.') + 1);
            assertTrue(listed.contains("`" + name + "`") || (listed.contains("`" + pkg + ".{")
                    && java.util.regex.Pattern.compile("`" + java.util.regex.Pattern.quote(pkg) + "\\.\\{[^}]*\\b"
                    + cls + "\\b[^}]*}`").matcher(listed).find()), "README.md's Library use does not list " + name);
        });
    }

    /** The non-blank lines, without their indentation (the README's block starts at column 0). */
    private static List<String> lines(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
