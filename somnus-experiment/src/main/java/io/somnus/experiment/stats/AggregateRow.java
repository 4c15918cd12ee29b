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
 */
public record AggregateRow(CellKey cell, String metric, CellStats stats, Comparison vsBaseline, double welchPHolm) {}
