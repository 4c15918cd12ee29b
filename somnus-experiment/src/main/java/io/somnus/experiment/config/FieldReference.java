package io.somnus.experiment.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.core.NumberText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every configuration field as a Markdown table, made from what the code checks ({@link FieldDomains}: the models
 * and rules that have it, the values allowed) and what the bundled presets set it to. docs/fields.md is this text
 * ({@code somnus inspect --fields}); a test keeps the two the same, so the reference cannot drift from the code.
 */
public final class FieldReference {
    /** Fields whose value names or describes the preset itself: listing them would repeat the preset names. */
    private static final List<String> IDENTITY = List.of("preset", "description");

    private FieldReference() { }

    /**
     * The Markdown text of docs/fields.md: one table row per configuration field, with its domain, the models and rules
     * that read it, and each bundled preset's value; reads the presets from the class path.
     */
    public static String markdown() {
        Map<String, JsonNode> presets = new LinkedHashMap<>();
        for (String p : Configs.PRESETS) {
            presets.put(p, Configs.loadPreset(p));
        }
        StringBuilder b = new StringBuilder();
        b.append("# Configuration fields\n\n")
                .append("Every field a configuration may hold, as `somnus inspect --fields` prints it from the checks the code\n")
                .append("runs (`FieldDomains`) and the bundled presets; a test keeps this file equal to that output. `*` is an\n")
                .append("item of the `populations` or `projections` list, addressed by its `name` in `--set`\n")
                .append("(`projections.input_e.weight`). *For*: the model (and plasticity rule) whose configurations have the\n")
                .append("field; a field of another one is refused. *Optional*: the field may be left out. The presets' values\n")
                .append("are those of list paths' items taken together; `somnus inspect PRESET` shows a preset's file with the\n")
                .append("comments that explain its values, and docs/configuration.md how the fields bind to typed records.\n\n")
                .append("| field | for | allowed | the presets' values |\n|---|---|---|---|\n");
        for (String path : FieldDomains.FIELDS.keySet()) {
            FieldDomain d = FieldDomains.FIELDS.get(path);
            String scope = FieldDomains.WHEN.getOrDefault(path, List.of()).stream()
                    .map(FieldDomains.Variant::words)
                    .collect(Collectors.joining(", "));
            b.append("| `").append(path).append("` | ").append(scope.isEmpty() ? "every model" : scope).append(" | ")
                    .append(d.allowed().replace("|", "\\|")).append(d.optional() ? " (optional)" : "").append(" | ")
                    .append(IDENTITY.contains(path) ? "each preset its own" : presetValues(path, presets)).append(" |\n");
        }
        return b.toString();
    }

    /** "`35000`: paper, paper-code · `0`: sg-fc"; "" when no preset sets the field. */
    private static String presetValues(String path, Map<String, JsonNode> presets) {
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : presets.entrySet()) {
            List<String> values = new ArrayList<>();
            collect(p.getValue(), path, path.split("\\."), 0, values);
            if (!values.isEmpty()) {
                String shown = values.stream().distinct().collect(Collectors.joining(", "));
                byValue.computeIfAbsent(shown, k -> new ArrayList<>()).add(p.getKey());
            }
        }
        return byValue.entrySet().stream()
                .map(e -> "`" + e.getKey().replace("|", "\\|") + "`: " + String.join(", ", e.getValue()))
                .collect(Collectors.joining(" · "));
    }

    /**
     * The values at {@code path} ({@code schema} split at its dots) from {@code node}; {@code *} walks every item of a
     * list whose discriminator (a population's {@code model}) admits the field.
     */
    private static void collect(JsonNode node, String schema, String[] path, int i, List<String> out) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (i == path.length) {
            out.add(node.isTextual() ? node.asText()
                    : node.isFloatingPointNumber() ? NumberText.of(node.doubleValue()) : node.toString());
            return;
        }
        if (path[i].equals("*")) {
            if (node.isArray()) {
                String item = String.join(".", Arrays.copyOf(path, i + 1)) + ".";
                for (JsonNode it : node) {
                    if (admits(it, item, schema)) {
                        collect(it, schema, path, i + 1, out);
                    }
                }
            }
            return;
        }
        if (node.isObject() && node.has(path[i])) {
            collect(node.get(path[i]), schema, path, i + 1, out);
        }
    }

    /** Whether list item {@code node} (at schema path {@code item}, ending in {@code *.}) has {@code schema}'s variant. */
    private static boolean admits(JsonNode node, String item, String schema) {
        for (FieldDomains.Variant v : FieldDomains.WHEN.getOrDefault(schema, List.of())) {
            String rest = v.path().startsWith(item) ? v.path().substring(item.length()) : null;
            if (rest != null && !rest.contains(".") && node.has(rest) && !v.admits(node.get(rest).asText())) {
                return false;
            }
        }
        return true;
    }
}
