package io.somnus.experiment.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.Mappers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
        if (!Configs.PRESETS.contains(preset) || !(run instanceof com.fasterxml.jackson.databind.node.ObjectNode o)) {
            return Optional.empty();
        }
        com.fasterxml.jackson.databind.node.ObjectNode asChanged = o.deepCopy();
        asChanged.put("preset", preset);
        if (asChanged.remove("base_preset") != null) {
            // a changes file's description says what it changed (Configs.describedAsChanged), which is no change of the model
            asChanged.set("description", Configs.loadPreset(preset).get("description"));
        }
        return Optional.of(new FromPreset(preset, of(Configs.loadPreset(preset), asChanged)));
    }

    /** "seed: 1 → 2", one line per differing leaf, in the preset's order; "(absent)" where one side lacks it. */
    public static List<String> of(JsonNode preset, JsonNode config) {
        List<String> out = new ArrayList<>();
        walk("", preset, config, out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                walk(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
        } else if (a != null && b != null && FieldDomains.ITEM_LISTS.contains(path) && a.isArray() && b.isArray()) {
            Set<String> names = new LinkedHashSet<>();
            names(a).forEachRemaining(names::add);
            names(b).forEachRemaining(names::add);
            for (String n : names) {
                if (item(b, n) == null) {
                    out.add(path + "." + n + ": removed"); // its fields are the preset's: inspect PRESET shows them
                } else {
                    walk(path + "." + n, item(a, n), item(b, n), out);
                }
            }
        } else if (a == null || b == null || !a.equals(b)) {
            out.add(path + ": " + text(a) + " → " + text(b));
        }
    }

    private static Iterator<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(i -> names.add(i.path("name").asText()));
        return names.iterator();
    }

    private static JsonNode item(JsonNode list, String name) {
        for (JsonNode i : list) {
            if (i.path("name").asText().equals(name)) {
                return i;
            }
        }
        return null;
    }

    private static String text(JsonNode v) {
        return v == null ? "(absent)" : v.isTextual() ? v.asText() : v.toString();
    }
}
