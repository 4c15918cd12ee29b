package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.stats.VariantSpelling;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

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
    public PlannedRun {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        sharedBy = List.copyOf(sharedBy);
    }

    /** A run of its own variant only. */
    public PlannedRun(String runId, Map<String, Object> settings, String variant, ObjectNode config, String configJson,
                      String configHash) {
        this(runId, settings, variant, config, configJson, configHash, List.of());
    }

    /**
     * This run with the variant labels a ledger recorded for it ({@code variant}, {@code sharedBy}) where they name the
     * same variants spelled otherwise ({@link VariantSpelling}); this run where they are spelled alike or differ.
     */
    PlannedRun spelledAs(String recordedVariant, List<String> recordedSharedBy) {
        boolean variantSpelled = !variant.equals(recordedVariant) && VariantSpelling.same(variant, recordedVariant);
        boolean sharedSpelled = !sharedBy.equals(recordedSharedBy) && sharedBy.size() == recordedSharedBy.size()
                && IntStream.range(0, sharedBy.size()).allMatch(i -> VariantSpelling.same(sharedBy.get(i),
                recordedSharedBy.get(i)));
        if (!variantSpelled && !sharedSpelled) {
            return this;
        }
        return new PlannedRun(runId, settings, variantSpelled ? recordedVariant : variant, config, configJson,
                configHash, sharedSpelled ? recordedSharedBy : sharedBy);
    }

    /** This run, standing for the controls of {@code variants} too. */
    PlannedRun sharedBy(List<String> variants) {
        return new PlannedRun(runId, settings, variant, config, configJson, configHash, variants);
    }
}
