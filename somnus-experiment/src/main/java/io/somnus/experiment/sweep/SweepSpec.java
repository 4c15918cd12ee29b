package io.somnus.experiment.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.somnus.core.NumberText;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.StudyControl;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sweep file: the grid of runs to execute, as the user wrote it.
 *
 * <pre>
 * name: quick
 * presets: [paper, paper-sg]          # the model comes with the preset
 * datasets: [fashion-mnist, geomfig]
 * sleep_fractions: [0.0, 0.1, 0.2, 0.5]
 * seeds: [1, 2, 3]
 * grid:                                # optional: any other config field, a list of values
 *   train.images: [1000, 2000]
 * variants:                            # optional: named alternatives, each a set of overrides (whole sections too)
 *   preset: {}
 *   delays: {projections.input_e.delay_max_ms: 10}
 * set:                                 # optional: fixed overrides for every run
 *   train.test_images: 500
 * controls: [untrained, untrained_sleep_target]   # optional: untrained STDP-SNNs at f = 0 ({@link StudyControl})
 * share_controls: false                # optional (with controls; default true): a control run for every variant
 * </pre>
 *
 * {@link #parse} checks the file's own structure (fields, types, ranges, empty and duplicate values) and
 * reports every problem at once; whether the presets, datasets and other fields exist is the
 * {@link io.somnus.experiment.run.RunConfigResolver}'s to say (see {@link SweepPlanner}).
 *
 * @param source         the file (for messages)
 * @param name           the sweep's name (defaults to the file name without extension)
 * @param description    free text, may be empty
 * @param presets        preset names, in order
 * @param datasets       dataset names, in order
 * @param sleepFractions sleep.fraction values, each in [0, 1] (1 only for the ratio-of-wake episodes of paper-code;
 *                       each run's configuration checks its own range)
 * @param seeds          master seeds
 * @param grid           other dotted configuration keys, each with its list of values
 * @param variants       named alternatives, in the file's order, each a map of dotted keys to values (a value may be a
 *                       whole section, as a map or list); every run of the grid runs under each variant
 * @param set            dotted configuration keys fixed for every run
 * @param controls       control runs for every STDP preset × dataset × grid point × seed, at f = 0
 * @param shareControls  whether variants whose controls would be alike share one control run ({@link ControlSharing};
 *                       the file's {@code share_controls}, default true); false: every variant runs its own
 * @param gridText       each grid value as it names its variants ({@code eta=5e-4}), by key and in {@code grid}'s
 *                       order: a floating-point number as the file wrote it, else as {@link NumberText} writes it
 *                       (a value left out here too)
 * @param fileText       the sweep file's text as {@link #load} read it, which the sweep directory keeps as
 *                       {@code sweep.yaml} (what was planned, even if the file changes later); null for a grid given in
 *                       code ({@link #parse}, the constructors), whose sweep directory has no {@code sweep.yaml}
 */
public record SweepSpec(Path source, String name, String description, List<String> presets, List<String> datasets,
                        List<Double> sleepFractions, List<Long> seeds, Map<String, List<Object>> grid,
                        Map<String, Map<String, Object>> variants, Map<String, Object> set,
                        List<StudyControl> controls, boolean shareControls, Map<String, List<String>> gridText,
                        String fileText) {

    /** Top-level fields a sweep file may have. */
    public static final List<String> FIELDS =
            List.of("name", "description", "presets", "datasets", "sleep_fractions", "seeds", "grid", "variants", "set",
                    "controls", "share_controls");

    /** A sweep whose alike controls are shared (share_controls absent), its grid values written by {@link NumberText}. */
    public SweepSpec(Path source, String name, String description, List<String> presets, List<String> datasets,
                     List<Double> sleepFractions, List<Long> seeds, Map<String, List<Object>> grid,
                     Map<String, Map<String, Object>> variants, Map<String, Object> set, List<StudyControl> controls) {
        this(source, name, description, presets, datasets, sleepFractions, seeds, grid, variants, set, controls, true,
                Map.of(), null);
    }

    /** A sweep given in code, without a file's text (its sweep directory has no {@code sweep.yaml}). */
    public SweepSpec(Path source, String name, String description, List<String> presets, List<String> datasets,
                     List<Double> sleepFractions, List<Long> seeds, Map<String, List<Object>> grid,
                     Map<String, Map<String, Object>> variants, Map<String, Object> set, List<StudyControl> controls,
                     boolean shareControls, Map<String, List<String>> gridText) {
        this(source, name, description, presets, datasets, sleepFractions, seeds, grid, variants, set, controls,
                shareControls, gridText, null);
    }

    /** Settings keys the sweep fills in itself from presets, datasets, sleep_fractions and seeds. */
    public static final Map<String, String> RESERVED_KEYS = Map.of(
            "preset", "presets", "dataset.name", "datasets", "sleep.fraction", "sleep_fractions", "seed", "seeds");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** A dotted configuration key, optionally scoped to one preset: {@code PRESET/dotted.key}. */
    private static final Pattern DOTTED_KEY =
            Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*/)?[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*");

    /**
     * Keeps unmodifiable copies of the lists and maps it is given; a grid value without its text as written is
     * written as {@link NumberText#of} gives it. Checks nothing: {@link #load} checks a sweep file.
     */
    public SweepSpec {
        presets = List.copyOf(presets);
        datasets = List.copyOf(datasets);
        sleepFractions = List.copyOf(sleepFractions);
        seeds = List.copyOf(seeds);
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        Map<String, List<String>> texts = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
            List<String> given = gridText.getOrDefault(e.getKey(), List.of());
            List<String> text = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                text.add(i < given.size() ? given.get(i) : NumberText.of(e.getValue().get(i)));
            }
            texts.put(e.getKey(), List.copyOf(text));
        }
        gridText = Collections.unmodifiableMap(texts);
        Map<String, Map<String, Object>> named = new LinkedHashMap<>();
        variants.forEach((k, v) -> named.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        variants = Collections.unmodifiableMap(named);
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        controls = List.copyOf(controls);
    }

    /**
     * Reads and checks a sweep file; the spec keeps its text ({@link #fileText}).
     *
     * @throws ConfigException listing every problem, each naming the file, the field and the value
     */
    public static SweepSpec load(Path file) throws IOException {
        String text;
        if (Files.isDirectory(file) && Files.isRegularFile(file.resolve(RunDirectory.SUMMARY))) {
            throw new ConfigException("sweep file " + file + " is a run directory (its config.yaml is one run's "
                    + "configuration); give a sweep YAML file, e.g. one of studies/");
        }
        if (Files.isDirectory(file)) {
            List<String> yamls = new ArrayList<>();
            try (var files = Files.list(file)) {
                files.map(Path::toString).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml")).sorted().limit(3)
                        .forEach(yamls::add);
            } catch (IOException ignored) {
                // only for the hint
            }
            throw new ConfigException("sweep file " + file + " is a directory; give a sweep YAML file"
                    + (yamls.isEmpty() ? "" : ", e.g. " + String.join(", ", yamls)));
        }
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("sweep file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new ConfigException("sweep file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            // an AccessDeniedException's message is the path alone
            throw new ConfigException("cannot read sweep file " + file + ": "
                    + (e instanceof FileSystemException f ? AtomicFiles.reason(f) : e.getMessage()), e);
        }
        SweepSpec s = parse(file, text);
        return new SweepSpec(s.source, s.name, s.description, s.presets, s.datasets, s.sleepFractions, s.seeds, s.grid,
                s.variants, s.set, s.controls, s.shareControls, s.gridText, text);
    }

    /**
     * Checks a sweep file's text ({@code source} names it in messages, and is not read): a grid given in code, whose
     * sweep directory keeps no {@code sweep.yaml} ({@link #load} reads a file and keeps its text).
     */
    public static SweepSpec parse(Path source, String yaml) {
        String where = source.toString();
        JsonNode root;
        try {
            root = Mappers.YAML.readTree(yaml);
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            throw new ConfigException(where + (loc == null ? "" : ", line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(where + ": the sweep file is empty; it needs " + String.join(", ", FIELDS.subList(2, 6)));
        }
        if (!root.isObject()) {
            throw new ConfigException(where + ": a sweep file is a mapping of fields (" + String.join(", ", FIELDS)
                    + "), not a " + kind(root));
        }
        Problems problems = new Problems(where);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                problems.add(field, root.get(field), "unknown field; allowed fields are " + String.join(", ", FIELDS));
            }
        }
        String name = defaultName(source);
        JsonNode nameNode = root.get("name");
        if (nameNode != null) {
            if (!nameNode.isTextual() || !NAME.matcher(nameNode.asText()).matches()) {
                problems.add("name", nameNode, "expected a name of letters, digits, '.', '_' or '-'");
            } else {
                name = nameNode.asText();
            }
        }
        String description = "";
        JsonNode descNode = root.get("description");
        if (descNode != null) {
            if (!descNode.isTextual()) {
                problems.add("description", descNode, "expected text");
            } else {
                description = descNode.asText();
            }
        }
        List<String> presets = names(root, "presets", problems);
        List<String> datasets = names(root, "datasets", problems);
        List<Double> fractions = fractions(root, problems);
        List<Long> seeds = seeds(root, problems);
        Map<String, List<Object>> grid = grid(root, problems);
        Map<String, Map<String, Object>> variants = variants(root, problems);
        Map<String, Object> set = set(root, problems);
        List<StudyControl> controls = controls(root, problems);
        boolean shareControls = true;
        JsonNode share = root.get("share_controls");
        if (share != null && !share.isNull()) {
            if (!share.isBoolean()) {
                problems.add("share_controls", share, "expected true (variants whose untrained controls would be alike "
                        + "share one control run, the default) or false (every variant runs its own)");
            } else if (controls.isEmpty()) {
                problems.add("share_controls", share, "applies to the untrained control runs, and the sweep asks for "
                        + "none; drop it, or add controls: [" + String.join(", ", StudyControl.labels()) + "]");
            } else {
                shareControls = share.booleanValue();
            }
        }
        for (String key : grid.keySet()) {
            String other = Configs.overlappingKey(key, set.keySet());
            if (other != null) {
                problems.add("grid." + key, null, "is also fixed under 'set'" + (other.equals(key) ? "" : " (as " + other
                        + ")") + "; give it in one place only");
            }
        }
        List<String> scoped = new ArrayList<>(set.keySet());
        grid.keySet().forEach(k -> scoped.add(k));
        variants.values().forEach(v -> scoped.addAll(v.keySet()));
        for (String key : scoped) {
            int slash = key.lastIndexOf('/');
            if (slash > 0 && !presets.isEmpty() && !presets.contains(key.substring(0, slash))) {
                problems.add(key, null, "names preset " + key.substring(0, slash) + ", which the sweep does not run "
                        + "(presets: " + String.join(", ", presets) + ")");
            }
        }
        variants.forEach((variant, settings) -> settings.keySet().forEach(key -> {
            String inSet = Configs.overlappingKey(key, set.keySet());
            String other = inSet != null ? inSet : Configs.overlappingKey(key, grid.keySet());
            if (other != null) {
                problems.add("variants." + variant + "." + key, null, "is also given under '" + (inSet != null ? "set"
                        : "grid") + "'" + (other.equals(key) ? "" : " (as " + other + ")") + ", which one would "
                        + "override unseen; give it in one place only");
            }
        }));
        problems.throwIfAny();
        return new SweepSpec(source, name, description, presets, datasets, fractions, seeds, grid, variants, set,
                controls, shareControls, gridText(grid, yaml));
    }

    /** How {@code value}, one of grid key {@code key}'s values, names its variants ({@link #gridText}). */
    public String gridText(String key, Object value) {
        int i = grid.getOrDefault(key, List.of()).indexOf(value);
        return i < 0 ? NumberText.of(value) : gridText.get(key).get(i);
    }

    /**
     * Each grid value's text ({@link #gridText}): a floating-point number as {@code yaml} writes it ({@code 5e-4}, not
     * Java's {@code 5.0E-4}) where that text reads back as the value; the rest as {@link NumberText} writes them.
     */
    private static Map<String, List<String>> gridText(Map<String, List<Object>> grid, String yaml) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, Map<Integer, String>> written = writtenGridNumbers(yaml);
        grid.forEach((key, values) -> {
            List<String> text = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                String w = written.getOrDefault(key, Map.of()).get(i);
                Object v = values.get(i);
                text.add(v instanceof Double d && w != null && readsAs(w, d) ? w : NumberText.of(v));
            }
            out.put(key, text);
        });
        return out;
    }

    private static boolean readsAs(String text, double value) {
        try {
            return Double.compare(Double.parseDouble(text), value) == 0;
        } catch (NumberFormatException e) {
            return false; // YAML's own spellings (1_000.5), which Java does not read
        }
    }

    /**
     * The text of each floating-point number in a list under the top-level {@code grid} mapping, by key and index: the
     * parsed tree keeps only the double. Empty where the text cannot be read (the tree's parse has said why).
     */
    private static Map<String, Map<Integer, String>> writtenGridNumbers(String yaml) {
        Map<String, Map<Integer, String>> out = new HashMap<>();
        try (JsonParser p = Mappers.YAML.getFactory().createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.VALUE_NUMBER_FLOAT) {
                    continue;
                }
                JsonStreamContext list = p.getParsingContext();
                JsonStreamContext key = list.getParent();
                JsonStreamContext grid = key == null ? null : key.getParent();
                if (list.inArray() && key.inObject() && grid != null && grid.inObject() && grid.getParent() != null
                        && grid.getParent().inRoot() && "grid".equals(grid.getCurrentName())) {
                    out.computeIfAbsent(key.getCurrentName(), k -> new HashMap<>()).put(list.getCurrentIndex(),
                            p.getText());
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /** Number of runs the grid expands to (control runs not counted: they exist for STDP presets only). */
    public long size() {
        long n = (long) presets.size() * datasets.size() * sleepFractions.size() * seeds.size();
        for (List<Object> values : grid.values()) {
            n *= values.size();
        }
        return n * Math.max(1, variants.size());
    }

    private static String defaultName(Path source) {
        String file = source.getFileName() == null ? "sweep" : source.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String base = dot > 0 ? file.substring(0, dot) : file;
        return NAME.matcher(base).matches() ? base : "sweep";
    }

    private static List<String> names(JsonNode root, String field, Problems problems) {
        JsonNode node = requiredList(root, field, "a list of names, e.g. " + (field.equals("datasets")
                ? "[fashion-mnist, geomfig]" : "[paper, paper-sg]"), problems);
        return eachOnce(node, field, problems, (label, item) -> {
            if (item.isTextual() && NAME.matcher(item.asText()).matches()) {
                return item.asText();
            }
            // a preset file's name becomes its runs' names (PRESET__DATASET__…), which hold no directory
            problems.add(label, item, "expected a name of letters, digits, '.', '_' or '-'"
                    + (field.equals("presets") && item.isTextual() && item.asText().contains("/")
                    ? " (a YAML file here is named as it is in the directory somnus runs in, e.g. mine.yaml; "
                    + "its name names the runs, so it holds no directory: run from the file's directory, or "
                    + "copy the file there)" : ""));
            return null;
        });
    }

    private static List<Double> fractions(JsonNode root, Problems problems) {
        JsonNode node = requiredList(root, "sleep_fractions", "a list of numbers in [0, 1], e.g. [0.0, 0.1, 0.2]", problems);
        return eachOnce(node, "sleep_fractions", problems, (label, item) -> {
            if (!item.isNumber()) {
                problems.add(label, item, "expected a number in [0, 1]");
                return null;
            }
            double f = item.asDouble();
            if (!(f >= 0 && f <= 1)) {
                problems.add(label, item, "a sleep fraction must be in [0, 1]: 0 = never sleep (1 where the preset allows "
                        + "it: paper-code's ratio of wake, an SG-SNN's sleep after every epoch)");
                return null;
            }
            return f;
        });
    }

    private static List<Long> seeds(JsonNode root, Problems problems) {
        JsonNode node = requiredList(root, "seeds", "a list of integers, e.g. [1, 2, 3]", problems);
        return eachOnce(node, "seeds", problems, (label, item) -> {
            if (item.isIntegralNumber() && item.canConvertToLong()) {
                return item.asLong();
            }
            problems.add(label, item, "expected an integer seed");
            return null;
        });
    }

    /**
     * Reads the value of one list item or setting, {@code label} naming it in a problem: the value, or null once it has
     * added to the problems why there is none.
     */
    @FunctionalInterface
    private interface ValueReader<T> {
        T read(String label, JsonNode node);
    }

    /**
     * The values of the items of {@code list} (null: none) that {@code read} reads, each value once: an item whose
     * value an earlier item had is a problem ({@code field[i]}), as is one that does not read.
     */
    private static <T> List<T> eachOnce(JsonNode list, String field, Problems problems, ValueReader<T> read) {
        List<T> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String label = field + "[" + i + "]";
            T value = read.read(label, item);
            if (value == null) {
                continue;
            }
            if (!seen.add(value)) {
                problems.add(label, item, "duplicate value; each value may appear once");
            } else {
                out.add(value);
            }
        }
        return out;
    }

    private static Map<String, List<Object>> grid(JsonNode root, Problems problems) {
        return settings(root, "grid", "a mapping of configuration keys to lists of values, e.g. train.images: [1000, 2000]",
                problems, (label, values) -> {
                    if (!values.isArray()) {
                        problems.add(label, values, "expected a list of values, e.g. [1000, 2000] (fixed values go under "
                                + "'set')");
                        return null;
                    }
                    if (values.isEmpty()) {
                        problems.add(label, values, "empty list: the grid would hold no runs; give at least one value");
                        return null;
                    }
                    return eachOnce(values, label, problems, (itemLabel, item) -> {
                        Object v = scalar(item);
                        if (v == null) {
                            problems.add(itemLabel, item, "expected a number, text, true/false or null");
                        }
                        return v;
                    });
                });
    }

    /**
     * {@code variants}: a mapping of names to mappings of dotted keys to values; a value may be a whole section (a
     * mapping or a list, e.g. a projection's {@code plasticity}), which replaces the preset's. An empty mapping is the
     * preset as it is. A name may not hold ',' or '=' (a run's variant is its name and its grid values, joined so).
     */
    private static Map<String, Map<String, Object>> variants(JsonNode root, Problems problems) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        JsonNode node = root.get("variants");
        if (node == null || node.isNull()) {
            return out;
        }
        String example = "e.g. {preset: {}, delays: {projections.input_e.delay_max_ms: 10}}";
        Set<String> partial = new HashSet<>();
        if (!node.isObject() || node.isEmpty()) {
            problems.add("variants", node, "expected a mapping of variant names to mappings of configuration keys to "
                    + "values, " + example);
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String label = "variants." + e.getKey();
            if (!NAME.matcher(e.getKey()).matches() || e.getKey().contains("__")) {
                problems.add(label, null, "not a variant name; expected letters, digits, '.', '_' or '-', starting with "
                        + "a letter or digit, without '__' (a run id joins its parts with it)");
                continue;
            }
            JsonNode settings = e.getValue();
            if (settings.isNull() || settings.isTextual() && settings.asText().isEmpty()) {
                settings = Mappers.JSON.createObjectNode(); // "preset:" with nothing after it: the preset as it is
            }
            if (!settings.isObject()) {
                problems.add(label, settings, "expected a mapping of configuration keys to values ({} for the preset as "
                        + "it is), " + example);
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            boolean whole = true;
            for (Iterator<Map.Entry<String, JsonNode>> kv = settings.fields(); kv.hasNext(); ) {
                Map.Entry<String, JsonNode> s = kv.next();
                if (checkKey(label + "." + s.getKey(), s.getKey(), problems)) {
                    Object v = scalar(s.getValue());
                    values.put(s.getKey(), v != null ? v : Mappers.JSON.convertValue(s.getValue(), Object.class));
                } else {
                    whole = false;
                }
            }
            for (Map.Entry<String, Map<String, Object>> earlier : out.entrySet()) {
                // with a key refused, settings are not whole: not compared
                if (whole && !partial.contains(earlier.getKey()) && earlier.getValue().equals(values)) {
                    problems.add(label, settings, "the same settings as variant '" + earlier.getKey() + "'; drop one");
                }
            }
            if (!whole) {
                partial.add(e.getKey());
            }
            out.put(e.getKey(), values);
        }
        return out;
    }

    private static List<StudyControl> controls(JsonNode root, Problems problems) {
        List<StudyControl> out = new ArrayList<>();
        JsonNode node = root.get("controls");
        if (node == null || node.isNull()) {
            return out;
        }
        String expected = "a list of controls: " + String.join(", ", StudyControl.labels());
        if (!node.isArray()) {
            problems.add("controls", node, "expected " + expected);
            return out;
        }
        return eachOnce(node, "controls", problems, (label, item) -> {
            StudyControl c = item.isTextual() ? StudyControl.byLabel(item.asText()) : null;
            if (c == null) {
                problems.add(label, item, "unknown control; expected " + expected);
            }
            return c;
        });
    }

    private static Map<String, Object> set(JsonNode root, Problems problems) {
        return settings(root, "set", "a mapping of configuration keys to values, e.g. train.test_images: 500", problems,
                (label, value) -> {
                    Object v = scalar(value);
                    if (v == null) {
                        problems.add(label, value, "expected a number, text, true/false or null (a list of values goes "
                                + "under 'grid')");
                    }
                    return v;
                });
    }

    /**
     * The top-level mapping {@code section} (absent: empty) of configuration keys ({@link #checkKey}) to what {@code
     * read} reads of each key's value, in the file's order; a key whose value does not read is left out, the problem
     * added.
     */
    private static <T> Map<String, T> settings(JsonNode root, String section, String expected, Problems problems,
                                               ValueReader<T> read) {
        Map<String, T> out = new LinkedHashMap<>();
        JsonNode node = root.get(section);
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(section, node, "expected " + expected);
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String label = section + "." + e.getKey();
            if (!checkKey(label, e.getKey(), problems)) {
                continue;
            }
            T v = read.read(label, e.getValue());
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private static boolean checkKey(String label, String key, Problems problems) {
        if (RESERVED_KEYS.containsKey(key)) {
            problems.add(label, null, "'" + key + "' is set by the sweep's '" + RESERVED_KEYS.get(key) + "' field; list its values there");
            return false;
        }
        if (!DOTTED_KEY.matcher(key).matches()) {
            problems.add(label, null, "not a configuration key; expected dotted names such as train.images "
                    + "(or PRESET/train.images for one preset)");
            return false;
        }
        return true;
    }

    private static JsonNode requiredList(JsonNode root, String field, String expected, Problems problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add(field, null, "missing; expected " + expected);
            return null;
        }
        if (!node.isArray()) {
            problems.add(field, node, "expected " + expected);
            return null;
        }
        if (node.isEmpty()) {
            problems.add(field, node, "empty list: the grid would hold no runs; expected " + expected);
            return null;
        }
        return node;
    }

    /**
     * A YAML scalar as String, Long, Double or Boolean, and YAML's null as the text "null", which the resolver reads
     * as --set reads it (a field that may be null: unset); null for anything else.
     */
    static Object scalar(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return null;
    }

    static String kind(JsonNode node) {
        JsonNodeType t = node.getNodeType();
        return switch (t) {
            case ARRAY -> "list";
            case OBJECT -> "mapping";
            case STRING -> "text";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> t.name().toLowerCase();
        };
    }

    /** Collects problems so the user sees all of them at once. */
    static final class Problems {
        private final String where;
        private final List<String> lines = new ArrayList<>();

        Problems(String where) {
            this.where = where;
        }

        void add(String field, JsonNode value, String what) {
            String shown = value == null ? "" : " = " + show(value);
            lines.add(where + ": " + field + shown + ": " + what);
        }

        void addLine(String line) {
            lines.add(line);
        }

        boolean isEmpty() {
            return lines.isEmpty();
        }

        void throwIfAny() {
            if (lines.isEmpty()) {
                return;
            }
            String head = lines.size() == 1 ? "" : lines.size() + " problems in sweep file " + where + ":\n  ";
            throw new ConfigException(head + String.join("\n  ", lines));
        }

        private static String show(JsonNode value) {
            String s = value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
            return s.length() > 80 ? s.substring(0, 77) + "..." : s;
        }
    }
}
