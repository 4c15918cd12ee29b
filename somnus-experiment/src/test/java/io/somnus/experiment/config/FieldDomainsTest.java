package io.somnus.experiment.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.CurrentLifParameters;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every configuration field has a declared domain, and every preset field outside it is refused by name. */
class FieldDomainsTest {

    /**
     * The fields declared for each model are exactly the components (snake_case) of the records it binds to: nested
     * records and lists of records recurse, a sealed section (plasticity) adds its discriminator and every permitted
     * record's components, neuron params are both parameter records' and (model class) one open section, a rule
     * class's params one open section.
     */
    @Test
    void theDeclaredFieldsOfEachModelAreTheComponentsOfItsRecords() {
        Map<ModelKind, Class<?>> records = Map.of(ModelKind.STDP, StdpRunConfig.class, ModelKind.SG, SgRunConfig.class);
        for (ModelKind m : ModelKind.values()) {
            Set<String> fromRecords = new TreeSet<>(Set.of("model"));
            walkRecord(records.get(m), "", fromRecords);
            assertEquals(fromRecords, new TreeSet<>(FieldDomains.paths(m)), m.toString());
        }
    }

    private static void walkRecord(Class<?> type, String prefix, Set<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            String path = prefix + snake(c.getName());
            Class<?> t = c.getType();
            if (t.isRecord()) {
                walkRecord(t, path + ".", out);
            } else if (t.isInterface() && t.isSealed()) {
                out.add(path + ".rule");
                for (Class<?> permitted : t.getPermittedSubclasses()) {
                    walkRecord(permitted, path + ".", out);
                }
            } else if (List.class.isAssignableFrom(t)
                    && c.getGenericType() instanceof ParameterizedType pt
                    && pt.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
                walkRecord(item, path + ".*.", out);
            } else if (Map.class.isAssignableFrom(t) && type == ClassRuleConfig.class) {
                out.add(path); // a rule class's params: an open section, which the class checks
            } else if (Map.class.isAssignableFrom(t)) {
                out.add(path); // model class's params: an open section, which the neuron class checks
                walkRecord(CurrentLifParameters.class, path + ".", out);
                walkRecord(ConductanceLifParameters.class, path + ".", out);
            } else {
                out.add(path);
            }
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    @Test
    void everyBundledPresetIsInsideItsDomains() {
        for (String preset : Configs.PRESETS) {
            Configs.bind(Configs.loadPreset(preset));
        }
    }

    /** NaN, ±Infinity in every real field and a fraction in every integer field of every preset: refused by name. */
    @Test
    void everyNumericFieldOfEveryPresetRefusesNonFiniteAndFractionalValues() {
        int checked = 0;
        for (String preset : Configs.PRESETS) {
            List<String[]> leaves = new ArrayList<>();
            leaves(Configs.loadPreset(preset), "", "", (schema, user) -> leaves.add(new String[] {schema, user}));
            for (String[] leaf : leaves) {
                FieldDomain d = FieldDomains.domain(leaf[0]);
                assertNotNull(d, preset + ": " + leaf[0]);
                List<String> bad = switch (d.kind()) {
                    case REAL -> List.of("NaN", "Infinity", "-Infinity", ".inf");
                    case INTEGER -> List.of("50.7", "NaN", "99999999999999999999");
                    default -> List.of();
                };
                for (String value : bad) {
                    ObjectNode tree = Configs.loadPreset(preset);
                    Configs.override(tree, leaf[1], value);
                    ConfigException e = assertThrows(ConfigException.class, () -> Configs.bind(tree),
                            preset + ": " + leaf[1] + "=" + value + " was accepted");
                    assertTrue(e.getMessage().startsWith(leaf[1] + " = "), e.getMessage());
                    assertTrue(e.getMessage().contains("allowed: "), e.getMessage());
                    checked++;
                }
            }
        }
        assertTrue(checked > 300, "checked " + checked);
    }

    /** Each field of the sg section set by --set is checked against its domain. */
    @Test
    void sgFieldsSetByOverrideAreChecked() {
        for (String path : FieldDomains.paths()) {
            if (!path.startsWith("sg.") || path.startsWith("sg.sleep.")) {
                continue;
            }
            FieldDomain d = FieldDomains.domain(path);
            String value = switch (d.kind()) {
                case REAL -> "NaN";
                case INTEGER -> "2.5";
                case BOOLEAN -> "maybe";
                default -> "no_such_choice";
            };
            ObjectNode tree = Configs.loadPreset("paper-sg");
            Configs.override(tree, path, value);
            ConfigException e = assertThrows(ConfigException.class, () -> Configs.bind(tree), path + "=" + value);
            assertTrue(e.getMessage().startsWith(path + " = "), e.getMessage());
        }
    }

    @Test
    void outOfRangeValuesSayWhatIsAllowed() {
        assertMessage("encoding.intensity", "-1", "encoding.intensity = -1: out of range; allowed: a finite number >= 0");
        // an int field's 2147483647 is its type's, no bound of the field's: left unsaid, unless the value passes it
        assertMessage("train.images", "99999999999",
                "train.images = 99999999999: out of range (above 2147483647, the most it holds); allowed: an integer >= 1");
        assertMessage("train.images", "0", "train.images = 0: out of range; allowed: an integer >= 1");
        assertMessage("seed", "9223372036854775808",
                "seed = 9223372036854775808: out of range (above 9223372036854775807, the most it holds); allowed: any "
                        + "integer");
        assertMessage("seed", "-9223372036854775809", "seed = -9223372036854775809: out of range (below "
                + "-9223372036854775808, the least it holds); allowed: any integer");
        assertMessage("sleep.fraction", "1.5", "sleep.fraction = 1.5: out of range; allowed: a finite number in [0, 1]");
        // a number as NumberText writes it, not Java's -5.0E-4
        assertMessage("projections.input_e.plasticity.eta", "-5e-4",
                "projections.input_e.plasticity.eta = -0.0005: out of range; allowed: a finite number >= 0");
        assertMessage("sleep.target_magnitude", "NaN", "sleep.target_magnitude = NaN: not a finite number");
        assertMessage("projections.input_e.plasticity.eta", "Infinity",
                "projections.input_e.plasticity.eta = Infinity: not a finite number");
        assertMessage("populations.e.params.v_threshold_mv", "NaN", "populations.e.params.v_threshold_mv = NaN");
        assertMessage("train", "5", "'train' is a section");
        assertMessage("sleep", "null", "'sleep' is a section and cannot be null");
        // a condition checked where the field is used (it needs simulation.dt_ms) is named with the range
        assertMessage("projections.e_e.delay_ms", "-2", "projections.e_e.delay_ms = -2: out of range; allowed: a finite "
                + "number > 0, a whole number of steps of simulation.dt_ms, shorter than a presentation (or null)");
    }

    private static void assertMessage(String key, String value, String expected) {
        ObjectNode tree = Configs.loadPreset("paper");
        Configs.override(tree, key, value);
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.bind(tree));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void anIntegralDecimalIsRecordedAsTheIntegerUsed() {
        ObjectNode tree = Configs.loadPreset("paper");
        Configs.override(tree, "train.images", "1e3");
        RunConfig c = Configs.bind(tree);
        assertEquals(1000, c.train().images());
        assertTrue(tree.get("train").get("images").isIntegralNumber(), tree.get("train").get("images").toString());
    }

    @Test
    void sgEnumsNameTheFieldAndTheChoices() {
        ObjectNode tree = Configs.loadPreset("paper-sg");
        Configs.override(tree, "sg.surrogate", "foo");
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.bind(tree));
        assertEquals("sg.surrogate = 'foo': not allowed; allowed: one of fast_sigmoid, arctan, sigmoid", e.getMessage());
        ObjectNode upper = Configs.loadPreset("paper-sg");
        Configs.override(upper, "sg.surrogate", "ARCTAN");
        Configs.bind(upper); // the SG enums ignore case, as their binder does
    }

    @Test
    void aDuplicatedKeyInAConfigurationFileIsAnErrorWithItsLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("mine.yaml");
        Files.writeString(file, Files.readString(Path.of(Configs.class.getResource("/io/somnus/presets/paper.yaml").toURI()))
                .replace("seed: 1\n", "seed: 1\nseed: 2\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.loadPreset(file.toString()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("line ")
                && e.getMessage().contains("'seed'"), e.getMessage());
    }

    @Test
    void aYamlSyntaxErrorGivesLineAndColumn(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("broken.yaml");
        Files.writeString(file, "model: stdp\ntrain:\n  images: [1,\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.loadPreset(file.toString()));
        assertTrue(e.getMessage().startsWith("configuration file " + file + ", line "), e.getMessage());
        assertTrue(e.getMessage().contains("column "), e.getMessage());
        ConfigException dir = assertThrows(ConfigException.class, () -> Configs.loadPreset(tmp.toString()));
        assertTrue(dir.getMessage().contains(tmp + " is a directory"), dir.getMessage());
    }

    /** Calls {@code leaf(schemaPath, userPath)} for every scalar field of a tree (list items by name). */
    private static void leaves(JsonNode node, String schema, String user, BiConsumer<String, String> leaf) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String s = schema.isEmpty() ? e.getKey() : schema + "." + e.getKey();
                String u = user.isEmpty() ? e.getKey() : user + "." + e.getKey();
                if (FieldDomains.domain(s) != null) {
                    leaf.accept(s, u);
                } else {
                    leaves(e.getValue(), s, u, leaf);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode item : a) {
                leaves(item, schema + ".*", user + "." + item.get("name").asText(), leaf);
            }
        }
    }
}
