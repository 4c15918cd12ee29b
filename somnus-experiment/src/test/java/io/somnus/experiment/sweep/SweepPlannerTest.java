package io.somnus.experiment.sweep;

import static io.somnus.experiment.sweep.SweepSpecTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.run.RunConfigResolver;
import io.somnus.experiment.run.StandardResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
                """), new StandardResolver())).getMessage();
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

    /**
     * A mistyped grid or variant key is named by its place in the file, with the resolver's own message (the one
     * {@code --set} gives, with the fields known near it), not by a whole run.
     */
    @Test
    void aMistypedGridOrVariantKeyIsNamedByItsPlaceInTheFile() {
        StandardResolver resolver = new StandardResolver();
        String setMessage = assertThrows(ConfigException.class, () -> resolver.resolve(Map.of(
                "preset", "paper", "projections.input_e.plasticity.etta", 5e-4))).getMessage();
        assertContains(setMessage, "'projections.input_e.plasticity.etta'", "eta");
        String msg = assertThrows(ConfigException.class, () -> SweepPlanner.plan(SweepSpec.parse(FILE, """
                presets: [paper]
                datasets: [geomfig]
                sleep_fractions: [0.0, 0.2]
                seeds: [1, 2]
                grid: {projections.input_e.plasticity.etta: [5.0e-4, 2.0e-3]}
                """), resolver)).getMessage();
        assertEquals("study.yaml: grid.projections.input_e.plasticity.etta: " + setMessage, msg);
        // scoped to one preset, and in a variant: each preset's known fields differ, so each is named with its preset
        String more = assertThrows(ConfigException.class, () -> SweepPlanner.plan(SweepSpec.parse(FILE, """
                presets: [paper, paper-sg]
                datasets: [geomfig]
                sleep_fractions: [0.0]
                seeds: [1]
                grid: {paper/train.imagez: [100, 200]}
                variants: {small: {train.test_imges: 50}}
                """), resolver)).getMessage();
        assertContains(more, "3 problems in sweep file study.yaml", "study.yaml: grid.paper/train.imagez: unknown "
                + "configuration field 'train.imagez'", "(preset paper)\n", "study.yaml: variants.small.train."
                + "test_imges: unknown configuration field 'train.test_imges'", "(preset paper-sg)");
        assertTrue(!more.contains(" more run") && !more.contains("(run "), more);
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
                """), new StandardResolver());
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
                """), new StandardResolver());
        List<String> variants = plan.withoutSharing().runs().stream().map(PlannedRun::variant).toList();
        assertEquals(List.of("preset,train.images=100", "preset,train.images=100,control=untrained",
                "preset,train.images=200", "preset,train.images=200,control=untrained",
                "nearest,train.images=100", "nearest,train.images=100,control=untrained",
                "nearest,train.images=200", "nearest,train.images=200,control=untrained"), variants);
        // the rules differ, which an untrained control never applies: nearest's controls are preset's runs
        assertEquals(List.of("preset,train.images=100", "preset,train.images=100,control=untrained",
                "preset,train.images=200", "preset,train.images=200,control=untrained",
                "nearest,train.images=100", "nearest,train.images=200"),
                plan.runs().stream().map(PlannedRun::variant).toList());
        assertEquals(List.of("nearest,train.images=100,control=untrained"), plan.runs().get(1).sharedBy());
        assertEquals(List.of("nearest,train.images=200,control=untrained"), plan.runs().get(3).sharedBy());
        assertEquals(List.of("preset,train.images=100", "preset,train.images=200", "nearest,train.images=100",
                "nearest,train.images=200"), SweepPlanner.variantLabels(plan.spec()));
        PlannedRun preset = plan.runs().get(0);
        PlannedRun nearest = plan.runs().get(4);
        assertTrue(preset.runId().startsWith("diehl-cook__geomfig__preset__f0.00__s1__"), preset.runId());
        assertTrue(plan.withoutSharing().runs().get(5).runId().startsWith("diehl-cook__geomfig__nearest__untrained__s1__"),
                plan.withoutSharing().runs().get(5).runId());
        JsonNode rule = Configs.valueAt(nearest.config(),
                "projections.input_e.plasticity");
        assertEquals("nearest_pair", rule.get("rule").asText());
        assertEquals(0.01, rule.get("eta").asDouble());
        assertTrue(rule.path("nu_post").isMissingNode(), "the triplet rule's fields are replaced, not merged: " + rule);
        assertEquals("triplet", Configs.valueAt(preset.config(),
                "projections.input_e.plasticity.rule").asText());
        assertEquals(200, plan.runs().get(5).config().get("train").get("images").asInt());
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
                """), new StandardResolver())).getMessage();
        assertContains(msg, "variants 'base' and 'fast' give preset paper the same configuration",
                "give each variant a setting for every preset of the sweep");
    }

    /**
     * {@code {}} beside {@code {projections.input_e.delay_max_ms: null}}: diehl-cook has no delay_max_ms, and an optional
     * field's null is the field left out (one delay for all synapses), so the two variants are one run under two names;
     * refused as the same configuration, saying why, where before both ran (the written null gave another hash). A null
     * against a value the preset has (w_max 1.0) is a variant, and the bundled delays study (grid [null, 10.0]) keeps
     * its 6 runs and their ids.
     */
    @Test
    void aNullForAFieldThePresetLeavesOutIsThePresetItself() throws Exception {
        StandardResolver resolver = new StandardResolver();
        String msg = assertThrows(ConfigException.class, () -> SweepPlanner.plan(SweepSpec.parse(FILE, """
                presets: [diehl-cook]
                datasets: [geomfig]
                sleep_fractions: [0.0]
                seeds: [1]
                variants: {base: {}, nodelay: {projections.input_e.delay_max_ms: null}}
                """), resolver)).getMessage();
        assertContains(msg, "variants 'base' and 'nodelay' give preset diehl-cook the same configuration",
                "null for a field it leaves out, which is the same as leaving it out");
        SweepPlan bounds = SweepPlanner.plan(SweepSpec.parse(FILE, """
                presets: [diehl-cook]
                datasets: [geomfig]
                sleep_fractions: [0.0]
                seeds: [1]
                variants: {base: {}, unbounded: {projections.input_e.w_max: null}}
                """), resolver);
        assertEquals(2, bounds.runs().size());
        Path study = Path.of("studies", "diehl-cook-delays.yaml");
        if (!Files.exists(study)) {
            study = Path.of("..").resolve(study);
        }
        SweepPlan delays = SweepPlanner.plan(SweepSpec.load(study), resolver);
        assertEquals(6, delays.runs().size());
        // the null point's id hashes its configuration as written, null included (ids of sweeps already run stay)
        PlannedRun first = delays.runs().get(0);
        assertTrue(first.config().path("projections").get(0).has("delay_max_ms"), first.config().toString());
        assertTrue(first.runId().endsWith("__" + first.configHash().substring(0, SweepPlanner.SHORT_HASH)),
                first.runId());
    }

    /**
     * A sweep plans one untrained control for the variants whose controls differ only in what a control (plasticity
     * off, f = 0) never reads: a plasticity rule's parameters, the sleep phase's settings, and for the control at the
     * preset's weights the sleep target. A neuron parameter, an initial weight, a checkpoint count or (for the control
     * at the sleep target) the target's magnitude give a variant a control of its own. Worked out by hand from
     * ControlSharing's documented list, per variant below.
     */
    @Test
    void variantsShareAControlOnlyWhereNothingItReadsDiffers() {
        SweepSpec spec = SweepSpec.parse(FILE, """
                presets: [paper]
                datasets: [geomfig]
                sleep_fractions: [0.0, 0.2]
                seeds: [1]
                controls: [untrained, untrained_sleep_target]
                variants:
                  base: {}
                  eta: {projections.input_e.plasticity.eta: 0.002}
                  rule:
                    projections.input_e.plasticity: {rule: triplet, nu_pre: 1.0e-4, nu_post: 1.0e-2, tau_pre_ms: 20.0,
                                                     tau_post1_ms: 20.0, tau_post2_ms: 40.0, traces: euler}
                  law: {sleep.law: linear, sleep.tau_sleep_ms: 500, sleep.noise_std_mv: 5}
                  magnitude: {sleep.target_magnitude: 0.3}
                  tau: {populations.e.params.tau_membrane_ms: 50}
                  weight: {projections.input_e.weight: 0.2}
                  checkpoints: {train.checkpoints: 5}
                  no-rule: {projections.input_e.plasticity: null}
                """);
        SweepPlan plan = SweepPlanner.plan(spec, new StandardResolver());
        String p = "paper__geomfig__";
        List<String> expected = new ArrayList<>(List.of(p + "base__f0.00__s1", p + "base__f0.20__s1",
                p + "base__untrained__s1", p + "base__untrained_sleep_target__s1",
                p + "eta__f0.00__s1", p + "eta__f0.20__s1",                       // STDP only: both shared
                p + "rule__f0.00__s1", p + "rule__f0.20__s1",
                p + "law__f0.00__s1", p + "law__f0.20__s1",                       // sleep phase only: both shared
                p + "magnitude__f0.00__s1", p + "magnitude__f0.20__s1",           // the target: its control's own
                p + "magnitude__untrained_sleep_target__s1"));
        for (String own : List.of("tau", "weight", "checkpoints", "no-rule")) {    // what a control reads: own
            expected.addAll(List.of(p + own + "__f0.00__s1", p + own + "__f0.20__s1", p + own + "__untrained__s1",
                    p + own + "__untrained_sleep_target__s1"));
        }
        assertEquals(expected, plan.runs().stream().map(PlannedRun::runId).toList());
        assertEquals(List.of("eta,control=untrained", "rule,control=untrained", "law,control=untrained",
                "magnitude,control=untrained"), plan.runs().get(2).sharedBy());
        assertEquals(List.of("eta,control=untrained_sleep_target", "rule,control=untrained_sleep_target",
                "law,control=untrained_sleep_target"), plan.runs().get(3).sharedBy());
        assertEquals(7, plan.sharedControls());
        assertEquals(2, plan.sharingRuns());
        assertTrue(plan.runs().stream().filter(r -> r.runId().contains("__f0.")).allMatch(r -> r.sharedBy().isEmpty()));

        // without sharing: every variant's own control, as planned before sharing, and the hash such a sweep recorded
        SweepPlan perVariant = SweepPlanner.plan(spec, new StandardResolver(), false);
        assertEquals(9 * 4, perVariant.runs().size());
        assertEquals(perVariant.runs().stream().map(PlannedRun::runId).toList(),
                plan.withoutSharing().runs().stream().map(PlannedRun::runId).toList());
        assertEquals(hashOfLines(perVariant.runs()), perVariant.hash());
        assertEquals(perVariant.hash(), plan.withoutSharing().hash());
        assertNotEquals(perVariant.hash(), plan.hash());
        // the shared run is the first variant's own control, configuration and all
        assertEquals(perVariant.runs().get(2).configHash(), plan.runs().get(2).configHash());
    }

    /**
     * A variant that starts at the sleep target has controls whose whole configuration is the first variant's
     * untrained_sleep_target control's: that run stands for both (before, the sweep was refused, both controls named
     * as "the same configuration" in two identical lines, with advice about presets that did not apply).
     */
    @Test
    void aControlWithAnotherVariantsVeryConfigurationIsThatRun() {
        SweepSpec spec = SweepSpec.parse(FILE, """
                presets: [paper]
                datasets: [geomfig]
                sleep_fractions: [0.0, 0.2]
                seeds: [1]
                controls: [untrained, untrained_sleep_target]
                variants:
                  base: {}
                  at-target: {train.initial_weights: sleep_target}
                """);
        SweepPlan plan = SweepPlanner.plan(spec, new StandardResolver());
        String p = "paper__geomfig__";
        assertEquals(List.of(p + "base__f0.00__s1", p + "base__f0.20__s1", p + "base__untrained__s1",
                p + "base__untrained_sleep_target__s1", p + "at-target__f0.00__s1", p + "at-target__f0.20__s1"),
                plan.runs().stream().map(PlannedRun::runId).toList());
        assertEquals(List.of("at-target,control=untrained", "at-target,control=untrained_sleep_target"),
                plan.runs().get(3).sharedBy());
        assertEquals(List.of(), plan.runs().get(2).sharedBy());
        assertEquals(2, plan.sharedControls());
        assertEquals("sleep_target", plan.runs().get(4).config().get("train").get("initial_weights").asText());
        // planned a control per variant, as before, the duplicates are refused, naming why they cannot be two runs
        String msg = assertThrows(ConfigException.class, () -> SweepPlanner.plan(spec,
                new StandardResolver(), false)).getMessage();
        assertContains(msg, "train.initial_weights=sleep_target train.plasticity=false resolve to the same "
                + "configuration, so they can only be one run, which share_controls: false rules out");
    }

    /** A sweep whose controls share nothing plans as before: the same runs and the same hash. */
    @Test
    void aSweepWithNothingToShareKeepsItsPlanAndHash() {
        SweepSpec spec = SweepSpec.parse(FILE, """
                presets: [paper, paper-sg]
                datasets: [geomfig]
                sleep_fractions: [0.0, 0.2]
                seeds: [1, 2]
                controls: [untrained, untrained_sleep_target]
                """);
        SweepPlan plan = SweepPlanner.plan(spec, new StandardResolver());
        assertEquals(0, plan.sharedControls());
        assertTrue(plan.withoutSharing() == plan);
        assertEquals(hashOfLines(plan.runs()), plan.hash());
    }

    /** The sweep hash as it was computed before controls were shared: SHA-256 of the sorted "id=hash" lines. */
    private static String hashOfLines(List<PlannedRun> runs) {
        try {
            String text = runs.stream().map(r -> r.runId() + "=" + r.configHash() + "\n").sorted()
                    .collect(Collectors.joining());
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
