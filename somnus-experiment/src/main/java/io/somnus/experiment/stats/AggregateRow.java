package io.somnus.experiment.stats;

/**
 * One metric in one cell: statistics across seeds and, for f &gt; 0, the comparison with f = 0.
 *
 * @param cell          the cell
 * @param metric        flattened summary metric, e.g. {@code test_accuracy}
 * @param stats         mean, std, 95 % CI across seeds
 * @param vsBaseline    comparison with f = 0 (null for f = 0 itself or when the sweep has no f = 0)
 * @param welchPHolm    Welch p-value, Holm-adjusted over the sleep fractions of the same preset × dataset ×
 *                      variant × metric (NaN where there is no comparison)
 * @param pairedPHolm   the paired p-value (the design pairs runs by seed), Holm-adjusted over the same family among
 *                      the fractions that have one (NaN where there are no pairs)
 */
public record AggregateRow(CellKey cell, String metric, CellStats stats, Comparison vsBaseline, double welchPHolm,
                           double pairedPHolm) {
    /**
     * The p-value against f = 0 that the design calls for: the paired one, Holm-adjusted, where the runs pair by seed,
     * else Welch's, Holm-adjusted; NaN without a comparison.
     */
    public double adjustedP() {
        return Double.isNaN(pairedPHolm) ? welchPHolm : pairedPHolm;
    }
}
