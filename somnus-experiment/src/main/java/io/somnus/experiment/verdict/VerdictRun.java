package io.somnus.experiment.verdict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the rule reads of one finished run: where it belongs and the quantities of docs/verdict.md.
 *
 * @param preset        preset name
 * @param model         {@code stdp} or {@code sg}
 * @param dataset       dataset name
 * @param variant       grid keys' values without the control ("" when none)
 * @param control       the control's label ({@code untrained}, {@code untrained_sleep_target}), "" for a trained run
 * @param sleepFraction requested sleep fraction
 * @param seed          master seed
 * @param quantities    by {@link Quantity}; a missing or NaN one was not recorded
 */
public record VerdictRun(String preset, String model, String dataset, String variant, String control,
                         double sleepFraction, long seed, Map<Quantity, Double> quantities) {
    /** Keeps unmodifiable copies of the lists and maps it is given. */
    public VerdictRun {
        quantities = Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
    }

    /** The quantity, NaN when not recorded. */
    public double get(Quantity q) {
        Double v = quantities.get(q);
        return v == null ? Double.NaN : v;
    }
}
