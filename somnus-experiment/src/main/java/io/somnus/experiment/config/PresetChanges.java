package io.somnus.experiment.config;

import static io.somnus.experiment.config.Configs.PRESETS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A configuration file that changes a bundled preset ({@code preset: NAME}, no {@code model}): the preset with the
 * file's fields laid over it, named after the file. {@link Configs#loadPreset} reads the file; the layering is here.
 */
final class PresetChanges {
    private PresetChanges() { }

    /**
     * A configuration file without {@code model} that names a bundled {@code preset} is that preset with the file's
     * fields laid over it, as {@code --set} would lay them: sections merged field by field, list items (populations,
     * projections) by name, and an item given as {@code null} in a list written as a mapping by name
     * ({@code projections: {e_e: null}}) removed; a file with {@code model} is a whole configuration, as it always was.
     */
    static ObjectNode applied(ObjectNode file, Path source) {
        if (file.has("model") || !file.path("preset").isTextual()) {
            return file;
        }
        String base = file.get("preset").asText();
        if (!PRESETS.contains(base)) {
            throw new ConfigException("configuration file " + source + ": preset '" + base + "' is not a bundled preset "
                    + PRESETS + "; a file that changes a preset names one of them, a whole configuration gives 'model'");
        }
        if (file.has("base_preset")) {
            throw new ConfigException("configuration file " + source + ": base_preset is recorded, not written: the "
                    + "preset the file changes is its 'preset: " + base + "'; remove base_preset");
        }
        ObjectNode tree = Configs.loadPreset(base);
        if (!file.has("description")) { // the preset's would describe the published model, which the file changed
            tree.put("description", describedAsChanged(base, source, tree.path("description").asText(null)));
        }
        try {
            overlay(tree, file, "");
            requireNoneNamesTheRemoved(Configs.loadPreset(base), tree);
        } catch (ConfigException e) {
            throw new ConfigException("configuration file " + source + ": " + e.getMessage(), e);
        }
        return renamed(tree, changesName(source), base);
    }

    /**
     * The name a changes file's runs carry (run ids, labels, summaries): the file's name without {@code .yaml} or
     * {@code .yml}, so that they are not taken for the bundled preset's; {@code NAME-changed} where the file is named
     * as a bundled preset ({@code paper.yaml}).
     */
    static String changesName(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : List.of(".yaml", ".yml")) {
            if (lower.endsWith(ext) && name.length() > ext.length()) {
                name = name.substring(0, name.length() - ext.length());
                break;
            }
        }
        return PRESETS.contains(name) ? name + "-changed" : name;
    }

    /**
     * A changes file's description where it gives none: the preset changed by the file (its name alone, so the run's
     * configuration does not depend on where the file was given from), then the preset's own description.
     */
    static String describedAsChanged(String base, Path source, String baseDescription) {
        String file = source.getFileName() == null ? source.toString() : source.getFileName().toString();
        return "preset " + base + " as changed by " + file + (baseDescription == null ? ""
                : " (" + base + ": " + baseDescription + ")");
    }

    /** {@code tree} with {@code preset: name} and {@code base_preset: base} after {@code model}, the rest in order. */
    private static ObjectNode renamed(ObjectNode tree, String name, String base) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("model", tree.get("model"));
        out.put("preset", name);
        if (tree.has("description")) {
            out.set("description", tree.get("description"));
        }
        out.put("base_preset", base);
        tree.remove(List.of("model", "preset", "description", "base_preset"));
        out.setAll(tree);
        return out;
    }

    /**
     * Refuses a changed preset whose fields still name a population or projection the changes removed, listing each
     * field that does: the network's own check would name only the first, and not the removal that caused it.
     */
    private static void requireNoneNamesTheRemoved(ObjectNode preset, ObjectNode changed) {
        for (String list : FieldDomains.ITEM_LISTS) {
            List<String> kept = itemNames(changed.path(list) instanceof ArrayNode a ? a : JsonNodeFactory.instance.arrayNode());
            if (!(preset.path(list) instanceof ArrayNode before)) {
                continue;
            }
            for (String name : itemNames(before)) {
                List<String> at = kept.contains(name) ? List.of() : referencesTo(changed, list, name);
                if (!at.isEmpty()) {
                    throw new ConfigException(list + "." + name + " is removed, but " + String.join(", ", at)
                            + (at.size() == 1 ? " still names it" : " still name it") + "; change or remove "
                            + (at.size() == 1 ? "that" : "those") + " too");
                }
            }
        }
    }

    /** The fields of {@code tree} that name the item {@code name} of {@code list} (populations or projections). */
    private static List<String> referencesTo(ObjectNode tree, String list, String name) {
        List<String> at = new ArrayList<>();
        if (list.equals("populations")) {
            for (JsonNode p : tree.path("projections")) {
                for (String end : List.of("pre", "post")) {
                    if (name.equals(p.path(end).asText(null))) {
                        at.add("projections." + p.path("name").asText() + "." + end);
                    }
                }
            }
            for (JsonNode p : tree.path("populations")) {
                if (name.equals(p.path("size_of").asText(null))) {
                    at.add("populations." + p.path("name").asText() + ".size_of");
                }
            }
            if (name.equals(tree.path("readout").path("population").asText(null))) {
                at.add("readout.population");
            }
        } else {
            for (JsonNode p : tree.path("projections")) {
                if (name.equals(p.path("drop_reciprocal_of").asText(null))) {
                    at.add("projections." + p.path("name").asText() + ".drop_reciprocal_of");
                }
            }
            for (JsonNode p : tree.path("sleep").path("projections")) {
                if (name.equals(p.asText(null))) {
                    at.add("sleep.projections");
                }
            }
        }
        return at;
    }

    private static void overlay(ObjectNode base, ObjectNode over, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = Configs.join(path, e.getKey());
            JsonNode under = base.get(e.getKey());
            if (under instanceof ObjectNode u && e.getValue() instanceof ObjectNode o && !switchesKind(u, o)) {
                overlay(u, o, at);
            } else if (under instanceof ArrayNode u && e.getValue() instanceof ArrayNode o && named(o)) {
                for (JsonNode item : o) {
                    mergeItem(at, u, (ObjectNode) item);
                }
            } else if (under instanceof ArrayNode u && e.getValue() instanceof ObjectNode byName
                    && FieldDomains.ITEM_LISTS.contains(at)) {
                mergeByName(at, u, byName);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /** Lays {@code item} over the list's item of its name, or adds it as a new item. */
    private static void mergeItem(String list, ArrayNode items, ObjectNode item) {
        int k = indexOfName(items, item.get("name").asText());
        if (k >= 0 && items.get(k) instanceof ObjectNode target && !switchesKind(target, item)) {
            overlay(target, item, list + "." + item.get("name").asText());
        } else if (k >= 0) {
            items.set(k, item);
        } else {
            requireWhole(list, items, item);
            items.add(item);
        }
    }

    /**
     * A named list written as a mapping from item names ({@code projections: {e_e: null, e_i: {weight: 0.5}}}), as
     * {@code --set projections.e_e=null} addresses it: {@code null} removes the item, a mapping changes it (or adds it,
     * whole).
     */
    private static void mergeByName(String list, ArrayNode items, ObjectNode byName) {
        for (Iterator<Map.Entry<String, JsonNode>> it = byName.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (v == null || v.isNull()) {
                int k = indexOfName(items, name);
                if (k < 0) {
                    throw new ConfigException(list + "." + name + ": null removes an item, and the preset has no item "
                            + "named '" + name + "' (its items: " + String.join(", ", itemNames(items)) + ")");
                }
                items.remove(k);
            } else if (v instanceof ObjectNode fields && (!fields.has("name") || fields.get("name").asText().equals(name))) {
                ObjectNode item = JsonNodeFactory.instance.objectNode().put("name", name);
                item.setAll(fields);
                mergeItem(list, items, item);
            } else {
                throw new ConfigException(list + "." + name + " = " + v + ": not the item's fields; allowed: a mapping of "
                        + "its fields (whose name, if given, is '" + name + "'), or null to remove the item");
            }
        }
    }

    /**
     * A list item of a name the preset lacks is a new item, so it needs every field the preset's items all have;
     * otherwise it is most likely a misspelt name (e.g. {@code ee} for {@code e}), said so.
     */
    private static void requireWhole(String list, ArrayNode items, ObjectNode item) {
        if (items.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        items.get(0).fieldNames().forEachRemaining(missing::add);
        for (JsonNode other : items) {
            missing.removeIf(f -> !other.has(f));
        }
        missing.removeIf(item::has);
        if (!missing.isEmpty()) {
            throw new ConfigException(list + ": the preset has no item named '" + item.path("name").asText() + "' (its "
                    + "items: " + String.join(", ", itemNames(items)) + "); a new item needs all its fields, it lacks "
                    + missing);
        }
    }

    private static List<String> itemNames(ArrayNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(i -> names.add(i.path("name").asText()));
        return names;
    }

    /**
     * Whether a section names another rule or model than the preset's (a plasticity section's {@code rule}, a
     * population's {@code model}): it then replaces the preset's section whole, whose other fields belong to the old
     * one, as {@code --set section={...}} does.
     */
    private static boolean switchesKind(ObjectNode under, ObjectNode over) {
        for (String selector : List.of("rule", "model")) {
            if (over.has(selector) && !over.get(selector).equals(under.get(selector))) {
                return true;
            }
        }
        return false;
    }

    /** Whether every item of a list is a mapping with a name (populations, projections). */
    private static boolean named(ArrayNode list) {
        for (JsonNode item : list) {
            if (!(item instanceof ObjectNode) || !item.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** The index of the item named {@code name}; -1 where there is none (an index is not a name here). */
    private static int indexOfName(ArrayNode a, String name) {
        for (int k = 0; k < a.size(); k++) {
            if (a.get(k).path("name").isTextual() && a.get(k).get("name").asText().equals(name)) {
                return k;
            }
        }
        return -1;
    }
}
