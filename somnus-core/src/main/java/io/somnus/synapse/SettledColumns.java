package io.somnus.synapse;

import java.util.Arrays;

/**
 * The post neurons (columns) of a projection whose incoming weights are, bit for bit, as a normalisation left
 * them when it changed none of them: normalising such a column again reads the same weights, finds the same
 * scale of exactly 1 and changes nothing, so {@link io.somnus.plasticity.WeightNormalisation} skips it. Whoever
 * writes weights reports it here, a column at a time or all at once ({@link Projection#weights()} reports all).
 * <p>Each column remembers the epoch in which it settled; {@link #disturbAll()} starts a new epoch, so that
 * taking the weight array every step costs no pass over the columns.
 */
public final class SettledColumns {
    /** Per column, the epoch in which it settled; 0: never, or disturbed since. */
    private final int[] settledIn;
    private int epoch;

    SettledColumns(int columns) {
        this(columns, 1);
    }

    /** Starting at {@code epoch} (≥ 1), so that a test can reach the last one. */
    SettledColumns(int columns, int epoch) {
        this.settledIn = new int[columns];
        this.epoch = epoch;
    }

    /** Whether column {@code j}'s weights are as a normalisation that changed none of them left them. */
    public boolean isSettled(int j) {
        return settledIn[j] == epoch;
    }

    /** Column {@code j} was normalised and its weights did not change. */
    public void settle(int j) {
        settledIn[j] = epoch;
    }

    /** Column {@code j}'s weights may have changed. */
    public void disturb(int j) {
        settledIn[j] = 0;
    }

    /** Any weight may have changed. */
    public void disturbAll() {
        if (epoch == Integer.MAX_VALUE) {
            Arrays.fill(settledIn, 0);
            epoch = 0;
        }
        epoch++;
    }
}
