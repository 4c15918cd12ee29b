package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One point of a sweep's grid, resolved.
 *
 * @param runId      readable stable name, e.g. {@code paper__fashion-mnist__f0.20__s1}, and the name of its
 *                   directory under {@code runs/}
 * @param settings   the dotted-key settings given to the resolver (preset, dataset.name, sleep.fraction,
 *                   seed, grid and set keys)
 * @param variant    the grid keys' values, e.g. {@code train.images=1000}; "" when the sweep has no grid
 * @param config     the resolved configuration
 * @param configJson its canonical JSON (sorted keys)
 * @param configHash SHA-256 of {@code configJson}
 * @param sharedBy   for an untrained control that stands for other variants' controls too (theirs would give the
 *                   same numbers: {@link ControlSharing}), their variants, e.g. {@code nearest,control=untrained};
 *                   empty for every other run
 */
public record PlannedRun(String runId, Map<String, Object> settings, String variant, ObjectNode config,
                         String configJson, String configHash, List<String> sharedBy) {
    /** Keeps unmodifiable copies of the lists and maps it is given. */
    public PlannedRun {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        sharedBy = List.copyOf(sharedBy);
    }

    /** A run of its own variant only. */
    public PlannedRun(String runId, Map<String, Object> settings, String variant, ObjectNode config, String configJson,
                      String configHash) {
        this(runId, settings, variant, config, configJson, configHash, List.of());
    }

    /** This run with its variant labels, its own and {@link #sharedBy}'s, spelled by {@code spelling}. */
    PlannedRun spelledAs(UnaryOperator<String> spelling) {
        String v = spelling.apply(variant);
        List<String> shared = sharedBy.stream().map(spelling).toList();
        return v.equals(variant) && shared.equals(sharedBy) ? this
                : new PlannedRun(runId, settings, v, config, configJson, configHash, shared);
    }

    /** This run, standing for the controls of {@code variants} too. */
    PlannedRun sharedBy(List<String> variants) {
        return new PlannedRun(runId, settings, variant, config, configJson, configHash, variants);
    }
}
