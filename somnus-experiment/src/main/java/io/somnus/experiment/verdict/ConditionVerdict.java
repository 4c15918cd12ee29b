package io.somnus.experiment.verdict;

import java.util.List;

/**
 * A claim for one preset on one dataset × grid variant.
 *
 * @param dataset  dataset name
 * @param variant  grid keys' values ("" when none)
 * @param dose     f*, the sleep fraction tested (NaN when the study has none in [0.1, 0.2] here)
 * @param outcome  the conjunction of the criteria
 * @param note     why something was not run ("" when everything was)
 * @param criteria in the order of docs/verdict.md
 */
public record ConditionVerdict(String dataset, String variant, double dose, Outcome outcome, String note,
                               List<Criterion> criteria) {
    /** Keeps unmodifiable copies of the lists and maps it is given. */
    public ConditionVerdict {
        criteria = List.copyOf(criteria);
    }
}
