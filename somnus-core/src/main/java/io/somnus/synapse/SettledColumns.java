package io.somnus.synapse;

import io.somnus.core.StateStreams;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The post neurons (columns) of a projection whose incoming weights are, bit for bit, as a normalisation left
 * them when it changed none of them: normalising such a column again reads the same weights, finds the same
 * scale of exactly 1 and changes nothing, so {@link io.somnus.plasticity.WeightNormalisation} skips it. Whoever
 * writes weights reports it here, a column at a time or all at once ({@link Projection#weights()} reports all).
 * <p>A settled column holds only finite weights: the normalisation found their sum finite (a NaN or an infinity
 * makes the sum of floats in double NaN or infinite), and nothing wrote them since.
 * <p>Each column remembers the epoch in which it settled; {@link #disturbAll()} starts a new epoch, so that
 * taking the weight array every step costs no pass over the columns.
 */
public final class SettledColumns {
    /**
     * Above one open column in this many, walking whole rows costs less than walking the open columns (each a cache
     * line per row).
     */
    static final int WHOLE_ROWS_ABOVE = 4;

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

    /** Writes the columns that are not settled to {@code into}, in ascending order; returns how many. */
    public int open(int[] into) {
        int count = 0;
        for (int j = 0; j < settledIn.length; j++) {
            if (settledIn[j] != epoch) {
                into[count++] = j;
            }
        }
        return count;
    }

    /**
     * Whether {@code count} open columns ({@link #open}) are few enough to walk one by one rather than by whole rows.
     */
    public boolean fewOpen(int count) {
        return count * WHOLE_ROWS_ABOVE <= settledIn.length;
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

    void writeState(DataOutput out) throws IOException {
        out.writeInt(epoch);
        StateStreams.writeInts(out, settledIn);
    }

    void readState(DataInput in, String what) throws IOException {
        epoch = in.readInt();
        StateStreams.readInts(in, settledIn, what + " settled columns");
    }
}
