package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.FieldDomains;
import io.somnus.experiment.config.StudyControl;
import io.somnus.experiment.run.RunConfigResolver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Expands a {@link SweepSpec} into the cartesian product of its lists and resolves each point with a
 * {@link RunConfigResolver}. Every point is resolved before anything runs; all problems (unknown preset,
 * dataset or field, bad value, two points that resolve to the same configuration) are reported together.
 */
public final class SweepPlanner {
    /** Characters of the configuration hash appended to run ids when the sweep has grid keys. */
    static final int SHORT_HASH = 8;

    private SweepPlanner() {}

    /**
     * Plans the sweep with one untrained control for the variants whose controls are alike ({@link ControlSharing}),
     * unless the file says {@code share_controls: false} ({@link SweepSpec#shareControls}).
     *
     * @throws ConfigException listing every problem, each naming the sweep file, the point and the field
     */
    public static SweepPlan plan(SweepSpec spec, RunConfigResolver resolver) {
        return plan(spec, resolver, spec.shareControls());
    }

    /**
     * @param shareControls whether variants whose controls are alike share one control run; without, every variant
     *                      has its own (as before controls were shared: {@link SweepPlan#withoutSharing})
     * @throws ConfigException listing every problem, each naming the sweep file, the point and the field
     */
    public static SweepPlan plan(SweepSpec spec, RunConfigResolver resolver, boolean shareControls) {
        String where = spec.source().toString();
        List<String> oneByOne = oneByOne(spec, resolver);
        if (!oneByOne.isEmpty()) {
            throw new ConfigException((oneByOne.size() == 1 ? "" : oneByOne.size() + " problems in sweep file " + where
                    + ":\n  ") + String.join("\n  ", oneByOne));
        }
        List<Variant> variants = variants(spec);
        Points points = new Points(spec, resolver, shareControls);
        Map<String, String> modelOf = new HashMap<>(); // preset → model, as the resolved configurations say
        // runs are grouped into cells by their configuration's preset: two entries of one preset would be averaged
        Map<String, Set<Object>> entriesOf = new LinkedHashMap<>();
        for (long seed : spec.seeds()) {
            for (String preset : spec.presets()) {
                for (String dataset : spec.datasets()) {
                    for (Variant v : variants) {
                        for (double fraction : spec.sleepFractions()) {
                            Map<String, Object> settings = settings(spec, preset, dataset, fraction, seed,
                                    v.settings());
                            ObjectNode config = points.add(settings, v.label(), (c, h) -> runId(runName(preset, c),
                                    v.datasetPart(dataset), fraction, seed, v.hashed() ? h : null));
                            if (config != null) {
                                modelOf.putIfAbsent(preset, config.path("model").asText());
                                entriesOf.computeIfAbsent(config.path("preset").asText(),
                                        k -> new LinkedHashSet<>()).add(preset);
                            }
                        }
                        for (StudyControl control : spec.controls()) {
                            // controls are untrained STDP-SNNs; an SG preset has no such control
                            if (!"stdp".equals(modelOf.get(preset))) {
                                continue;
                            }
                            Map<String, Object> settings = settings(spec, preset, dataset, 0.0, seed, v.settings());
                            settings.putAll(control.settings());
                            String label = v.label().isEmpty() ? control.variant() : v.label() + "," + control.variant();
                            points.add(settings, label, (c, h) -> controlRunId(runName(preset, c),
                                    v.datasetPart(dataset), control, seed, v.hashed() ? h : null));
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, Set<Object>> e : entriesOf.entrySet()) {
            if (e.getValue().size() > 1) {
                throw new ConfigException(where + ": presets " + e.getValue() + " all run as preset '" + e.getKey()
                        + "', so their runs would be averaged as one cell; sweep them separately, or give the whole "
                        + "file a preset name of its own (its preset field names its runs; a file of changes, without "
                        + "model, is named after itself)");
            }
        }
        points.throwIfAny();
        return shareControls ? new SweepPlan(spec, shareControls(points.runs, points.sameControls), points.runs)
                : new SweepPlan(spec, points.runs);
    }

    /**
     * The runs with each untrained control that another variant's control would repeat (the same {@link
     * ControlSharing#key}: the same preset, dataset, seed and every field a control depends on) left to the first
     * such control in plan order, which stands for it ({@link PlannedRun#sharedBy}), as it stands for the controls of
     * {@code sameControls} (by run id: the variants whose control has that run's very configuration).
     */
    private static List<PlannedRun> shareControls(List<PlannedRun> runs, Map<String, List<String>> sameControls) {
        Map<String, Integer> firstOf = new HashMap<>(); // control key → its run's index in out
        Map<Integer, List<String>> sharers = new HashMap<>();
        List<PlannedRun> out = new ArrayList<>();
        for (PlannedRun r : runs) {
            String key = ControlSharing.key(r);
            Integer first = key == null ? null : firstOf.get(key);
            List<String> same = sameControls.getOrDefault(r.runId(), List.of());
            if (first != null) {
                sharers.computeIfAbsent(first, k -> new ArrayList<>()).add(r.variant());
                sharers.get(first).addAll(same);
                continue;
            }
            if (key != null) {
                firstOf.put(key, out.size());
            }
            if (!same.isEmpty()) {
                sharers.computeIfAbsent(out.size(), k -> new ArrayList<>()).addAll(same);
            }
            out.add(r);
        }
        sharers.forEach((i, variants) -> out.set(i, out.get(i).sharedBy(variants)));
        return out;
    }

    /**
     * The sweep's {@code set} entries, datasets and sleep fractions tried one at a time on each preset's first point, so
     * that every value that is bad on its own is named at once (a whole point's resolution stops at its first problem,
     * which named one bad value per pass). A set entry that fails is tried again once the others are in (it may need
     * one of them, e.g. fewer test than training images), until a round adds none; the grid's values are left to the
     * whole points, since a grid value may be bad only beside some values of another axis, but a grid or variant key
     * the configuration does not have is named here by its place in the file (a whole point would name a whole run).
     */
    private static List<String> oneByOne(SweepSpec spec, RunConfigResolver resolver) {
        String where = spec.source().toString();
        Set<String> problems = new LinkedHashSet<>();
        // a set entry's problem by its text, with the presets it was met with: named once, with all of them
        Map<String, List<String>> setProblems = new LinkedHashMap<>();
        // a grid or variant key that is no configuration field: its message with its place in the file, with presets
        Map<String, List<String>> keyProblems = new LinkedHashMap<>();
        for (String preset : spec.presets()) {
            Map<String, Object> good = new LinkedHashMap<>();
            good.put("preset", preset);
            good.put("dataset.name", spec.datasets().get(0));
            good.put("sleep.fraction", spec.sleepFractions().get(0));
            good.put("seed", spec.seeds().get(0));
            String problem = problem(resolver, good, null, null);
            if (problem != null) {
                problems.add(where + ": " + problem);
                continue;
            }
            String of = spec.presets().size() > 1 ? ", preset " + preset : "";
            Map<String, Object> pending = new LinkedHashMap<>(spec.set());
            boolean added = true;
            while (added && !pending.isEmpty()) {
                added = false;
                for (Iterator<Map.Entry<String, Object>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<String, Object> e = it.next();
                    if (problem(resolver, good, e.getKey(), e.getValue()) == null) {
                        good.put(e.getKey(), e.getValue());
                        it.remove();
                        added = true;
                    }
                }
            }
            for (Map.Entry<String, Object> e : pending.entrySet()) {
                setProblems.computeIfAbsent(where + ": " + problem(resolver, good, e.getKey(), e.getValue()) + " (set "
                        + e.getKey() + "=" + e.getValue(), k -> new ArrayList<>()).add(preset);
            }
            for (Map.Entry<String, List<Object>> axis : spec.grid().entrySet()) {
                unknownKey(resolver, good, "grid.", axis.getKey(), axis.getValue(), keyProblems, preset);
            }
            for (Map.Entry<String, Map<String, Object>> variant : spec.variants().entrySet()) {
                for (Map.Entry<String, Object> e : variant.getValue().entrySet()) {
                    unknownKey(resolver, good, "variants." + variant.getKey() + ".", e.getKey(),
                            Collections.singletonList(e.getValue()), keyProblems, preset);
                }
            }
            for (String dataset : spec.datasets().subList(1, spec.datasets().size())) {
                problem = problem(resolver, good, "dataset.name", dataset);
                if (problem != null) {
                    problems.add(where + ": " + problem + " (datasets)");
                }
            }
            for (double fraction : spec.sleepFractions().subList(1, spec.sleepFractions().size())) {
                problem = problem(resolver, good, "sleep.fraction", fraction);
                if (problem != null) {
                    problems.add(where + ": " + problem + " (sleep_fractions" + of + ")");
                }
            }
        }
        setProblems.forEach((problem, presets) -> problems.add(problem + (spec.presets().size() == 1 ? ""
                : presets.size() == 1 ? ", preset " + presets.get(0) : ", presets " + String.join(", ", presets))
                + ")"));
        keyProblems.forEach((problem, presets) -> problems.add(where + ": " + problem + (spec.presets().size() == 1
                || presets.size() == spec.presets().size() ? "" : " (preset" + (presets.size() == 1 ? " " : "s ")
                + String.join(", ", presets) + ")")));
        return List.copyOf(problems);
    }

    /**
     * Records, under {@code place + key} (its path in the sweep file), the resolver's message when {@code key} itself is
     * no configuration field of the preset, e.g. {@code grid.projections.input_e.plasticity.etta: unknown configuration
     * field '…'; known under projections.input_e.plasticity: [rule, eta, …]}, the message {@code --set} gives; a field
     * unknown only inside a value (a whole section) or a bad value is left to the whole points.
     */
    private static void unknownKey(RunConfigResolver resolver, Map<String, Object> good, String place, String key,
            List<Object> values, Map<String, List<String>> keyProblems, String preset) {
        String field = key.substring(key.lastIndexOf('/') + 1); // a preset's scope is no part of the field
        for (Object value : values) {
            String problem = problem(resolver, good, key, value);
            if (problem != null && field.equals(Configs.unknownField(problem))) {
                keyProblems.computeIfAbsent(place + key + ": " + problem, k -> new ArrayList<>()).add(preset);
                return;
            }
        }
    }

    /**
     * The resolver's message for {@code settings} with {@code key = value} added last (nothing added when key is null);
     * null if it resolves.
     */
    private static String problem(RunConfigResolver resolver, Map<String, Object> settings, String key, Object value) {
        Map<String, Object> trial = new LinkedHashMap<>(settings);
        if (key != null) {
            trial.remove(key); // last in order, as a later entry wins
            trial.put(key, value);
        }
        try {
            resolver.resolve(trial);
            return null;
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    private static Map<String, Object> settings(SweepSpec spec, String preset, String dataset, double fraction, long seed,
            Map<String, Object> variant) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("preset", preset);
        settings.put("dataset.name", dataset);
        settings.put("sleep.fraction", fraction);
        settings.put("seed", seed);
        settings.putAll(spec.set());
        settings.putAll(variant);
        return settings;
    }

    /** The resolved points, and every problem met resolving them. */
    private static final class Points {
        private final SweepSpec spec;
        private final String where;
        private final RunConfigResolver resolver;
        private final List<PlannedRun> runs = new ArrayList<>();
        // distinct resolver messages, each with the first point that produced it and a count
        private final Map<String, String> firstPoint = new LinkedHashMap<>();
        private final Map<String, Integer> counts = new HashMap<>();
        private final Map<String, PlannedRun> byHash = new HashMap<>();
        private final Map<String, PlannedRun> byId = new HashMap<>();
        private final boolean shareControls;
        // a control whose configuration another variant's control has, whole (e.g. a variant that starts at the sleep
        // target, whose untrained control is the other's untrained_sleep_target): that run's id → their variants
        private final Map<String, List<String>> sameControls = new HashMap<>();
        private final List<String> duplicates = new ArrayList<>();

        Points(SweepSpec spec, RunConfigResolver resolver, boolean shareControls) {
            this.spec = spec;
            this.where = spec.source().toString();
            this.resolver = resolver;
            this.shareControls = shareControls;
        }

        /** A point's settings in a message: {@code key=value ...}, a grid value as its variant names it. */
        private String describe(Map<String, Object> settings) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Object> e : settings.entrySet()) {
                parts.add(e.getKey() + "=" + spec.gridText(e.getKey(), e.getValue()));
            }
            return String.join(" ", parts);
        }

        /** Resolves one point and plans its run; null (and a problem recorded) when it does not resolve. */
        ObjectNode add(Map<String, Object> settings, String variant,
                       BiFunction<ObjectNode, String, String> idOfHash) {
            ObjectNode config;
            try {
                config = Objects.requireNonNull(resolver.resolve(settings), "resolver returned null");
            } catch (ConfigException e) {
                String message = e.getMessage();
                firstPoint.putIfAbsent(message, describe(settings));
                counts.merge(message, 1, Integer::sum);
                return null;
            }
            String json = CanonicalJson.write(config);
            String hash = CanonicalJson.sha256(json);
            String id = idOfHash.apply(config, hash);
            PlannedRun run = new PlannedRun(id, settings, variant, config, json, hash);
            // one run whatever the hash says where they differ only in null against absent (the same setting)
            String same = CanonicalJson.sha256(CanonicalJson.write(FieldDomains.withoutOptionalNulls(config)));
            PlannedRun sameConfig = byHash.putIfAbsent(same, run);
            PlannedRun sameId = byId.putIfAbsent(id, run);
            if (sameConfig != null && shareControls && !StudyControl.labelIn(sameConfig.variant()).isEmpty()
                    && !StudyControl.labelIn(variant).isEmpty()) {
                sameControls.computeIfAbsent(sameConfig.runId(), k -> new ArrayList<>()).add(variant);
            } else if (sameConfig != null && !StudyControl.labelIn(sameConfig.variant()).isEmpty()
                    && !StudyControl.labelIn(variant).isEmpty()) {
                // without sharing: two variants' controls that are one run, whole, cannot each run it
                duplicates.add(where + ": the controls of " + describe(sameConfig.settings()) + " and "
                        + describe(settings) + " resolve to the same configuration, so they can only be one run, "
                        + "which share_controls: false rules out; drop share_controls: false (one run then stands for "
                        + "both) or make the variants' controls differ");
            } else if (sameConfig != null && !named(sameConfig.variant()).equals(named(variant))) {
                // e.g. a variant scoped to one preset leaves another preset's runs as the first variant's, or sets
                // null for a field the preset leaves out ({} beside {projections.input_e.delay_max_ms: null})
                duplicates.add(where + ": variants '" + named(sameConfig.variant()) + "' and '" + named(variant)
                        + "' give preset " + settings.get("preset") + " the same configuration (" + describe(settings)
                        + "): what '" + named(variant) + "' sets changes nothing there (a value it already has, a "
                        + "setting scoped to another preset, or null for a field it leaves out, which is the same as "
                        + "leaving it out); give each variant a setting for every preset of the sweep that changes it, "
                        + "or sweep the presets apart");
            } else if (sameConfig != null) {
                duplicates.add(where + ": duplicate runs: " + describe(sameConfig.settings()) + " and "
                        + describe(settings) + " resolve to the same configuration; drop one of the values");
            } else if (sameId != null) {
                duplicates.add(where + ": two runs would be named " + id + ": " + describe(sameId.settings())
                        + " and " + describe(settings));
            } else {
                runs.add(run);
            }
            return config;
        }

        void throwIfAny() {
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, String> e : firstPoint.entrySet()) {
                int n = counts.get(e.getKey());
                problems.add(where + ": " + e.getKey() + " (run " + e.getValue()
                        + (n > 1 ? ", and " + (n - 1) + " more run" + (n > 2 ? "s" : "") : "") + ")");
            }
            problems.addAll(duplicates);
            if (!problems.isEmpty()) {
                String head = problems.size() == 1 ? "" : problems.size() + " problems in sweep file " + where + ":\n  ";
                throw new ConfigException(head + String.join("\n  ", problems));
            }
        }
    }

    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * What a sweep entry's runs are named: the name of the model its configuration gives ({@code preset}: a bundled
     * preset's own, a whole file's, a changes file's name without {@code .yaml}), not the file's name with its
     * extension; the entry as written where that name could not name a directory.
     */
    static String runName(String entry, ObjectNode config) {
        String name = config.path("preset").asText("");
        return RUN_NAME.matcher(name).matches() ? name : entry;
    }

    /** A control run's id: {@code <preset>__<dataset>__<control>__s<seed>} (plus the hash as for {@link #runId}). */
    static String controlRunId(String preset, String dataset, StudyControl control, long seed, String configHash) {
        String id = preset + "__" + dataset + "__" + control.label() + "__s" + seed;
        return configHash == null ? id : id + "__" + configHash.substring(0, SHORT_HASH);
    }

    /**
     * A readable run id: {@code <preset>__<dataset>__f<fraction>__s<seed>}, plus {@code __<8 hex of the
     * configuration hash>} when the sweep has grid keys (so that the other grid values get distinct names); a named
     * variant follows the dataset ({@code <dataset>__<variant>}).
     */
    public static String runId(String preset, String dataset, double fraction, long seed, String configHash) {
        String id = preset + "__" + dataset + "__f" + fraction(fraction) + "__s" + seed;
        return configHash == null ? id : id + "__" + configHash.substring(0, SHORT_HASH);
    }

    /**
     * A fraction with at least two decimals and as many more as it needs: 0.2 → 0.20, 0.125 → 0.125 (run ids; the
     * report writes fractions so too).
     */
    public static String fraction(double f) {
        BigDecimal d = new BigDecimal(Double.toString(f)).stripTrailingZeros();
        if (d.scale() < 2) {
            d = d.setScale(2);
        }
        return d.toPlainString();
    }

    /**
     * The sweep's variants (e.g. {@code delays}, {@code train.images=1000} or {@code delays,train.images=1000}) in the
     * order the sweep plans them: each named variant in the file's order, with the grid's values in theirs; one empty
     * variant for a sweep with neither.
     */
    public static List<String> variantLabels(SweepSpec spec) {
        return variants(spec).stream().map(Variant::label).toList();
    }

    /**
     * One point of the sweep besides its preset, dataset, sleep fraction and seed: a named variant (or none) at a grid
     * point (or none).
     *
     * @param named    the variant's name; "" without {@code variants}
     * @param settings the variant's settings, then the grid point's
     * @param label    the name and the grid's {@code key=value} pairs, joined by ','
     * @param hashed   whether the run id carries the configuration's hash (a grid's values are not in the id)
     */
    private record Variant(String named, Map<String, Object> settings, String label, boolean hashed) {
        /** The dataset part of a run id: the dataset, then the variant's name. */
        String datasetPart(String dataset) {
            return named.isEmpty() ? dataset : dataset + "__" + named;
        }
    }

    private static List<Variant> variants(SweepSpec spec) {
        Map<String, Map<String, Object>> named = spec.variants().isEmpty() ? Map.of("", Map.of()) : spec.variants();
        List<Variant> out = new ArrayList<>();
        named.forEach((name, settings) -> {
            for (Map<String, Object> gridPoint : gridPoints(spec.grid())) {
                Map<String, Object> all = new LinkedHashMap<>(settings);
                all.putAll(gridPoint);
                List<String> parts = new ArrayList<>();
                if (!name.isEmpty()) {
                    parts.add(name);
                }
                gridPoint.forEach((k, v) -> parts.add(k + "=" + spec.gridText(k, v)));
                out.add(new Variant(name, all, String.join(",", parts), !gridPoint.isEmpty()));
            }
        });
        return out;
    }

    /** The named variant of a run's variant label ({@code delays} of {@code delays,train.images=100}); "" for none. */
    public static String named(String variant) {
        String first = variant.split(",", 2)[0];
        return first.contains("=") ? "" : first;
    }


    private static List<Map<String, Object>> gridPoints(Map<String, List<Object>> grid) {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> axis : grid.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : points) {
                for (Object v : axis.getValue()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(axis.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }
}
