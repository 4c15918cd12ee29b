package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.NumberText;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.StudyControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecTest {
    static final Path FILE = Path.of("study.yaml");
    static final String GOOD = """
            name: quick
            presets: [paper, paper-sg]
            datasets: [fashion-mnist, geomfig]
            sleep_fractions: [0.0, 0.1, 0.2, 0.5]
            seeds: [1, 2, 3]
            grid:
              train.images: [1000, 2000]
            set:
              train.test_images: 500
            """;

    @TempDir
    Path tmp;

    @Test
    void readsAGoodFile() throws Exception {
        Path file = tmp.resolve("quick.yaml");
        Files.writeString(file, GOOD);
        SweepSpec spec = SweepSpec.load(file);
        assertEquals("quick", spec.name());
        assertEquals(List.of("paper", "paper-sg"), spec.presets());
        assertEquals(List.of(0.0, 0.1, 0.2, 0.5), spec.sleepFractions());
        assertEquals(List.of(1L, 2L, 3L), spec.seeds());
        assertEquals(Map.of("train.images", List.of(1000L, 2000L)), spec.grid());
        assertEquals(Map.of("train.test_images", 500L), spec.set());
        assertEquals(2 * 2 * 4 * 3 * 2, spec.size());
    }

    /** YAML's null in a grid or under set is the text null, which the resolver reads as --set does (unset). */
    @Test
    void aNullValueIsPassedOnAsSetWouldPassIt() {
        SweepSpec spec = SweepSpec.parse(FILE, GOOD.replace("train.images: [1000, 2000]",
                "projections.e_e.delay_ms: [null, 2.0]").replace("train.test_images: 500", "projections.e_i.delay_ms: ~"));
        assertEquals(Map.of("projections.e_e.delay_ms", List.of("null", 2.0)), spec.grid());
        assertEquals(Map.of("projections.e_i.delay_ms", "null"), spec.set());
    }

    /**
     * A grid value names its variant as the file writes it: a floating-point number's text where Java reads it back as
     * the same double (5e-4, 1.0e-4, +0.5), else as NumberText writes it (YAML's 1_000.5); integers, text and booleans
     * as they are. A spec made in code, without the file's text, is written by NumberText.
     */
    @Test
    void gridValuesNameTheirVariantsAsTheFileWritesThem() {
        SweepSpec spec = SweepSpec.parse(FILE, GOOD.replace("train.images: [1000, 2000]",
                "sleep.noise_sigma: [5e-4, 1.0e-4, +0.5, 1_000.5, 3, 3.0]\n  dataset.sampling: [first, true]"));
        assertEquals(List.of("sleep.noise_sigma=5e-4,dataset.sampling=first", "sleep.noise_sigma=5e-4,dataset.sampling=true",
                "sleep.noise_sigma=1.0e-4,dataset.sampling=first"), SweepPlanner.variantLabels(spec).subList(0, 3));
        assertEquals(List.of("sleep.noise_sigma=5e-4", "sleep.noise_sigma=1.0e-4", "sleep.noise_sigma=+0.5",
                "sleep.noise_sigma=1000.5", "sleep.noise_sigma=3", "sleep.noise_sigma=3.0"), SweepPlanner.variantLabels(spec)
                .stream().filter(v -> v.endsWith("=first")).map(v -> v.replace(",dataset.sampling=first", "")).toList());
        SweepSpec inCode = new SweepSpec(FILE, "c", "", List.of("paper"), List.of("geomfig"), List.of(0.0), List.of(1L),
                Map.of("sleep.noise_sigma", List.of(5e-4, 25.0)), Map.of(), Map.of(), List.of());
        assertEquals(List.of("sleep.noise_sigma=0.0005", "sleep.noise_sigma=25"), SweepPlanner.variantLabels(inCode));
    }

    /** A preset file given with its directory is refused saying how to give one (a bare name from where it runs). */
    @Test
    void aPresetFileWithADirectoryIsRefusedSayingHowToGiveIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> SweepSpec.parse(FILE,
                GOOD.replace("presets: [paper, paper-sg]", "presets: [paper, studies/mine.yaml]")));
        assertContains(e.getMessage(), "presets[1] = \"studies/mine.yaml\": expected a name of letters, digits",
                "(a YAML file here is named as it is in the directory somnus runs in, e.g. mine.yaml;");
        ConfigException dataset = assertThrows(ConfigException.class, () -> SweepSpec.parse(FILE,
                GOOD.replace("datasets: [fashion-mnist, geomfig]", "datasets: [a/b]")));
        assertFalse(dataset.getMessage().contains("YAML file"), dataset.getMessage());
    }

    @Test
    void controlsAreNamedFromAFixedList() {
        SweepSpec spec = SweepSpec.parse(FILE, GOOD + "controls: [untrained_sleep_target, untrained]\n");
        assertEquals(List.of(StudyControl.UNTRAINED_SLEEP_TARGET, StudyControl.UNTRAINED), spec.controls());
        assertEquals(List.of(), SweepSpec.parse(FILE, GOOD).controls());
        assertContains(problems(GOOD + "controls: [untrained, frozen, untrained]\n"),
                "controls[1] = \"frozen\"", "unknown control", "untrained, untrained_sleep_target",
                "controls[2] = \"untrained\"", "duplicate");
        assertContains(problems(GOOD + "controls: untrained\n"), "controls = \"untrained\"", "expected a list");
    }

    /**
     * {@code grid} and {@code set} are mappings of configuration keys (one rule, SweepSpec.settings): a grid key to a
     * list of values, a set key to one value; a section that is no mapping, a key that is no configuration key or the
     * sweep's own, and a value of the wrong kind are each named; the keys keep the file's order.
     */
    @Test
    void gridAndSetMapConfigurationKeysToValues() {
        String base = GOOD.substring(0, GOOD.indexOf("grid:"));
        assertContains(problems(base + "grid: [1, 2]\nset: 3\n"),
                "grid = [1,2]: expected a mapping of configuration keys to lists of values",
                "set = 3: expected a mapping of configuration keys to values");
        assertContains(problems(base + """
                grid:
                  train.images: 1000
                  train.epochs: []
                  seed: [1, 2]
                set:
                  train.test_images: [1, 2]
                  Train Images: 3
                """), "grid.train.images = 1000: expected a list of values", "grid.train.epochs = []: empty list",
                "grid.seed: 'seed' is set by the sweep's 'seeds' field", "set.train.test_images = [1,2]: expected a "
                + "number, text, true/false or null (a list of values goes under 'grid')",
                "set.Train Images: not a configuration key", "5 problems in sweep file");
        SweepSpec spec = SweepSpec.parse(FILE, base + """
                grid:
                  train.images: [20, 10]
                  train.epochs: [2, 1]
                set:
                  train.test_images: 5
                  dataset.sampling: first
                """);
        assertEquals(List.of("train.images", "train.epochs"), List.copyOf(spec.grid().keySet()));
        assertEquals(List.of("train.test_images", "dataset.sampling"), List.copyOf(spec.set().keySet()));
    }

    /**
     * {@code variants}: names in the file's order, each a mapping of keys to values (a section kept whole; an empty
     * one, or none, the preset as it is); bad names, values and keys given elsewhere too are reported together.
     */
    @Test
    void variantsAreNamedSetsOfSettings() {
        SweepSpec spec = SweepSpec.parse(FILE, GOOD + """
                variants:
                  preset:
                  rule: {projections.input_e.plasticity: {rule: nearest_pair, eta: 0.01}, train.epochs: 2}
                """);
        assertEquals(List.of("preset", "rule"), List.copyOf(spec.variants().keySet()));
        assertEquals(Map.of(), spec.variants().get("preset"));
        assertEquals(Map.of("rule", "nearest_pair", "eta", 0.01),
                spec.variants().get("rule").get("projections.input_e.plasticity"));
        assertEquals(2L, spec.variants().get("rule").get("train.epochs"));
        assertEquals(2 * 2 * 4 * 3 * 2 * 2, spec.size());
        assertContains(problems(GOOD + """
                variants:
                  a,b: {train.epochs: 2}
                  c: [1, 2]
                  d: {seed: 3, train.images: 10, train.test_images: 5}
                  f: {train.epochs: 2}
                  e: {train.epochs: 2}
                """), "variants.a,b: not a variant name", "variants.c = [1,2]: expected a mapping",
                "variants.d.seed: 'seed' is set by the sweep's 'seeds' field",
                "variants.d.train.images: is also given under 'grid'",
                "variants.d.train.test_images: is also given under 'set'",
                "variants.e = {\"train.epochs\":2}: the same settings as variant 'f'");
        assertContains(problems(GOOD + "variants: {}\n"), "variants = {}: expected a mapping of variant names");
        // a key that overlaps one under set or grid by its preset scope or as a section of it would be overridden
        assertContains(problems(GOOD + """
                variants:
                  g: {paper/train.images: 30}
                  s: {train: {test_images: 30}}
                  p: {paper-sg/train.test_images: 40}
                """), "variants.g.paper/train.images: is also given under 'grid' (as train.images), which one would "
                + "override unseen", "variants.s.train: is also given under 'set' (as train.test_images)",
                "variants.p.paper-sg/train.test_images: is also given under 'set' (as train.test_images)");
        assertContains(problems(GOOD.replace("train.test_images: 500", "paper/train.images: 500")),
                "grid.train.images: is also fixed under 'set' (as paper/train.images)");
        // names: a letter or digit first, no '__'; a variant with a refused key is not also called a duplicate
        String names = problems(GOOD + "variants: {_a: {}, a__b: {}, x: {seed: 5}, y: {}}\n");
        assertContains(names, "variants._a: not a variant name", "variants.a__b: not a variant name",
                "without '__'", "variants.x.seed:");
        assertTrue(!names.contains("the same settings as variant"), names);
    }

    @Test
    void nameDefaultsToTheFileName() {
        SweepSpec spec = SweepSpec.parse(Path.of("dir/my-study.yaml"), GOOD.replace("name: quick\n", ""));
        assertEquals("my-study", spec.name());
    }

    @Test
    void unknownTopLevelField() {
        String msg = problems(GOOD + "seed: 4\n");
        assertContains(msg, "study.yaml", "seed = 4", "unknown field", "seeds");
    }

    @Test
    void wrongTypeForSeeds() {
        assertContains(problems(GOOD.replace("seeds: [1, 2, 3]", "seeds: \"a\"")),
                "study.yaml", "seeds = \"a\"", "expected a list of integers");
        assertContains(problems(GOOD.replace("seeds: [1, 2, 3]", "seeds: [1, a, 2.5]")),
                "seeds[1] = \"a\"", "seeds[2] = 2.5", "expected an integer");
    }

    @Test
    void emptyListsAreRejected() {
        assertContains(problems(GOOD.replace("datasets: [fashion-mnist, geomfig]", "datasets: []")),
                "datasets = []", "empty list");
        assertContains(problems(GOOD.replace("train.images: [1000, 2000]", "train.images: []")),
                "grid.train.images = []", "empty list");
        assertContains(problems(GOOD.replace("presets: [paper, paper-sg]\n", "")), "presets: missing");
    }

    @Test
    void fractionsOutsideTheUnitIntervalAreRejected() {
        String msg = problems(GOOD.replace("[0.0, 0.1, 0.2, 0.5]", "[0.0, 1.5, -0.1, 0.5]"));
        assertContains(msg, "sleep_fractions[1] = 1.5", "sleep_fractions[2] = -0.1", "[0, 1]");
    }

    /**
     * Every list of the file takes each value once (one rule, SweepSpec.eachOnce): a value given again is named at each
     * later place, by the list's own label; the values of a good list are kept in the file's order.
     */
    @Test
    void duplicateValuesAreRejected() {
        assertContains(problems(GOOD.replace("[0.0, 0.1, 0.2, 0.5]", "[0.0, 0.1, 0.10]")),
                "sleep_fractions[2] = 0.1", "duplicate");
        assertContains(problems(GOOD.replace("[paper, paper-sg]", "[paper, paper]")), "presets[1]", "duplicate");
        assertContains(problems("""
                presets: [paper, paper]
                datasets: [geomfig, fashion-mnist, geomfig]
                sleep_fractions: [0.0, 0.2, 0.2]
                seeds: [1, 1, 1]
                grid:
                  train.images: [10, 20, 10]
                controls: [untrained, untrained]
                """), "presets[1] = \"paper\": duplicate value", "datasets[2] = \"geomfig\": duplicate value",
                "sleep_fractions[2] = 0.2: duplicate value", "seeds[1] = 1: duplicate value",
                "seeds[2] = 1: duplicate value", "grid.train.images[2] = 10: duplicate value",
                "controls[1] = \"untrained\": duplicate value", "7 problems in sweep file");
        SweepSpec spec = SweepSpec.parse(FILE, GOOD.replace("seeds: [1, 2, 3]", "seeds: [3, 1]")
                .replace("[1000, 2000]", "[2000, 1000]"));
        assertEquals(List.of(3L, 1L), spec.seeds());
        assertEquals(List.of(2000L, 1000L), spec.grid().get("train.images"));
    }

    @Test
    void gridKeysReservedOrRepeatedInSetAreRejected() {
        assertContains(problems(GOOD.replace("train.images: [1000, 2000]", "seed: [1, 2]")), "grid.seed", "'seeds'");
        assertContains(problems(GOOD.replace("train.test_images: 500", "train.images: 500")),
                "grid.train.images", "also fixed under 'set'");
        assertContains(problems(GOOD.replace("train.images: [1000, 2000]", "train.images: 1000")),
                "grid.train.images = 1000", "expected a list");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String bad = GOOD.replace("seeds: [1, 2, 3]", "seeds: \"a\"").replace("[0.0, 0.1, 0.2, 0.5]", "[2]") + "extra: 1\n";
        String msg = problems(bad);
        assertContains(msg, "3 problems in sweep file study.yaml", "seeds", "sleep_fractions[0]", "extra");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        assertContains(problems("name: x\npresets: [paper\n"), "study.yaml, line", "not valid YAML");
    }

    @Test
    void aMissingFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> SweepSpec.load(tmp.resolve("nope.yaml")));
        assertContains(e.getMessage(), "nope.yaml", "does not exist");
    }

    static String problems(String yaml) {
        return assertThrows(ConfigException.class, () -> SweepSpec.parse(FILE, yaml)).getMessage();
    }

    static void assertContains(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), "expected '" + p + "' in:\n" + text);
        }
    }
}
