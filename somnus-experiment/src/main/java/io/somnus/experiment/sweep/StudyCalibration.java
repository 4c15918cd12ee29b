package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ConfigDifferences;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.ModelKind;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.run.RunConfigResolver;
import io.somnus.sg.SgSleepSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The short runs {@code somnus reproduce --estimate} and {@code somnus sweep --estimate} time to get the per-phase costs
 * of a planned sweep ({@link StudyEstimate}), and the file update that puts the estimate into a document.
 * <p>
 * Each preset, and each point of the sweep's grid, runs at the sweep's own network size (its {@code set} and grid
 * kept: the costs per unit then need no scaling by the network) on fewer images, on the sweep's first dataset, at
 * f = 0.5 so that every phase runs, {@link #SEEDS} seeds one after the other in one JVM (the median of three drops the
 * first run's JIT warm-up). The SG-SNN with the per-epoch schedule sleeps here every other minibatch instead
 * (2 iterations each): the same episode engine, measured whatever the seed draws. Grid keys over the fields the
 * calibration sets itself ({@link #SIZED}) change a run's units of work, not its cost per unit: the calibration runs
 * one of their values.
 */
public final class StudyCalibration {
    /** Seeds per preset and grid point. */
    public static final int SEEDS = 3;
    /** What the calibration runs are, for the estimate's heading. */
    public static final String DESCRIPTION = "each preset, variant and grid point at its network size, f = 0.5, 3 seeds, "
            + "STDP-SNN 200 images "
            + "(50 at 1 000 steps per image or more: paper-code), SG-SNN 1 epoch of 512 images";
    /** The fields the calibration sets (scoped to each preset): what the sweep asks of them only scales the work. */
    static final Set<String> SIZED = Set.of("train.images", "train.epochs", "train.validation_images",
            "train.test_images", "train.checkpoints", "train.readout_images", "train.eval_threads", "sleep.wake_steps",
            "sg.epochs", "sg.sleep_schedule", "sg.sleep.iterations");
    static final String BEGIN = "<!-- estimate:begin -->";
    static final String END = "<!-- estimate:end -->";

    private StudyCalibration() {
    }

    /**
     * The calibration runs of a planned sweep, planned by {@code resolver}. Its controls are left out: they are costed
     * as their preset's runs.
     */
    public static SweepPlan plan(SweepPlan sweep, RunConfigResolver resolver) {
        SweepSpec s = sweep.spec();
        Map<String, Object> set = new LinkedHashMap<>(s.set());
        for (String preset : s.presets()) {
            // by the sweep's entry (a file's runs carry the preset it names in their configuration)
            JsonNode config = sweep.runs().stream().filter(r -> preset.equals(r.settings().get("preset")))
                    .map(PlannedRun::config).findFirst().orElseThrow();
            sizes(config).forEach((field, value) -> {
                // last in the map, so that it wins over the sweep's own value, scoped or not
                set.remove(preset + "/" + field);
                set.put(preset + "/" + field, value);
            });
        }
        return SweepPlanner.plan(new SweepSpec(s.source(), "estimate-calibration", "", s.presets(),
                List.of(s.datasets().get(0)), List.of(0.5), LongStream.rangeClosed(1, SEEDS).boxed().toList(),
                keptGrid(s), keptVariants(s), set, List.of()), resolver);
    }

    /** The calibration's sizes for a preset whose resolved configuration is {@code config}. */
    private static Map<String, Object> sizes(JsonNode config) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (Choices.of(ModelKind.SG).equals(config.path("model").asText())) {
            m.put("train.images", 512);
            m.put("train.validation_images", 128);
            m.put("train.test_images", 128);
            m.put("sg.epochs", 1);
            if (Choices.of(SgSleepSchedule.PER_EPOCH).equals(config.path("sg").path("sleep_schedule").asText())) {
                m.put("sg.sleep_schedule", Choices.of(SgSleepSchedule.EVERY_MINIBATCHES));
                m.put("sg.sleep.iterations", 2);
            }
            return m;
        }
        boolean longImages = config.path("simulation").path("steps_per_image").asInt() >= 1000;
        int images = longImages ? 50 : 200;
        m.put("train.images", images);
        m.put("train.epochs", 1);
        m.put("train.validation_images", 50);
        m.put("train.test_images", 100);
        m.put("train.checkpoints", 2);
        m.put("train.readout_images", images);
        m.put("train.eval_threads", 1);
        m.put("sleep.wake_steps", longImages ? 10_000 : 5_000);
        return m;
    }

    /** The field a sweep key sets, without its {@code PRESET/} scope. */
    private static String field(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** The sweep's grid without the keys over {@link #SIZED} fields. */
    private static Map<String, List<Object>> keptGrid(SweepSpec s) {
        Map<String, List<Object>> grid = new LinkedHashMap<>(s.grid());
        grid.keySet().removeIf(k -> SIZED.contains(field(k)));
        return grid;
    }

    /**
     * The sweep's named variants without their settings of {@link #SIZED} fields; of those left the same, the first
     * (their runs cost the same per unit of work).
     */
    private static Map<String, Map<String, Object>> keptVariants(SweepSpec s) {
        Map<String, Map<String, Object>> variants = new LinkedHashMap<>();
        s.variants().forEach((name, settings) -> {
            Map<String, Object> kept = new LinkedHashMap<>(settings);
            kept.keySet().removeIf(k -> SIZED.contains(field(k)));
            if (!variants.containsValue(kept)) {
                variants.put(name, kept);
            }
        });
        return variants;
    }

    /**
     * What a run's costs are measured and looked up by: its preset, with the named variant it runs (of those the
     * calibration keeps) and the values of the sweep's grid keys that the calibration keeps, e.g. {@code diehl-cook
     * (delays, populations.e.size=400)}.
     */
    public static Function<JsonNode, String> costKey(SweepSpec spec) {
        List<String> kept = List.copyOf(keptGrid(spec).keySet());
        Map<String, Map<String, Object>> variants = keptVariants(spec);
        return config -> {
            String preset = config.path("preset").asText();
            List<String> values = new ArrayList<>();
            String variant = variantOf(config, preset, variants);
            if (variant != null) {
                values.add(variant);
            }
            for (String key : kept) {
                int slash = key.lastIndexOf('/');
                if (slash > 0 && !key.substring(0, slash).equals(preset)) {
                    continue;
                }
                String field = key.substring(slash + 1);
                JsonNode v = Configs.valueAt(config, field);
                values.add(field + "=" + (v == null ? "(absent)" : v.isTextual() ? v.asText() : v.toString()));
            }
            return values.isEmpty() ? preset : preset + " (" + String.join(", ", values) + ")";
        };
    }

    /**
     * How the finished runs of a {@code --calibration} directory differ from the planned sweep's beyond what only
     * scales the work ({@link #SIZED}), the seed, the sleep fraction, the dataset, the controls' settings and the sweep's
     * own grid and variant keys: for each preset, its first planned run against the directory's first trained run of it,
     * as "preset: field: there → here"; empty where they agree or the directory has no run of the preset.
     */
    public static List<String> pilotDifferences(SweepPlan plan, Path calibration) throws IOException {
        Set<String> axes = new HashSet<>(SIZED);
        axes.addAll(List.of("seed", "sleep.fraction", "train.plasticity", "train.initial_weights"));
        plan.spec().grid().keySet().forEach(k -> axes.add(field(k)));
        plan.spec().variants().values().forEach(v -> v.keySet().forEach(k -> axes.add(field(k))));
        Map<String, JsonNode> pilots = new LinkedHashMap<>();
        List<Path> dirs;
        try (Stream<Path> runs = Files.list(calibration.resolve(SweepRunner.RUNS_DIR))) {
            dirs = runs.filter(d -> Files.isRegularFile(d.resolve("config.yaml"))).sorted().toList();
        }
        for (Path d : dirs) {
            JsonNode c = Mappers.YAML.readTree(d.resolve("config.yaml").toFile());
            if (c.path("train").path("plasticity").asBoolean(true)) {
                pilots.putIfAbsent(c.path("preset").asText(), c);
            }
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PlannedRun r : plan.runs()) {
            String preset = r.config().path("preset").asText();
            JsonNode pilot = pilots.get(preset);
            if (pilot == null || !seen.add(preset)) {
                continue;
            }
            // through YAML, as the pilot's was read: numbers of one type on both sides
            JsonNode planned = Mappers.YAML.readTree(Configs.toYaml(r.config()));
            for (String line : ConfigDifferences.of(pilot, planned)) {
                String field = line.substring(0, line.indexOf(':'));
                boolean axis = axes.stream().anyMatch(a -> field.equals(a) || field.startsWith(a + "."))
                        || field.startsWith("dataset.");
                if (!axis) {
                    out.add(preset + ": " + line);
                }
            }
        }
        return out;
    }

    /**
     * The variant whose settings {@code config} has, the one with the most settings where several match (the preset's
     * own, {@code {}}, matches every run); null for a sweep without variants.
     */
    private static String variantOf(JsonNode config, String preset, Map<String, Map<String, Object>> variants) {
        String best = null;
        int most = -1;
        for (Map.Entry<String, Map<String, Object>> v : variants.entrySet()) {
            boolean matches = true;
            for (Map.Entry<String, Object> setting : v.getValue().entrySet()) {
                String key = setting.getKey();
                int slash = key.lastIndexOf('/');
                if (slash > 0 && !key.substring(0, slash).equals(preset)) {
                    continue;
                }
                JsonNode actual = Configs.valueAt(config, key.substring(slash + 1));
                JsonNode wanted = Configs.settingValue(setting.getValue());
                matches &= wanted.equals(SAME_VALUE, actual == null ? NullNode.getInstance() : actual);
            }
            if (matches && v.getValue().size() > most) {
                best = v.getKey();
                most = v.getValue().size();
            }
        }
        return best;
    }

    /** Nodes alike, numbers by value (a setting's 10 is the configuration's 10.0). */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) ->
            a.isNumber() && b.isNumber() ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;

    /**
     * Why the estimate cannot be written into {@code file}, or null where it can: the file must exist and hold the lines
     * {@code <!-- estimate:begin -->} and {@code <!-- estimate:end -->}, in that order. Checked before any calibration
     * runs, so that a file that would refuse the table is named at once rather than after minutes of runs.
     */
    public static String notWritable(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return file + (Files.exists(file) ? " is not a file" : " does not exist") + "; give a file with the lines "
                    + BEGIN + " and " + END + " to write the estimate between";
        }
        String doc = Files.readString(file);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        return begin < 0 || end < begin
                ? file + " has no lines " + BEGIN + " ... " + END + " to write the estimate between" : null;
    }

    /**
     * Replaces what lies between the lines {@value #BEGIN} and {@value #END} of {@code file} with {@code text}
     * (written to a temporary file, then moved).
     *
     * @throws IllegalArgumentException naming the file when it lacks either line
     */
    public static void writeBetweenMarkers(Path file, String text) throws IOException {
        String why = notWritable(file);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        String doc = Files.readString(file);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        String head = doc.substring(0, begin + BEGIN.length());
        AtomicFiles.write(file, head + "\n" + text.strip() + "\n" + doc.substring(end));
    }
}
