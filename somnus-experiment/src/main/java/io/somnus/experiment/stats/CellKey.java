package io.somnus.experiment.stats;

import java.util.Comparator;

/**
 * A cell of the study: preset (which fixes the model) × dataset × grid variant × sleep fraction; its runs
 * differ only by seed.
 */
public record CellKey(String preset, String model, String dataset, String variant, double sleepFraction) {
    public static final Comparator<CellKey> ORDER = Comparator.comparing(CellKey::preset)
            .thenComparing(CellKey::dataset).thenComparing(CellKey::variant)
            .thenComparingDouble(CellKey::sleepFraction);

    /** The same cell at f = 0, the baseline of every comparison. */
    public CellKey baseline() {
        return new CellKey(preset, model, dataset, variant, 0.0);
    }

    /** The group this cell is a sleep-fraction level of. */
    public String group() {
        return preset + " × " + dataset + (variant.isEmpty() ? "" : " (" + variant + ")");
    }
}
