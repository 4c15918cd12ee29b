package io.somnus.experiment.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgSurrogate;
import io.somnus.sleep.DecayTarget;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The typed configuration: one sealed record per model and per plasticity rule, enums for the selectors. */
class TypedConfigTest {
    private static final Set<String> NEAREST_PAIR = Set.of("rule", "eta", "a_plus", "a_minus", "tau_plus_ms",
            "tau_minus_ms", "sign");
    private static final Set<String> SINCE_LAST_SPIKE = Set.of("rule", "learning_rate", "tau_ltp_ms", "tau_ltd_ms");
    private static final Set<String> TRIPLET = Set.of("rule", "nu_pre", "nu_post", "tau_pre_ms", "tau_post1_ms",
            "tau_post2_ms", "traces");

    /** Each bundled preset binds to its model's record, with its rule's record in every plastic projection. */
    @Test
    void everyPresetBindsToItsModelsRecord() {
        Map<String, Class<?>> expected = Map.of("paper", StdpRunConfig.class, "paper-code", StdpRunConfig.class,
                "diehl-cook", StdpRunConfig.class,
                "diehl-cook-recurrent", StdpRunConfig.class, "paper-sg", SgRunConfig.class,
                "paper-sg-code", SgRunConfig.class, "sg-fc", SgRunConfig.class);
        assertEquals(expected.keySet(), new HashSet<>(Configs.PRESETS));
        for (String preset : Configs.PRESETS) {
            RunConfig c = Configs.bind(Configs.loadPreset(preset));
            assertInstanceOf(expected.get(preset), c, preset);
            assertEquals(preset, c.preset());
        }
        // the paper's rule on every projection: η 5·10⁻⁴, A± 1, τ± 7.5 ms, sign by receptor
        StdpRunConfig paper = Configs.bind(Configs.loadPreset("paper"), StdpRunConfig.class);
        for (ProjectionConfig p : paper.projections()) {
            assertEquals(new NearestPairConfig(5e-4, 1.0, 1.0, 7.5, 7.5, StdpSign.AUTO), p.plasticity(), p.name());
        }
        assertEquals(DecayTarget.CONSTANT, paper.sleep().target());
        assertEquals(List.of(ReadoutKind.PCA_LOGISTIC, ReadoutKind.LINEAR, ReadoutKind.VOTE), paper.readout().readouts());
        // Diehl & Cook: triplet STDP on the input only (ν_pre 10⁻⁴, ν_post 10⁻², τ 20/20/40 ms, Brian2's Euler traces)
        StdpRunConfig dc = Configs.bind(Configs.loadPreset("diehl-cook"), StdpRunConfig.class);
        assertEquals(new TripletConfig(1e-4, 1e-2, 20.0, 20.0, 40.0, TraceIntegration.EULER),
                dc.projections().get(0).plasticity());
        assertNull(dc.projections().get(1).plasticity());
        assertEquals(NeuronModel.CONDUCTANCE_LIF, dc.populations().get(0).model());
        assertEquals(NeuronDefaults.DIEHL_COOK_I, dc.populations().get(1).defaults());
    }

    /**
     * A preset holds the fields its model reads and no other: an SG preset has no STDP sections and a sleep section of
     * the fraction alone; a plasticity section holds its rule's fields only (no zeros for the other rule).
     */
    @Test
    void presetsHoldOnlyTheFieldsOfTheirModel() {
        for (String preset : Configs.PRESETS) {
            ObjectNode tree = Configs.loadPreset(preset);
            ModelKind model = ModelKind.valueOf(tree.get("model").asText().toUpperCase());
            List<String> paths = new ArrayList<>();
            leaves(tree, "", paths);
            Set<String> declared = new HashSet<>(FieldDomains.paths(model));
            for (String p : paths) {
                assertTrue(declared.contains(p), preset + ": " + p + " is not a field of model " + model);
            }
            if (model == ModelKind.SG) {
                assertEquals(Set.of("model", "preset", "description", "seed", "dataset", "train", "sleep", "sg"),
                        names(tree), preset);
                assertEquals(Set.of("fraction"), names(tree.get("sleep")), preset);
                assertEquals(Set.of("images", "epochs", "validation_images", "test_images"), names(tree.get("train")),
                        preset);
            } else {
                assertTrue(!tree.has("sg"), preset + " has an sg section");
                for (JsonNode p : tree.get("projections")) {
                    JsonNode rule = p.get("plasticity");
                    if (!rule.isNull()) {
                        Set<String> fields = switch (rule.get("rule").asText()) {
                            case "triplet" -> TRIPLET;
                            case "since_last_spike" -> SINCE_LAST_SPIKE;
                            default -> NEAREST_PAIR;
                        };
                        assertEquals(fields, names(rule), preset + " " + p.get("name"));
                    }
                }
            }
        }
    }

    /** Every field of an SG preset's sg section is needed: none has a second, Java default to fall back on. */
    @Test
    void everySgFieldComesFromThePreset() {
        for (String preset : List.of("paper-sg", "paper-sg-code", "sg-fc")) {
            List<String> paths = new ArrayList<>();
            leaves(Configs.loadPreset(preset).get("sg"), "sg", paths);
            assertTrue(paths.size() >= 30, preset + ": " + paths);
            for (String path : paths) {
                ObjectNode tree = Configs.loadPreset(preset);
                int dot = path.lastIndexOf('.');
                ObjectNode parent = (ObjectNode) tree.at("/" + path.substring(0, dot).replace('.', '/'));
                parent.remove(path.substring(dot + 1));
                ConfigException e = assertThrows(ConfigException.class, () -> Configs.bind(tree), preset + " " + path);
                assertTrue(e.getMessage().startsWith("configuration field '" + path + "' is missing"), e.getMessage());
            }
        }
        // the library keeps its own default (the paper's SG-SNN) and no copy of a preset
        List<String> factories = Arrays.stream(SgConfig.class.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())
                        && m.getReturnType() == SgConfig.class)
                .map(Method::getName).toList();
        assertEquals(List.of("paperSg"), factories);
    }

    /** A bad selector names the field, the value and every spelling allowed (written out here, in YAML's spelling). */
    @Test
    void enumErrorsNameTheFieldAndTheAllowedValues() {
        Map<String, String> paper = Map.ofEntries(
                Map.entry("model", "stdp, sg"),
                Map.entry("protocol", "standard, continual"),
                Map.entry("simulation.integration", "exponential, euler (or null)"),
                Map.entry("encoding.kind", "bernoulli, poisson, latency"),
                Map.entry("populations.e.model", "current_lif, conductance_lif, class"),
                Map.entry("populations.e.defaults", "paper, diehl_cook_e, diehl_cook_i (or null)"),
                Map.entry("projections.e_i.receptor", "excitatory, inhibitory"),
                Map.entry("projections.e_i.connector", "all_to_all, one_to_one, all_but_self, fixed_probability"),
                Map.entry("projections.e_i.init", "constant, uniform"),
                Map.entry("projections.e_i.plasticity.rule", "nearest_pair, triplet, since_last_spike, all_to_all, class"),
                Map.entry("projections.e_i.plasticity.sign", "auto, +1, 1, -1 (or null)"),
                Map.entry("readout.main", "pca-logistic, linear, vote"),
                Map.entry("sleep.budget", "added, fixed_total"),
                Map.entry("sleep.law", "log, linear"),
                Map.entry("sleep.target", "constant, projection_mean, post_mean"));
        paper.forEach((field, allowed) -> assertRefused("paper", field, allowed));
        assertRefused("diehl-cook", "projections.input_e.plasticity.traces", "exact, euler (or null)");
        Map<String, String> sg = Map.of(
                "sg.encoding", "direct, bernoulli, poisson",
                "sg.surrogate", "fast_sigmoid, arctan, sigmoid",
                "sg.loss", "spike_count, membrane, per_step_spikes",
                "sg.sleep_schedule", "per_epoch, every_minibatches");
        sg.forEach((field, allowed) -> assertRefused("paper-sg", field, allowed));
        ObjectNode list = Configs.loadPreset("paper");
        Configs.override(list, "readout.readouts", "[vote, svm]");
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.bind(list));
        assertEquals("readout.readouts = 'svm': not allowed; allowed: a list of pca-logistic, linear, vote", e.getMessage());
    }

    private static void assertRefused(String preset, String field, String allowed) {
        ObjectNode tree = Configs.loadPreset(preset);
        Configs.override(tree, field, "no_such_value");
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.bind(tree), field);
        assertEquals(field + " = 'no_such_value': not allowed; allowed: one of " + allowed, e.getMessage());
    }

    /** The spellings users write today bind to the constants, including YAML's number for {@code +1}. */
    @Test
    void yamlSpellingsBindToTheirConstants() {
        Map<String, StdpSign> signs = Map.of("+1", StdpSign.PLUS, "1", StdpSign.PLUS, "-1", StdpSign.MINUS,
                "auto", StdpSign.AUTO, "null", StdpSign.AUTO);
        signs.forEach((written, sign) -> {
            ObjectNode tree = Configs.loadPreset("paper");
            Configs.override(tree, "projections.e_e.plasticity.sign", written);
            NearestPairConfig n = (NearestPairConfig) Configs.bind(tree, StdpRunConfig.class).projections().get(1)
                    .plasticity();
            assertEquals(sign, n.sign() == null ? StdpSign.AUTO : n.sign(), written);
        });
        ObjectNode sg = Configs.loadPreset("paper-sg");
        Configs.override(sg, "sg.surrogate", "ARCTAN"); // the SG enums ignore case, as they always have
        assertEquals(SgSurrogate.ARCTAN, Configs.bind(sg, SgRunConfig.class).sg().surrogate());
        ConfigException wrongCase = assertThrows(ConfigException.class, () -> {
            ObjectNode t = Configs.loadPreset("paper");
            Configs.override(t, "sleep.law", "LOG");
            Configs.bind(t);
        });
        assertTrue(wrongCase.getMessage().startsWith("sleep.law = 'LOG': not allowed"), wrongCase.getMessage());
    }

    /**
     * A misspelt field's message lists the section's fields, the optional ones the preset leaves out too: it listed
     * those of the tree only, so sg.epochs (absent: train.epochs) looked unknown.
     */
    @Test
    void anUnknownFieldsMessageListsTheOptionalFieldsLeftOut() {
        ConfigException sg = assertThrows(ConfigException.class,
                () -> Configs.override(Configs.loadPreset("sg-fc"), "sg.epoch", "2"));
        assertTrue(sg.getMessage().startsWith("unknown configuration field 'sg.epoch'; known under sg: [hidden, "), sg.getMessage());
        assertTrue(sg.getMessage().contains(", sleep, epochs]"), sg.getMessage());
        ConfigException stdp = assertThrows(ConfigException.class,
                () -> Configs.override(Configs.loadPreset("paper"), "train.initial_weight", "preset"));
        assertTrue(stdp.getMessage().contains("initial_weights, checkpoint_spikes]"), stdp.getMessage());
        // the other model's optional fields are not its
        ConfigException other = assertThrows(ConfigException.class,
                () -> Configs.override(Configs.loadPreset("sg-fc"), "train.foo", "1"));
        assertFalse(other.getMessage().contains("initial_weights"), other.getMessage());
    }

    /** A field of the other model (or rule) is refused, and the message says whose field it is. */
    @Test
    void aFieldOfAnotherModelIsRefusedSayingWhoseItIs() {
        ObjectNode sg = Configs.loadPreset("paper-sg");
        ConfigException set = assertThrows(ConfigException.class, () -> Configs.override(sg, "sleep.law", "log"));
        assertTrue(set.getMessage().contains("'sleep.law'") && set.getMessage().endsWith("(law belongs to model stdp; "
                + "an SG-SNN's sleep is configured under sg.sleep and sg.sleep_schedule)"), set.getMessage());
        // where the SG-SNN's sleep has the same quantity, it is named
        ConfigException lambda = assertThrows(ConfigException.class, () -> Configs.override(sg, "sleep.lambda", "0.9"));
        assertTrue(lambda.getMessage().endsWith("(lambda belongs to model stdp; an SG-SNN's sleep is configured under "
                + "sg.sleep and sg.sleep_schedule, e.g. sg.sleep.lambda)"), lambda.getMessage());
        sg.putArray("populations");
        ConfigException bound = assertThrows(ConfigException.class, () -> Configs.bind(sg));
        assertTrue(bound.getMessage().startsWith("unknown configuration field 'populations'; allowed at the top level "
                + "for model sg: ") && bound.getMessage().endsWith("(populations belongs to model stdp)"),
                bound.getMessage());
        ObjectNode paper = Configs.loadPreset("paper");
        ConfigException rule = assertThrows(ConfigException.class,
                () -> Configs.override(paper, "projections.input_e.plasticity.nu_pre", "1"));
        // and says how to switch the rule: the section is replaced whole
        assertTrue(rule.getMessage().endsWith("(nu_pre belongs to rule triplet; to change a projection's rule give its "
                + "whole section, --set 'projections.NAME.plasticity={rule: RULE, ...}' (docs/configuration.md))"),
                rule.getMessage());
        // a whole section can be replaced, rule and all
        Configs.override(paper, "projections.input_e.plasticity", "{rule: triplet, nu_pre: 1.0e-4, nu_post: 0.01, "
                + "tau_pre_ms: 20, tau_post1_ms: 20, tau_post2_ms: 40, traces: exact}");
        assertEquals(new TripletConfig(1e-4, 0.01, 20, 20, 40, TraceIntegration.EXACT),
                Configs.bind(paper, StdpRunConfig.class).projections().get(0).plasticity());
    }

    /** What --print-config prints (the resolved tree as YAML) reads back to the same configuration. */
    @Test
    void thePrintedConfigurationIsValidInput() throws Exception {
        for (String preset : Configs.PRESETS) {
            ObjectNode tree = Configs.loadPreset(preset);
            RunConfig bound = Configs.bind(tree);
            ObjectNode again = (ObjectNode) Mappers.YAML.readTree(Configs.toYaml(tree));
            assertEquals(bound, Configs.bind(again), preset);
        }
    }

    /**
     * The sealed types, their Jackson subtypes and their enums name the same variants: a model or rule added to one
     * and not the others fails here.
     */
    @Test
    void sealedTypesSubtypesAndEnumsAgree() {
        assertVariants(RunConfig.class, ModelKind.class);
        assertVariants(PlasticityConfig.class, PlasticityRule.class);
        StdpRunConfig stdp = Configs.bind(Configs.loadPreset("paper"), StdpRunConfig.class);
        SgRunConfig sg = Configs.bind(Configs.loadPreset("paper-sg"), SgRunConfig.class);
        RunConfig.Cases<String> cases = new RunConfig.Cases<>() {
            @Override
            public String stdp(StdpRunConfig c) {
                return "stdp:" + c.preset();
            }

            @Override
            public String sg(SgRunConfig c) {
                return "sg:" + c.preset();
            }
        };
        assertEquals("stdp:paper", stdp.match(cases));
        assertEquals("sg:paper-sg", sg.match(cases));
        assertEquals(ModelKind.STDP, stdp.model());
        assertEquals(ModelKind.SG, sg.model());
    }

    private static void assertVariants(Class<?> sealed, Class<? extends Enum<?>> kinds) {
        Set<Class<?>> permitted = Set.of(sealed.getPermittedSubclasses());
        JsonSubTypes.Type[] types = sealed.getAnnotation(JsonSubTypes.class).value();
        assertEquals(permitted, Arrays.stream(types).map(JsonSubTypes.Type::value).collect(Collectors.toSet()));
        assertEquals(new TreeSet<>(Choices.of(kinds)),
                Arrays.stream(types).map(JsonSubTypes.Type::name).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static Set<String> names(JsonNode section) {
        Set<String> out = new HashSet<>();
        section.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The schema paths (list items as *) of every value in a tree; neuron params and empty lists count as values. */
    private static void leaves(JsonNode node, String schema, List<String> out) {
        if (node instanceof ObjectNode o && !schema.endsWith(".params")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(e.getValue(), schema.isEmpty() ? e.getKey() : schema + "." + e.getKey(), out);
            }
        } else if (node instanceof ArrayNode a && !a.isEmpty() && a.get(0).isObject()) {
            for (JsonNode item : a) {
                leaves(item, schema + ".*", out);
            }
        } else if (node.isNull() && FieldDomains.domain(schema) == null) {
            return; // a section left out (a static projection's plasticity)
        } else if (!schema.endsWith(".params") && !(node instanceof ArrayNode a && a.isEmpty() && !isListField(schema))) {
            out.add(schema);
        }
    }

    private static boolean isListField(String schema) {
        return FieldDomains.domain(schema) != null;
    }
}
