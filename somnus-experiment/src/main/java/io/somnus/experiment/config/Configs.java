package io.somnus.experiment.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.core.NumberText;
import io.somnus.experiment.io.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Loads presets, applies dotted overrides, and binds the result to {@link RunConfig} with clear errors. */
public final class Configs {
    /** The bundled presets' names ({@code somnus inspect NAME} shows one). */
    public static final List<String> PRESETS = List.of("paper", "paper-code", "diehl-cook", "diehl-cook-recurrent", "paper-sg", "paper-sg-code", "sg-fc");

    /** The bundled presets parsed so far (they cannot change in a JVM); every caller gets its own copy. */
    private static final Map<String, ObjectNode> BUNDLED = new ConcurrentHashMap<>();

    private Configs() { }

    /**
     * A bundled preset's file as written, with the comments that say why each value is what it is (a parsed tree
     * has lost them).
     *
     * @throws ConfigException when {@code name} is not one of {@link #PRESETS}
     */
    public static String presetText(String name) {
        if (!PRESETS.contains(name)) {
            throw new ConfigException("unknown preset '" + name + "': use one of " + PRESETS);
        }
        try (InputStream in = Configs.class.getResourceAsStream(presetResource(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read bundled preset " + name + ": " + e.getMessage(), e);
        }
    }

    private static String presetResource(String name) {
        return "/io/somnus/presets/" + name + ".yaml";
    }

    /**
     * A preset by name (bundled) or by path to a YAML file; a file that changes a bundled preset is that preset with
     * the file laid over it ({@code PresetChanges}).
     */
    public static ObjectNode loadPreset(String nameOrPath) {
        ObjectNode bundled = BUNDLED.get(nameOrPath);
        if (bundled != null) {
            return bundled.deepCopy();
        }
        String resource = presetResource(nameOrPath);
        try (InputStream in = Configs.class.getResourceAsStream(resource)) {
            if (in != null) {
                ObjectNode tree = asObject(Mappers.YAML.readTree(in), "preset " + nameOrPath);
                BUNDLED.putIfAbsent(nameOrPath, tree.deepCopy());
                return tree;
            }
        } catch (JacksonException e) {
            throw new ConfigException(yamlError("bundled preset " + nameOrPath, e), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read bundled preset " + nameOrPath + ": " + e.getMessage(), e);
        }
        Path file = Path.of(nameOrPath);
        if (Files.isDirectory(file)) {
            throw new ConfigException("configuration file " + file + " is a directory; give a preset (" + String.join(", ", PRESETS)
                    + ") or the path of a YAML file");
        }
        if (Files.isRegularFile(file)) {
            try {
                return PresetChanges.applied(asObject(Mappers.YAML.readTree(file.toFile()), "configuration file " + file),
                        file);
            } catch (JacksonException e) {
                throw new ConfigException(yamlError("configuration file " + file, e), e);
            } catch (IOException e) {
                throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
            }
        }
        String lower = nameOrPath.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml") || nameOrPath.contains(file.getFileSystem().getSeparator())) {
            // a file's name, not a preset's: "unknown preset 'mine.yaml'" sent its author looking at the presets
            throw new ConfigException("configuration file " + file + " does not exist (looked for in "
                    + file.toAbsolutePath().getParent() + "); give the path of a YAML file or a preset (" + String.join(", ",
                    PRESETS) + ")");
        }
        throw new ConfigException("unknown preset '" + nameOrPath + "': use one of " + PRESETS + " or the path of a YAML file");
    }

    private static ObjectNode asObject(JsonNode n, String source) {
        if (!(n instanceof ObjectNode o)) {
            throw new ConfigException(source + " must be a mapping of fields, got "
                    + (n == null || n.isMissingNode() ? "an empty file" : n.getNodeType().toString().toLowerCase()));
        }
        return o;
    }

    /** "SOURCE, line L, column C: not valid YAML: WHY" (a duplicated key is a YAML error too). */
    static String yamlError(String source, JacksonException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 0 ? "" : ", line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return source + where + ": not valid YAML: " + yamlProblem(e.getOriginalMessage());
    }

    /**
     * The parser's problem, then what it was parsing: SnakeYAML puts that context first ("while parsing a block
     * mapping"), which alone says nothing of what is wrong; a line indented unlike its neighbours is named so.
     */
    private static String yamlProblem(String message) {
        if (message == null) {
            return "";
        }
        List<String> said = new ArrayList<>(); // the lines of words; the marks and the quoted source are indented
        for (String line : message.split("\n")) {
            if (!line.isBlank() && !line.startsWith(" ")) {
                said.add(line.strip());
            }
        }
        if (said.isEmpty()) {
            return firstLine(message);
        }
        String problem = said.get(said.size() - 1);
        String context = said.size() > 1 && said.get(0).startsWith("while ") ? " (" + said.get(0) + ")" : "";
        String hint = problem.startsWith("expected <block end>") || problem.startsWith("mapping values are not allowed")
                ? "; is a line indented unlike the fields beside it?" : "";
        return problem + context + hint;
    }

    /**
     * Sets {@code dotted.key} to {@code rawValue} (parsed as a YAML scalar or flow list) in {@code tree}.
     * Path segments address object fields, list items by their {@code name}, or list items by index.
     */
    public static void override(ObjectNode tree, String dottedKey, Object value) {
        JsonNode parsed = settingValue(value);
        String[] parts = dottedKey.split("\\.");
        JsonNode node = tree;
        StringBuilder walked = new StringBuilder();
        StringBuilder schema = new StringBuilder(); // the path with list items as '*', as FieldDomains declares it
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            JsonNode next = child(node, part);
            if (next == null || next.isNull()) {
                throw unknown(dottedKey, walked.toString(), node, node instanceof ObjectNode ? join(schema, part) : null,
                        optionalAbsent(tree, schema.toString(), node));
            }
            if (walked.length() > 0) {
                walked.append('.');
                schema.append('.');
            }
            walked.append(part);
            schema.append(node instanceof ArrayNode ? "*" : part);
            node = next;
        }
        String last = parts[parts.length - 1];
        if (node instanceof ObjectNode o) {
            String fieldSchema = schema.length() == 0 ? last : schema + "." + last;
            if (!o.has(last) && !isOpenSection(walked.toString()) && !FieldDomains.isOptionalField(fieldSchema)) {
                throw unknown(dottedKey, walked.toString(), node, fieldSchema, optionalAbsent(tree, schema.toString(), node));
            }
            o.set(last, parsed);
        } else if (node instanceof ArrayNode a) {
            int idx = indexOf(a, last);
            if (idx < 0) {
                throw unknown(dottedKey, walked.toString(), node, null, List.of());
            }
            if ((parsed == null || parsed.isNull()) && a.get(idx).has("name")) {
                a.remove(idx); // projections.e_e=null: the item is removed, as a changes file's {e_e: null}
                return;
            }
            if (a.get(idx).has("name") && !parsed.path("name").asText().equals(a.get(idx).path("name").asText())) {
                // a named item replaced by a section without its name loses every field it does not give
                throw new ConfigException(dottedKey + ": a list item is replaced whole, and this value is not a whole "
                        + "item named '" + a.get(idx).path("name").asText() + "'; set its fields one by one ("
                        + dottedKey + ".FIELD=…)");
            }
            a.set(idx, parsed);
        } else {
            throw new ConfigException("cannot set " + dottedKey + ": " + walked + " is a value, not a section");
        }
    }

    /** Neuron {@code params}: their keys are checked by the neuron model they configure. */
    private static boolean isOpenSection(String path) {
        return path.endsWith(".params");
    }

    /**
     * The value at a dotted key, as {@code --set} names it (list items by name); null where the tree has none.
     */
    public static JsonNode valueAt(JsonNode tree, String dottedKey) {
        JsonNode node = tree;
        for (String part : dottedKey.split("\\.")) {
            node = child(node, part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode child(JsonNode node, String part) {
        if (node instanceof ObjectNode o) {
            return o.get(part);
        }
        if (node instanceof ArrayNode a) {
            int idx = indexOf(a, part);
            return idx < 0 ? null : a.get(idx);
        }
        return null;
    }

    private static int indexOf(ArrayNode a, String part) {
        for (int k = 0; k < a.size(); k++) {
            JsonNode item = a.get(k);
            if (item.has("name") && item.get("name").asText().equals(part)) {
                return k;
            }
        }
        if (part.matches("\\d+") && Integer.parseInt(part) < a.size()) {
            return Integer.parseInt(part);
        }
        return -1;
    }

    /** {@code a.b}, or {@code b} where {@code a} is empty: a dotted key one part deeper. */
    static String join(CharSequence a, String b) {
        return a.length() == 0 ? b : a + "." + b;
    }

    private static final Pattern UNKNOWN_FIELD = Pattern.compile("^unknown configuration field '([^']+)'");

    /**
     * The field a message of an unknown field names ({@code unknown configuration field 'x.y'; known …}, as resolving or
     * binding a configuration reports it); null for any other message.
     */
    public static String unknownField(String message) {
        Matcher m = UNKNOWN_FIELD.matcher(message == null ? "" : message);
        return m.find() ? m.group(1) : null;
    }

    /**
     * The optional fields of the section {@code at} (schema path {@code section}) that it leaves out and the
     * configuration's model has ({@code sg.epochs}): known, though not in the tree.
     */
    private static List<String> optionalAbsent(ObjectNode tree, String section, JsonNode at) {
        if (!(at instanceof ObjectNode o)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String child : FieldDomains.childrenOf(section, Map.of("model", tree.path("model").asText()))) {
            if (!o.has(child) && FieldDomains.isOptionalField(join(section, child))) {
                out.add(child);
            }
        }
        return out;
    }

    /**
     * @param schema the unknown field's schema path, to say which model or rule has it; null for a list item
     * @param absent the section's optional fields that it leaves out, known too
     */
    private static ConfigException unknown(String key, String walked, JsonNode at, String schema, List<String> absent) {
        List<String> known = new ArrayList<>();
        if (at instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(known::add);
            known.addAll(absent);
        } else if (at instanceof ArrayNode a) {
            for (JsonNode item : a) {
                known.add(item.has("name") ? item.get("name").asText() : "?");
            }
        }
        String where = walked.isEmpty() ? "at the top level" : "under " + walked;
        return new ConfigException("unknown configuration field '" + key + "'; known " + where + ": "
                + (walked.isEmpty() ? FieldDomains.writable(known) : known) + FieldOwners.note(schema));
    }

    /**
     * The first of {@code keys} that sets what {@code key} sets, or part of it, for some preset: the same field, or a
     * section and a field in it ({@code train} and {@code train.images}), unscoped or scoped to the same preset
     * ({@code paper/train.images} and {@code train.images}); null when none does.
     */
    public static String overlappingKey(String key, Collection<String> keys) {
        int slash = key.lastIndexOf('/');
        String scope = slash > 0 ? key.substring(0, slash) : null;
        String field = key.substring(slash + 1);
        for (String k : keys) {
            int s = k.lastIndexOf('/');
            String otherScope = s > 0 ? k.substring(0, s) : null;
            String otherField = k.substring(s + 1);
            boolean scopes = scope == null || otherScope == null || scope.equals(otherScope);
            boolean fields = field.equals(otherField) || field.startsWith(otherField + ".")
                    || otherField.startsWith(field + ".");
            if (scopes && fields) {
                return k;
            }
        }
        return null;
    }

    /** The node {@link #override} sets for a setting's value: text parsed as a YAML scalar, anything else as is. */
    public static JsonNode settingValue(Object value) {
        return value instanceof String s ? parseScalar(s) : Mappers.JSON.valueToTree(value);
    }

    static JsonNode parseScalar(String raw) {
        try {
            JsonNode n = Mappers.YAML.readTree(raw.isEmpty() ? "''" : raw);
            return n == null || n.isMissingNode() ? JsonNodeFactory.instance.textNode(raw) : n;
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(raw);
        }
    }

    /**
     * Binds a tree to its model's {@link RunConfig} ({@link StdpRunConfig} or {@link SgRunConfig}, by {@code model})
     * after checking every field against its declared domain ({@link FieldDomains}); a field of the wrong type, out of
     * its range or unknown names itself. The tree is bound once, here; the model runners get the typed records.
     */
    public static RunConfig bind(ObjectNode tree) {
        FieldDomains.check(tree);
        try {
            return Mappers.YAML.treeToValue(tree, RunConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : "; allowed: " + e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException("unknown configuration field '" + path(e) + "'" + known);
        } catch (InvalidFormatException e) {
            throw new ConfigException("configuration field '" + path(e) + "' has value '" + e.getValue()
                    + "', which is not a valid " + e.getTargetType().getSimpleName().toLowerCase());
        } catch (MismatchedInputException e) {
            throw new ConfigException("configuration field '" + path(e) + "' has the wrong type or is missing: expected "
                    + (e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName().toLowerCase()));
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid configuration: " + firstLine(e.getOriginalMessage()));
        }
    }

    /**
     * Binds a tree that must configure one model (the benchmarks and validations of the STDP-SNN).
     *
     * @throws ConfigException if the tree is another model's, or as {@link #bind(ObjectNode)}
     */
    public static <C extends RunConfig> C bind(ObjectNode tree, Class<C> type) {
        RunConfig c = bind(tree);
        if (!type.isInstance(c)) {
            throw new ConfigException("model: '" + Choices.of(c.model()) + "' is not allowed here; this needs the "
                    + type.getSimpleName().replace("RunConfig", "").toLowerCase(Locale.ROOT) + " model");
        }
        return type.cast(c);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * The preset named by {@code settings.preset} with every other setting applied as an override; a key
     * {@code PRESET/dotted.key} applies only when the preset is PRESET. Only the names are checked here: the values'
     * types and ranges when the tree is bound ({@link #bind(ObjectNode)}) or run; {@code StandardResolver.resolve}
     * (package {@code io.somnus.experiment.run}) checks both at once, as {@code somnus train} does.
     *
     * @param settings {@code preset} (a bundled preset's name or a YAML file's path) and dotted keys such as
     *                 {@code seed}, {@code dataset.name}, {@code train.images}, each with a string, number, boolean or
     *                 whole section (a map or list)
     * @return a new tree, the caller's to change (the run executor's and {@link #bind(ObjectNode)}'s input)
     * @throws ConfigException for no or an unknown preset, or a key that names no field of the preset (naming it and
     *                         the fields there are)
     */
    public static ObjectNode resolveTree(Map<String, Object> settings) {
        Object preset = settings.get("preset");
        if (preset == null) {
            throw new ConfigException("no preset given: set 'preset' to one of " + PRESETS);
        }
        ObjectNode tree = loadPreset(preset.toString());
        if (settings.keySet().stream().anyMatch(k -> k.substring(k.lastIndexOf('/') + 1).startsWith("continual"))) {
            withContinualSection(tree); // so that --set continual.tasks=3 finds the section an SG-SNN preset leaves out
        }
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            String key = e.getKey();
            int slash = key.lastIndexOf('/'); // a dotted key has none; a preset given as a file's path may
            if (slash > 0) {
                // "PRESET/dotted.key": applies only to runs of that preset (sweeps mixing models)
                if (!PRESETS.contains(key.substring(0, slash)) && !Files.isRegularFile(Path.of(key.substring(0, slash)))) {
                    throw new ConfigException("'" + key + "': '" + key.substring(0, slash) + "' is not a preset; use one of " + PRESETS);
                }
                if (!key.substring(0, slash).equals(preset.toString())) {
                    continue;
                }
                key = key.substring(slash + 1);
            }
            if (FieldDomains.RECORDED.contains(key)) {
                throw new ConfigException("configuration field '" + key + "' is recorded, not set: a changes file "
                        + "(preset: PRESET plus changes) records the preset it changes there; give --preset FILE");
            }
            if (!key.equals("preset")) {
                override(tree, key, e.getValue());
            }
        }
        if (Choices.of(Protocol.CONTINUAL).equals(tree.path("protocol").asText())) {
            withContinualSection(tree);
        }
        return tree;
    }

    /**
     * Gives a configuration without a {@code continual} section (the SG-SNN presets have none) the STDP-SNN presets'
     * ({@code paper}'s: SPEC §5's five tasks of two classes), so that both models' continual protocol has one default,
     * written in one place, and config.yaml records the tasks that ran.
     */
    private static void withContinualSection(ObjectNode tree) {
        if (!tree.has("continual")) {
            tree.set("continual", loadPreset("paper").get("continual").deepCopy());
        }
    }

    /**
     * The YAML text of a tree, as written to a run's config.yaml: its floating-point numbers as people write them
     * ({@link #yamlNumber}), not in Java's spelling ({@code 1.0E-4}, {@code 1.0E12}); read back, the tree is the same.
     */
    public static String toYaml(JsonNode tree) {
        StringWriter text = new StringWriter();
        try (JsonGenerator yaml = Mappers.YAML.createGenerator(text);
             JsonGenerator numbers = new PeoplesNumbers(yaml)) {
            Mappers.YAML.writeTree(numbers, tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    /**
     * A floating-point number of a configuration as config.yaml writes it: {@link io.somnus.core.NumberText}'s
     * shortest digits ({@code 0.0001}, {@code 1e12}, {@code 7.5}), a whole number with ".0" ({@code 1.0}) so that it
     * reads back as a floating-point number, as it was (YAML reads {@code 1} as an integer).
     */
    static String yamlNumber(double x) {
        String text = NumberText.of(x);
        return text.matches("-?[0-9]+") ? text + ".0" : text;
    }

    /** Writes doubles by {@link #yamlNumber} (a configuration read from YAML holds no floats), the rest as YAML does. */
    private static final class PeoplesNumbers extends JsonGeneratorDelegate {
        PeoplesNumbers(JsonGenerator yaml) {
            super(yaml, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) {
                delegate.writeNumber(yamlNumber(v));
            } else {
                delegate.writeNumber(v);
            }
        }
    }
}
