package io.somnus.experiment.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.TreeDifferences;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The fields in which a run's resolved configuration differs from its preset, as a user would have set them with
 * {@code --set}: dotted paths, list items by name ({@code projections.e_e.weight}), e.g. what a sweep's grid changed.
 */
public final class ConfigDifferences {
    private ConfigDifferences() { }

    /**
     * A run's changes from its bundled preset.
     *
     * @param preset  the bundled preset the run's configuration names
     * @param changes one line per differing field, {@code "seed: 1 → 2"} ({@code (absent)} where one side lacks it;
     *                {@code "projections.e_e: removed"} for a population or projection the run lacks), in the
     *                preset's order
     */
    public record FromPreset(String preset, List<String> changes) { }

    /**
     * What a run's {@code config.yaml} changed from its bundled preset (its {@code base_preset}, where a changes file
     * named the run after itself, else its {@code preset}); empty when its preset is a whole YAML file of the user's
     * (no bundled preset to compare with).
     *
     * @throws FileFormatException when the file is not YAML, naming it
     */
    public static Optional<FromPreset> ofRun(Path configYaml) throws IOException {
        JsonNode run;
        try {
            run = Mappers.YAML.readTree(configYaml.toFile());
        } catch (JacksonException e) {
            throw new FileFormatException("cannot read " + configYaml + ": " + e.getOriginalMessage(), e);
        }
        // a changes file's run is named after the file and records the preset it changed
        String preset = run.path("base_preset").isTextual() ? run.get("base_preset").asText() : run.path("preset").asText();
        if (!Configs.PRESETS.contains(preset) || !(run instanceof ObjectNode o)) {
            return Optional.empty();
        }
        ObjectNode asChanged = o.deepCopy();
        asChanged.put("preset", preset);
        if (asChanged.remove("base_preset") != null) {
            // a changes file's description says what it changed (PresetChanges.describedAsChanged), which is no change of the model
            asChanged.set("description", Configs.loadPreset(preset).get("description"));
        }
        return Optional.of(new FromPreset(preset, of(Configs.loadPreset(preset), asChanged)));
    }

    /** "seed: 1 → 2", one line per differing leaf, in the preset's order; "(absent)" where one side lacks it. */
    public static List<String> of(JsonNode preset, JsonNode config) {
        return between(preset, config).stream().map(TreeDifferences.Difference::toString).toList();
    }

    /**
     * The fields in which configuration {@code b} differs from {@code a}, in {@code a}'s order: dotted names, list items
     * by name ({@code projections.e_e.weight}), as {@code --set} addresses them.
     */
    public static List<TreeDifferences.Difference> between(JsonNode a, JsonNode b) {
        return TreeDifferences.of(a, b, FieldDomains.ITEM_LISTS);
    }
}
