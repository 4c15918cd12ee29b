package io.somnus.experiment.sweep;

import static io.somnus.experiment.sweep.SweepSpecTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.run.RunConfigResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlannerTest {
    static final Path FILE = Path.of("study.yaml");

    static SweepPlan plan(String yaml) {
        return SweepPlanner.plan(SweepSpec.parse(FILE, yaml), new FakeResolver());
    }

    @Test
    void expandsTheProductWithReadableIdsSeedOutermost() {
        SweepPlan plan = plan("""
                presets: [paper]
                datasets: [fashion-mnist, geomfig]
                sleep_fractions: [0.0, 0.2, 0.125]
                seeds: [1, 2]
                """);
        List<String> ids = plan.runs().stream().map(PlannedRun::runId).toList();
        assertEquals(List.of(
                "paper__fashion-mnist__f0.00__s1", "paper__fashion-mnist__f0.20__s1", "paper__fashion-mnist__f0.125__s1",
                "paper__geomfig__f0.00__s1", "paper__geomfig__f0.20__s1", "paper__geomfig__f0.125__s1",
                "paper__fashion-mnist__f0.00__s2", "paper__fashion-mnist__f0.20__s2", "paper__fashion-mnist__f0.125__s2",
                "paper__geomfig__f0.00__s2", "paper__geomfig__f0.20__s2", "paper__geomfig__f0.125__s2"), ids);
        PlannedRun r = plan.runs().get(1);
        assertEquals(0.2, r.config().get("sleep").get("fraction").asDouble());
        assertEquals("", r.variant());
    }

    @Test
    void gridRunsGetAShortConfigurationHash() throws Exception {
        SweepPlan plan = plan("""
                presets: [paper]
                datasets: [mnist]
                sleep_fractions: [0.1]
                seeds: [7]
                grid: {train.images: [1000, 2000]}
                set: {train.test_images: 50}
                """);
        assertEquals(2, plan.runs().size());
        for (PlannedRun r : plan.runs()) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(r.configJson().getBytes(StandardCharsets.UTF_8)));
            assertEquals(sha, r.configHash());
            assertEquals("paper__mnist__f0.10__s7__" + sha.substring(0, 8), r.runId());
            assertEquals(50, r.config().get("train").get("test_images").asInt());
        }
        assertEquals("train.images=1000", plan.runs().get(0).variant());
        assertNotEquals(plan.runs().get(0).runId(), plan.runs().get(1).runId());
    }

    @Test
    void resolverErrorsAreCollectedWithTheFileAndTheValue() {
        String msg = assertThrows(ConfigException.class, () -> plan("""
                presets: [paper, nopreset]
                datasets: [fashion-mnist, cifar]
                sleep_fractions: [0.0, 0.1]
                seeds: [1]
                set: {train.epochs: 3}
                """)).getMessage();
        // each value tried alone on each preset's first point: the set entry, the preset and the dataset, all at once
        // (whole points stop at their first problem: the unknown field hid the dataset)
        assertContains(msg, "problems in sweep file study.yaml", "unknown field 'train.epochs'",
                "(set train.epochs=3, preset paper)", "dataset.name = 'cifar'", "(datasets)", "preset = 'nopreset'");
    }

    /** A set entry bad with every preset is named once, with the presets it fails for. */
    @Test
    void aSetProblemOfEveryPresetIsNamedOnce() {
        String msg = assertThrows(ConfigException.class, () -> SweepPlanner.plan(SweepSpec.parse(FILE, """
                presets: [paper, paper-sg]
                datasets: [geomfig]
                sleep_fractions: [0.0]
                seeds: [1]
                set: {train.test_images: -1}
                """), new io.somnus.experiment.run.StandardResolver())).getMessage();
        assertContains(msg, "train.test_images = -1", "(set train.test_images=-1, presets paper, paper-sg)");
        assertEquals(msg.indexOf("train.test_images = -1"), msg.lastIndexOf("train.test_images = -1"), msg);
        // a preset prefix the sweep does not run is named by the file's own check
        String prefix = assertThrows(ConfigException.class, () -> SweepSpec.parse(FILE, """
                presets: [paper, paper-sg]
                datasets: [geomfig]
                sleep_fractions: [0.0]
                seeds: [1]
                set: {papr/train.images: 100}
                """)).getMessage();
        assertContains(prefix, "papr/train.images: names preset papr, which the sweep does not run (presets: paper, "
                + "paper-sg)");
    }

    /** A value bad only beside another (here: more test than training images) is found whole point by whole point. */
    @Test
    void aProblemOfACombinationIsReportedWithAnExamplePointAndACount() {
        RunConfigResolver picky = settings -> {
            if (((Number) settings.getOrDefault("train.images", 1000L)).longValue()
                    < ((Number) settings.getOrDefault("train.test_images", 200L)).longValue()) {
                throw new ConfigException("train.test_images above train.images");
            }
            return new FakeResolver().resolve(settings);
        };
        String msg = assertThrows(ConfigException.class, () -> SweepPlanner.plan(SweepSpec.parse(FILE, """
                presets: [paper]
                datasets: [fashion-mnist]
                sleep_fractions: [0.0, 0.1]
                seeds: [1]
                grid: {train.images: [100, 1000], train.test_images: [50, 500]}
                """), picky)).getMessage();
        // a grid value bad only beside some values of another axis: named by an example point and a count
        assertContains(msg, "train.test_images above train.images", "train.images=100 train.test_images=500",
                "and 1 more run)");
        // set entries that need each other, in either order, plan (100 training images need fewer test images)
        assertEquals(2, SweepPlanner.plan(SweepSpec.parse(FILE, """
                presets: [paper]
                datasets: [fashion-mnist]
                sleep_fractions: [0.0, 0.1]
                seeds: [1]
                set: {train.images: 100, train.test_images: 50}
                """), picky).runs().size());
    }

    @Test
    void unknownPresetAndDatasetAreBothReported() {
        String msg = assertThrows(ConfigException.class, () -> plan("""
                presets: [paper, nopreset]
                datasets: [fashion-mnist, cifar]
                sleep_fractions: [0.0]
                seeds: [1]
                """)).getMessage();
        assertContains(msg, "problems in sweep file study.yaml", "preset = 'nopreset'", "dataset.name = 'cifar'",
                "allowed: fashion-mnist, geomfig, mnist");
    }

    @Test
    void pointsResolvingToTheSameConfigurationAreDuplicates() {
        String msg = assertThrows(ConfigException.class, () -> plan("""
                presets: [paper]
                datasets: [mnist]
                sleep_fractions: [0.0]
                seeds: [1]
                grid: {sleep.noise_sigma: [3, 3.0]}
                """)).getMessage();
        assertContains(msg, "study.yaml", "duplicate runs", "sleep.noise_sigma=3 ", "sleep.noise_sigma=3.0");
    }

    @Test
    void canonicalJsonIgnoresFieldOrder() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode a = (ObjectNode) m.readTree("{\"b\": 1, \"a\": {\"y\": [1, {\"q\": 2, \"p\": 3}], \"x\": true}}");
        ObjectNode b = (ObjectNode) m.readTree("{\"a\": {\"x\": true, \"y\": [1, {\"p\": 3, \"q\": 2}]}, \"b\": 1}");
        assertEquals("{\"a\":{\"x\":true,\"y\":[1,{\"p\":3,\"q\":2}]},\"b\":1}", CanonicalJson.write(a));
        assertEquals(CanonicalJson.hash(a), CanonicalJson.hash(b));
        assertTrue(CanonicalJson.hash(a).matches("[0-9a-f]{64}"));
    }

    @Test
    void sweepHashDependsOnRunsNotOnFormatting() {
        SweepPlan a = plan("presets: [paper]\ndatasets: [mnist]\nsleep_fractions: [0.0, 0.1]\nseeds: [1]\n");
        SweepPlan b = plan("# same\nseeds: [1]\nsleep_fractions: [0.0, 0.10]\ndatasets: [mnist]\npresets: [paper]\n");
        SweepPlan c = plan("presets: [paper]\ndatasets: [mnist]\nsleep_fractions: [0.0, 0.1]\nseeds: [1, 2]\n");
        assertEquals(a.hash(), b.hash());
        assertNotEquals(a.hash(), c.hash());
    }

    /**
     * {@code controls}: for the STDP preset only, one untrained run and one at the sleep target per dataset × seed,
     * at f = 0, recorded as variants {@code control=...}; the SG preset gets none (the real resolver, so that the
     * controls' settings are checked against the real configuration).
     */
    @Test
    void controlsAddUntrainedStdpRunsAtFractionZero() {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(FILE, """
                presets: [paper, paper-sg]
                datasets: [geomfig]
                sleep_fractions: [0.0, 0.2]
                seeds: [1, 2]
                controls: [untrained, untrained_sleep_target]
                """), new io.somnus.experiment.run.StandardResolver());
        List<String> ids = plan.runs().stream().map(PlannedRun::runId).toList();
        assertEquals(List.of("paper__geomfig__f0.00__s1", "paper__geomfig__f0.20__s1",
                "paper__geomfig__untrained__s1", "paper__geomfig__untrained_sleep_target__s1",
                "paper-sg__geomfig__f0.00__s1", "paper-sg__geomfig__f0.20__s1",
                "paper__geomfig__f0.00__s2", "paper__geomfig__f0.20__s2",
                "paper__geomfig__untrained__s2", "paper__geomfig__untrained_sleep_target__s2",
                "paper-sg__geomfig__f0.00__s2", "paper-sg__geomfig__f0.20__s2"), ids);
        PlannedRun untrained = plan.runs().get(2);
        assertEquals("control=untrained", untrained.variant());
        assertEquals(false, untrained.config().get("train").get("plasticity").asBoolean());
        assertEquals(0.0, untrained.config().get("sleep").get("fraction").asDouble());
        assertTrue(untrained.config().get("train").path("initial_weights").isMissingNode()
                || untrained.config().get("train").get("initial_weights").asText().equals("preset"));
        PlannedRun target = plan.runs().get(3);
        assertEquals("control=untrained_sleep_target", target.variant());
        assertEquals(false, target.config().get("train").get("plasticity").asBoolean());
        assertEquals("sleep_target", target.config().get("train").get("initial_weights").asText());
        assertEquals(0.0, target.config().get("sleep").get("fraction").asDouble());
        assertEquals("", plan.runs().get(0).variant());
    }

    /**
     * {@code variants}: each named variant runs every point of the grid, in the file's order; a value may be a whole
     * section, which replaces the preset's (a projection's plasticity rule with its own fields); the name follows the
     * dataset in the run id and leads the run's variant, and controls run under each variant (the real resolver).
     */
    @Test
    void namedVariantsRunEveryGridPointAndMayReplaceASection() {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(FILE, """
                presets: [diehl-cook]
                datasets: [geomfig]
                sleep_fractions: [0.0]
                seeds: [1]
                variants:
                  preset: {}
                  nearest:
                    projections.input_e.plasticity: {rule: nearest_pair, eta: 0.01, a_plus: 1.0, a_minus: 1.0,
                                                     tau_plus_ms: 20, tau_minus_ms: 20}
                grid: {train.images: [100, 200]}
                controls: [untrained]
                """), new io.somnus.experiment.run.StandardResolver());
        List<String> variants = plan.runs().stream().map(PlannedRun::variant).toList();
        assertEquals(List.of("preset,train.images=100", "preset,train.images=100,control=untrained",
                "preset,train.images=200", "preset,train.images=200,control=untrained",
                "nearest,train.images=100", "nearest,train.images=100,control=untrained",
                "nearest,train.images=200", "nearest,train.images=200,control=untrained"), variants);
        assertEquals(List.of("preset,train.images=100", "preset,train.images=200", "nearest,train.images=100",
                "nearest,train.images=200"), SweepPlanner.variantLabels(plan.spec()));
        PlannedRun preset = plan.runs().get(0);
        PlannedRun nearest = plan.runs().get(4);
        assertTrue(preset.runId().startsWith("diehl-cook__geomfig__preset__f0.00__s1__"), preset.runId());
        assertTrue(plan.runs().get(5).runId().startsWith("diehl-cook__geomfig__nearest__untrained__s1__"),
                plan.runs().get(5).runId());
        com.fasterxml.jackson.databind.JsonNode rule = io.somnus.experiment.config.Configs.valueAt(nearest.config(),
                "projections.input_e.plasticity");
        assertEquals("nearest_pair", rule.get("rule").asText());
        assertEquals(0.01, rule.get("eta").asDouble());
        assertTrue(rule.path("nu_post").isMissingNode(), "the triplet rule's fields are replaced, not merged: " + rule);
        assertEquals("triplet", io.somnus.experiment.config.Configs.valueAt(preset.config(),
                "projections.input_e.plasticity.rule").asText());
        assertEquals(200, plan.runs().get(6).config().get("train").get("images").asInt());
        // without a grid the id has no hash: the name tells the variants apart
        SweepPlan plain = SweepPlanner.plan(SweepSpec.parse(FILE, """
                presets: [paper]
                datasets: [geomfig]
                sleep_fractions: [0.0]
                seeds: [1]
                variants: {preset: , fewer: {train.images: 100}}
                """), new FakeResolver());
        assertEquals(List.of("paper__geomfig__preset__f0.00__s1", "paper__geomfig__fewer__f0.00__s1"),
                plain.runs().stream().map(PlannedRun::runId).toList());
        assertEquals(2, plain.spec().size());
        // a variant scoped to one preset leaves the other's runs alike: named, with what to do
        String msg = assertThrows(ConfigException.class, () -> SweepPlanner.plan(SweepSpec.parse(FILE, """
                presets: [paper, paper-sg]
                datasets: [geomfig]
                sleep_fractions: [0.0]
                seeds: [1]
                variants: {base: {}, fast: {paper-sg/sg.learning_rate: 0.002}}
                """), new io.somnus.experiment.run.StandardResolver())).getMessage();
        assertContains(msg, "variants 'base' and 'fast' give preset paper the same configuration",
                "give each variant a setting for every preset of the sweep");
    }
}
