package io.somnus.experiment.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control runs a sweep file can ask for ({@code controls:}): untrained STDP-SNNs at f = 0, one per STDP preset ×
 * dataset × variant × grid point × seed (one run for the variants whose controls are alike: the sweep's
 * {@code ControlSharing}), beside the trained ones, so that a study can tell whether sleep improves what is
 * learned or only restores a weight scale (docs/verdict.md).
 */
public enum StudyControl {
    /** Plasticity off: the preset's initial weights throughout. */
    UNTRAINED("untrained", Map.of("train.plasticity", false)),
    /** Plasticity off, every weight sleep decays at ±sleep.target_magnitude: the weight scale sleep restores. */
    UNTRAINED_SLEEP_TARGET("untrained_sleep_target",
            Map.of("train.plasticity", false, "train.initial_weights", Choices.of(InitialWeights.SLEEP_TARGET)));

    /** The prefix of a control's grid variant: {@code control=untrained}. */
    public static final String VARIANT_KEY = "control";

    private final String label;
    private final Map<String, Object> settings;

    StudyControl(String label, Map<String, Object> settings) {
        this.label = label;
        this.settings = settings;
    }

    /** The name a sweep file uses. */
    public String label() {
        return label;
    }

    /** The settings the control adds to its point (sleep.fraction is 0 for every control). */
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>(settings);
        s.put("sleep.fraction", 0.0);
        return s;
    }

    /** The variant its runs are recorded under: {@code control=<label>}. */
    public String variant() {
        return VARIANT_KEY + "=" + label;
    }

    /** The control label in a run's variant ({@code train.images=100,control=untrained} → untrained), "" for none. */
    public static String labelIn(String variant) {
        for (String part : parts(variant)) {
            if (part.startsWith(VARIANT_KEY + "=")) {
                return part.substring(VARIANT_KEY.length() + 1);
            }
        }
        return "";
    }

    /** A run's variant without its control part ({@code train.images=100,control=untrained} → train.images=100). */
    public static String gridPartOf(String variant) {
        List<String> grid = new ArrayList<>();
        for (String part : parts(variant)) {
            if (!part.startsWith(VARIANT_KEY + "=")) {
                grid.add(part);
            }
        }
        return String.join(",", grid);
    }

    private static List<String> parts(String variant) {
        return variant.isEmpty() ? List.of() : List.of(variant.split(","));
    }

    /** The control a sweep file names, or null. */
    public static StudyControl byLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst().orElse(null);
    }

    /** Every label, for messages. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(StudyControl::label).toList();
    }
}
