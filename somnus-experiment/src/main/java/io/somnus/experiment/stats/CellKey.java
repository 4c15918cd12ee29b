package io.somnus.experiment.stats;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A cell of the study: preset (which fixes the model) × dataset × grid variant × sleep fraction; its runs
 * differ only by seed.
 *
 * @param preset        the preset's name ({@code paper}, {@code paper-code}, {@code diehl-cook}, …)
 * @param model         the model the preset builds: {@code stdp} or {@code sg} ({@code unknown} when not recorded)
 * @param dataset       the dataset's name
 * @param variant       the grid keys' values (empty when the sweep has no grid)
 * @param sleepFraction the sleep fraction f in [0, 1] (0: the baseline the other fractions are compared with)
 */
public record CellKey(String preset, String model, String dataset, String variant, double sleepFraction) {
    /** Preset, dataset, variant ({@link VariantOrder#NUMERIC}: without the sweep file), sleep fraction. */
    public static final Comparator<CellKey> ORDER = order(VariantOrder.NUMERIC);

    /** Preset, dataset (each by name), variant in {@code variants} (a {@link VariantOrder}), sleep fraction. */
    public static Comparator<CellKey> order(Comparator<String> variants) {
        return order(List.of(), List.of(), variants);
    }

    /**
     * Preset and dataset in the order a sweep file lists them ({@code presets}, {@code datasets}; one not listed after
     * those that are, by name), variant in {@code variants} (a {@link VariantOrder}), sleep fraction: the one order of
     * a sweep's cells, in its aggregates, its report and {@code somnus inspect}.
     */
    public static Comparator<CellKey> order(List<String> presets, List<String> datasets, Comparator<String> variants) {
        return Comparator.comparing(CellKey::preset, listed(presets)).thenComparing(CellKey::dataset, listed(datasets))
                .thenComparing(CellKey::variant, variants).thenComparingDouble(CellKey::sleepFraction);
    }

    /** The presets as a cell order ({@link #order}) places them: two cells alike but for their preset. */
    public static Comparator<String> presets(Comparator<CellKey> order) {
        return part(order, p -> new CellKey(p, "", "", "", 0));
    }

    /** The datasets as a cell order ({@link #order}) places them: two cells alike but for their dataset. */
    public static Comparator<String> datasets(Comparator<CellKey> order) {
        return part(order, d -> new CellKey("", "", d, "", 0));
    }

    /** The variants as a cell order ({@link #order}) places them: two cells alike but for their variant. */
    public static Comparator<String> variants(Comparator<CellKey> order) {
        return part(order, v -> new CellKey("", "", "", v, 0));
    }

    private static Comparator<String> part(Comparator<CellKey> order, Function<String, CellKey> cell) {
        return Comparator.comparing(cell, order);
    }

    /** By place in {@code names}, those not in it after, by name. */
    private static Comparator<String> listed(List<String> names) {
        List<String> order = List.copyOf(names);
        return Comparator.<String>comparingInt(n -> {
            int at = order.indexOf(n);
            return at < 0 ? Integer.MAX_VALUE : at;
        }).thenComparing(Comparator.naturalOrder());
    }

    /** The same cell at f = 0, the baseline of every comparison. */
    public CellKey baseline() {
        return new CellKey(preset, model, dataset, variant, 0.0);
    }

    /** The group this cell is a sleep-fraction level of. */
    public String group() {
        return preset + " × " + dataset + (variant.isEmpty() ? "" : " (" + variant + ")");
    }
}
