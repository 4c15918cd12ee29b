package io.somnus.experiment.stats;

/**
 * A point of a cell's mean training curve: a metrics.csv column at one checkpoint across seeds.
 *
 * @param cell       the cell
 * @param column     metrics.csv column, e.g. {@code val_accuracy}
 * @param imagesSeen training images seen at the checkpoint
 * @param stats      mean and 95 % CI across the seeds that recorded this checkpoint
 */
public record CurvePoint(CellKey cell, String column, double imagesSeen, CellStats stats) {}
