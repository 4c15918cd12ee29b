/**
 * Statistics across a sweep's runs: per-cell means with confidence intervals, tests of each sleep fraction against
 * no sleep, the beta GLMM through R, and the aggregate files.
 *
 * <p>A sweep's aggregates come back as an {@link io.somnus.experiment.stats.AggregateResult} (from
 * {@code SweepCommandSupport.run} or {@code SweepResults.aggregate(dir)}): one
 * {@link io.somnus.experiment.stats.AggregateRow} per cell ({@link io.somnus.experiment.stats.CellKey}: preset,
 * dataset, variant, sleep fraction) and metric, holding its {@link io.somnus.experiment.stats.CellStats} across seeds
 * and, for f &gt; 0, its {@link io.somnus.experiment.stats.Comparison} with f = 0; the same numbers as
 * {@code aggregate.csv}. Internal to the study (README, "Library use").
 */
package io.somnus.experiment.stats;
