package io.somnus.experiment.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.run.StandardResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigsTest {

    private static ProjectionConfig projection(RunConfig c, String name) {
        return ((StdpRunConfig) c).projections().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyBundledPresetBindsAndValidates() {
        for (String preset : Configs.PRESETS) {
            ObjectNode tree = Configs.loadPreset(preset);
            RunConfig c = Configs.bind(tree);
            Validation.check(c);
        }
        RunConfig paper = Configs.bind(Configs.loadPreset("paper"));
        assertEquals(ModelKind.STDP, paper.model());
    }

    @Test
    void aPresetsTextIsTheFileItIsReadFromWithItsComments() throws Exception {
        for (String preset : Configs.PRESETS) {
            String text = Configs.presetText(preset);
            assertEquals(Configs.loadPreset(preset), Mappers.YAML.readTree(text), preset);
            assertTrue(text.lines().anyMatch(l -> l.contains(" # ")), preset + " has comments");
        }
        assertTrue(assertThrows(ConfigException.class, () -> Configs.presetText("papper")).getMessage()
                .contains("unknown preset 'papper'"));
    }

    /** A YAML file's name that names no file is said to be missing, not called an unknown preset. */
    @Test
    void aMissingYamlFileIsNamedAsAFileNotAPreset(@TempDir Path tmp) {
        for (String missing : List.of("mine.yaml", "mine.YML", tmp.resolve("none").toString())) {
            String message = assertThrows(ConfigException.class, () -> Configs.loadPreset(missing)).getMessage();
            assertTrue(message.startsWith("configuration file " + missing + " does not exist (looked for in "), message);
        }
        assertTrue(assertThrows(ConfigException.class, () -> Configs.loadPreset("papper")).getMessage()
                .startsWith("unknown preset 'papper': use one of"));
    }

    @Test
    void overrideOfListItemByName() {
        ObjectNode tree = Configs.loadPreset("paper");
        double before = projection(Configs.bind(tree), "e_i").weight();
        assertTrue(before != 0.3);
        double inputBefore = projection(Configs.bind(tree), "input_e").weight();
        Configs.override(tree, "projections.e_i.weight", "0.3");
        RunConfig c = Configs.bind(tree);
        assertEquals(0.3, projection(c, "e_i").weight(), 0);
        assertEquals(inputBefore, projection(c, "input_e").weight(), 0, "other items untouched");
        Validation.check(c);
        // an item replaced by a section without its name would lose its other fields: refused, saying how
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.override(tree, "projections.input_e",
                Map.of("weight", 0.5)));
        assertTrue(e.getMessage().contains("projections.input_e: a list item is replaced whole, and this value is not a "
                + "whole item named 'input_e'; set its fields one by one (projections.input_e.FIELD=…)"), e.getMessage());
    }

    @Test
    void unknownFieldNamesTheField() {
        ObjectNode tree = Configs.loadPreset("paper");
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.override(tree, "train.bogus_field", "1"));
        assertTrue(e.getMessage().contains("train.bogus_field"), e.getMessage());
        ConfigException e2 = assertThrows(ConfigException.class,
                () -> Configs.override(tree, "projections.no_such.weight", "1"));
        assertTrue(e2.getMessage().contains("projections.no_such.weight"), e2.getMessage());

        ObjectNode tree2 = Configs.loadPreset("paper");
        ((ObjectNode) tree2.get("train")).put("bogus_field", 1);
        ConfigException e3 = assertThrows(ConfigException.class, () -> Configs.bind(tree2));
        assertTrue(e3.getMessage().contains("bogus_field"), e3.getMessage());
    }

    @Test
    void wrongTypeNamesTheField() {
        ObjectNode tree = Configs.loadPreset("paper");
        Configs.override(tree, "train.images", "abc");
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.bind(tree));
        assertTrue(e.getMessage().contains("train.images"), e.getMessage());
        assertTrue(e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void badPresetListsThePresets() {
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.loadPreset("no-such-preset"));
        assertTrue(e.getMessage().contains("no-such-preset"), e.getMessage());
        for (String p : Configs.PRESETS) {
            assertTrue(e.getMessage().contains(p), "lists " + p + ": " + e.getMessage());
        }
    }

    /**
     * A short file naming a preset and a few fields is the preset with those fields changed, list items by name; the
     * same as --set gives, and a typo in it is named as in --set.
     */
    @Test
    void aFileThatNamesAPresetChangesOnlyWhatItGives(@TempDir Path tmp)
            throws Exception {
        Path mine = Files.writeString(tmp.resolve("mine.yaml"), """
                preset: paper
                train:
                  images: 123
                populations:
                  - name: e
                    size: 50
                """);
        ObjectNode fromFile = Configs.resolveTree(Map.of("preset", mine.toString()));
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("preset", "paper");
        sets.put("train.images", 123);
        sets.put("populations.e.size", 50);
        ObjectNode bySet = Configs.resolveTree(sets);
        assertEquals("mine", fromFile.get("preset").asText(), "named after the file");
        assertEquals("paper", fromFile.get("base_preset").asText());
        bySet.put("preset", "mine");
        bySet.put("description", fromFile.get("description").asText()); // the preset as changed by mine.yaml
        bySet.put("base_preset", "paper");
        assertEquals(bySet, fromFile);
        assertEquals(50, fromFile.at("/populations/1/size").asInt(), "i keeps the preset's size");
        Configs.bind(fromFile, StdpRunConfig.class);

        Path typo = Files.writeString(tmp.resolve("typo.yaml"),
                "preset: paper\ntrain:\n  imagse: 5\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Configs.bind(Configs.resolveTree(Map.of("preset", typo.toString())), StdpRunConfig.class));
        assertTrue(e.getMessage().contains("imagse"), e.getMessage());
        // a section naming another rule replaces the preset's whole, as --set section={...} does
        Path triplet = Files.writeString(tmp.resolve("triplet.yaml"), """
                preset: paper
                projections:
                  - name: e_e
                    plasticity: {rule: triplet, nu_pre: 1.0e-4, nu_post: 1.0e-2, tau_pre_ms: 20.0, tau_post1_ms: 20.0,
                                 tau_post2_ms: 40.0, traces: euler}
                """);
        StdpRunConfig switched = Configs.bind(Configs.resolveTree(Map.of("preset", triplet.toString())),
                StdpRunConfig.class);
        assertTrue(switched.projections().stream().filter(p -> p.name().equals("e_e")).findFirst().orElseThrow()
                .plasticity() instanceof TripletConfig);
        // a misspelt item name is not taken for a new item
        Path misspelt = Files.writeString(tmp.resolve("misspelt.yaml"),
                "preset: paper\npopulations:\n  - name: ee\n    size: 100\n");
        e = assertThrows(ConfigException.class, () -> Configs.loadPreset(misspelt.toString()));
        assertTrue(e.getMessage().contains("populations: the preset has no item named 'ee' (its items: e, i)"),
                e.getMessage());
        Path unknown = Files.writeString(tmp.resolve("unknown.yaml"), "preset: papper\n");
        e = assertThrows(ConfigException.class, () -> Configs.loadPreset(unknown.toString()));
        assertTrue(e.getMessage().contains("preset 'papper' is not a bundled preset"), e.getMessage());
    }

    /**
     * A changes file removes a preset's population or projection given as null in the list written as a mapping by
     * name, as --set projections.e_e=null does; a mapping there changes an item as the list form does.
     */
    @Test
    void aChangesFileRemovesAnItemGivenAsNullAsSetDoes(@TempDir Path tmp)
            throws Exception {
        Path ff = Files.writeString(tmp.resolve("ff.yaml"), """
                preset: paper
                projections:
                  e_e: null            # a feed-forward paper
                  e_i: {weight: 0.5}
                """);
        ObjectNode fromFile = Configs.loadPreset(ff.toString());
        StdpRunConfig c = Configs.bind(fromFile, StdpRunConfig.class);
        assertEquals(List.of("input_e", "e_i", "i_e"), c.projections().stream().map(ProjectionConfig::name).toList());
        assertEquals(0.5, projection(c, "e_i").weight());
        ObjectNode bySet = Configs.loadPreset("paper");
        Configs.override(bySet, "projections.e_e", "null");
        Configs.override(bySet, "projections.e_i.weight", "0.5");
        assertEquals(List.of("projections.e_e: removed", "projections.e_i.weight: 0.4 → 0.5"),
                ConfigDifferences.of(Configs.loadPreset("paper"), bySet));
        // the names and description: a changes file's runs are named after it and say they are the preset changed
        fromFile.remove(List.of("preset", "base_preset", "description"));
        bySet.remove(List.of("preset", "base_preset", "description"));
        assertEquals(bySet, fromFile);
    }

    /** A removal that leaves a field naming the removed item is refused in the file, listing every such field. */
    @Test
    void aRemovalThatLeavesAReferenceIsRefusedNamingTheFileAndEveryReference(
            @TempDir Path tmp) throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("preset: paper\npopulations: {i: null}\n",
                "populations.i is removed, but projections.e_i.post, projections.i_e.pre still name it");
        cases.put("preset: paper\npopulations: {e: null}\n", "projections.input_e.post, projections.e_e.pre, "
                + "projections.e_e.post, projections.e_i.pre, projections.i_e.post, readout.population still name it");
        cases.put("preset: paper\nprojections: {e_e: null}\nsleep: {projections: [e_e]}\n",
                "projections.e_e is removed, but sleep.projections still names it; change or remove that too");
        cases.put("preset: paper-code\nprojections: {e_i: null}\n",
                "projections.e_i is removed, but projections.i_e.drop_reciprocal_of still names it");
        cases.put("preset: diehl-cook\npopulations: {e: null}\n", "populations.i.size_of");
        cases.put("preset: paper\nprojections: {e_x: null}\n", "projections.e_x: null removes an item, and the "
                + "preset has no item named 'e_x' (its items: input_e, e_e, e_i, i_e)");
        cases.put("preset: paper\nprojections: {e_e: 3}\n", "projections.e_e = 3: not the item's fields; allowed: "
                + "a mapping of its fields (whose name, if given, is 'e_e'), or null to remove the item");
        int k = 0;
        for (Map.Entry<String, String> e : cases.entrySet()) {
            Path file = Files.writeString(tmp.resolve("c" + k++ + ".yaml"), e.getKey());
            ConfigException x = assertThrows(ConfigException.class, () -> Configs.loadPreset(file.toString()), e.getKey());
            assertTrue(x.getMessage().startsWith("configuration file " + file + ": "), x.getMessage());
            assertTrue(x.getMessage().contains(e.getValue()), x.getMessage());
        }
        // removing the references too is a network of its own: a paper without inhibition
        Path noI = Files.writeString(tmp.resolve("no-i.yaml"),
                "preset: paper\npopulations: {i: null}\nprojections: {e_i: null, i_e: null}\n");
        assertEquals(List.of("input_e", "e_e"), Configs.bind(Configs.loadPreset(noI.toString()), StdpRunConfig.class)
                .projections().stream().map(ProjectionConfig::name).toList());
    }

    /**
     * A changes file's runs are named after the file, without .yaml (a bundled preset's name gets -changed), not as
     * the preset it changes; the preset is recorded as base_preset, and the run's changes are listed against it.
     */
    @Test
    void aChangesFileIsNamedAfterItselfAndItsChangesAreListedAgainstItsPreset(
            @TempDir Path tmp) throws Exception {
        assertEquals("deep", PresetChanges.changesName(Path.of("studies", "deep.yaml")));
        assertEquals("deep", PresetChanges.changesName(Path.of("deep.YML")));
        assertEquals("sg-fc-changed", PresetChanges.changesName(Path.of("sg-fc.yaml")));
        Path deep = Files.writeString(tmp.resolve("deep.yaml"),
                "preset: sg-fc\nsg: {depth: 2, hidden: 64}\n");
        ObjectNode tree = Configs.loadPreset(deep.toString());
        RunConfig c = Configs.bind(tree);
        assertEquals("deep", c.preset());
        assertEquals("sg-fc", c.basePreset());
        assertEquals(List.of("model", "preset", "description", "base_preset", "seed"),
                StreamSupport.stream(((Iterable<String>) tree::fieldNames).spliterator(), false)
                        .limit(5).toList());
        Path config = Files.writeString(tmp.resolve("config.yaml"), Configs.toYaml(tree));
        ConfigDifferences.FromPreset d = ConfigDifferences.ofRun(config).orElseThrow();
        assertEquals("sg-fc", d.preset());
        assertEquals(List.of("sg.hidden: 200 → 64", "sg.depth: 1 → 2"), d.changes());
        // the run's config.yaml given as --preset is a whole configuration: the same name and base again
        RunConfig again = Configs.bind(Configs.loadPreset(config.toString()));
        assertEquals("deep", again.preset());
        assertEquals("sg-fc", again.basePreset());
        assertEquals(null, Configs.bind(Configs.loadPreset("sg-fc")).basePreset());
    }

    /**
     * A changes file's run does not describe itself as the published model: without a description of its own it is
     * the preset as changed by the file (named by its file name alone, wherever it was given from), followed by the
     * preset's description; with one, the file's. Neither is listed as a change against the preset.
     */
    @Test
    void aChangesFileDescribesItselfAsThePresetItChanged(@TempDir Path tmp)
            throws Exception {
        String paper = Configs.loadPreset("paper").get("description").asText();
        Path ff = Files.writeString(tmp.resolve("ff.yaml"),
                "preset: paper\nprojections: {e_e: null}\n");
        ObjectNode tree = Configs.loadPreset(ff.toString());
        assertEquals("preset paper as changed by ff.yaml (paper: " + paper + ")", tree.get("description").asText());
        Path own = Files.writeString(tmp.resolve("own.yaml"),
                "preset: paper\ndescription: paper without recurrent excitation\nprojections: {e_e: null}\n");
        assertEquals("paper without recurrent excitation", Configs.loadPreset(own.toString()).get("description").asText());
        Path config = Files.writeString(tmp.resolve("config.yaml"), Configs.toYaml(tree));
        assertEquals(List.of("projections.e_e: removed"), ConfigDifferences.ofRun(config).orElseThrow().changes());
    }

    /**
     * base_preset is recorded, not written: a changes file or --set that gives it is refused, named, and the top
     * level's allowed fields in an unknown field's error leave it out; a whole configuration (a run's config.yaml)
     * holding it is read as before.
     */
    @Test
    void basePresetIsRecordedNotWritten(@TempDir Path tmp) throws Exception {
        Path bp = Files.writeString(tmp.resolve("bp.yaml"),
                "preset: paper\nbase_preset: diehl-cook\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.loadPreset(bp.toString()));
        assertTrue(e.getMessage().startsWith("configuration file " + bp + ": base_preset is recorded, not written"),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> new StandardResolver().resolve(
                Map.of("preset", "paper", "base_preset", "sg-fc")));
        assertTrue(e.getMessage().startsWith("configuration field 'base_preset' is recorded, not set"), e.getMessage());
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "preset: paper\nbogus: 1\n");
        e = assertThrows(ConfigException.class, () -> new StandardResolver().resolve(Map.of("preset", bad.toString())));
        assertTrue(e.getMessage().contains("allowed at the top level") && e.getMessage().contains("description, seed"),
                e.getMessage());
        assertFalse(e.getMessage().contains("base_preset"), e.getMessage());
        Path ff = Files.writeString(tmp.resolve("ff.yaml"), "preset: paper\n");
        e = assertThrows(ConfigException.class, () -> new StandardResolver().resolve(
                Map.of("preset", ff.toString(), "bogus", "1")));
        assertTrue(e.getMessage().contains("known at the top level"), e.getMessage());
        assertFalse(e.getMessage().contains("base_preset"), e.getMessage());
        Path config = Files.writeString(tmp.resolve("config.yaml"),
                Configs.toYaml(Configs.loadPreset(ff.toString())));
        assertEquals("paper", Configs.bind(Configs.loadPreset(config.toString())).basePreset());
    }

    /**
     * A YAML error says what is wrong, not only what the parser was in ("while parsing a block mapping"); a line
     * indented unlike its neighbours is named as the likely cause.
     */
    @Test
    void aMisindentedLineIsSaidToBeOne(@TempDir Path tmp) throws Exception {
        Path outdented = Files.writeString(tmp.resolve("out.yaml"),
                "preset: paper\ntrain:\n  images: 100\n test_images: 50\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.loadPreset(outdented.toString()));
        assertEquals("configuration file " + outdented + ", line 4, column 2: not valid YAML: expected <block end>, "
                + "but found '<block mapping start>' (while parsing a block mapping); "
                + "is a line indented unlike the fields beside it?", e.getMessage());
        Path indented = Files.writeString(tmp.resolve("in.yaml"),
                "preset: paper\ntrain:\n  images: 100\n    test_images: 50\n");
        e = assertThrows(ConfigException.class, () -> Configs.loadPreset(indented.toString()));
        assertTrue(e.getMessage().endsWith("line 4, column 16: not valid YAML: mapping values are not allowed here; is "
                + "a line indented unlike the fields beside it?"), e.getMessage());
    }
}
