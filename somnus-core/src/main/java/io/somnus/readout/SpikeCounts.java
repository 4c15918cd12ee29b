package io.somnus.readout;

import java.util.Arrays;

/**
 * Spike counts per sample (image) and neuron, keeping only the neurons that fired: the readouts' features for a
 * network where few neurons answer each image. diehl-cook's N_e = 6 400 fires ≈ 144 spikes per image (0.064 Hz ×
 * 350 ms × 6 400), so 30 000 images take at most ≈ 35 MB here, where one double per image and neuron took 1.4 GiB.
 * Rows are set once each, by any thread (distinct rows from distinct threads need no lock; the caller's join
 * publishes them).
 */
public final class SpikeCounts implements FeatureRows {
    private static final int[] SILENT = new int[0];
    private final int columns;
    /** Per row: the neurons that fired in ascending order, then their counts ({@code 2 × fired} ints). */
    private final int[][] fired;

    /** {@code rows} samples of {@code columns} neurons, every count 0 until its row is set. */
    public SpikeCounts(int rows, int columns) {
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("spike counts of " + rows + " rows × " + columns
                    + " neurons; both must be ≥ 0");
        }
        this.columns = columns;
        this.fired = new int[rows][];
        Arrays.fill(fired, SILENT);
    }

    /**
     * Sets row {@code row} from one count per neuron (copied).
     *
     * @throws IllegalArgumentException if {@code counts} has another length than {@link #columns()} or a negative count
     */
    public void set(int row, int[] counts) {
        if (counts.length != columns) {
            throw new IllegalArgumentException("row " + row + " has " + counts.length + " counts for " + columns
                    + " neurons");
        }
        int k = 0;
        for (int j = 0; j < columns; j++) {
            if (counts[j] < 0) {
                throw new IllegalArgumentException("row " + row + ": neuron " + j + " has count " + counts[j]
                        + "; counts are ≥ 0");
            }
            k += counts[j] != 0 ? 1 : 0;
        }
        int[] packed = new int[2 * k];
        for (int j = 0, t = 0; j < columns; j++) {
            if (counts[j] != 0) {
                packed[t] = j;
                packed[k + t++] = counts[j];
            }
        }
        fired[row] = k == 0 ? SILENT : packed;
    }

    @Override
    public int rows() {
        return fired.length;
    }

    @Override
    public int columns() {
        return columns;
    }

    /** The count of neuron {@code neuron} in row {@code row}. */
    public int count(int row, int neuron) {
        int[] p = fired[row];
        int k = p.length / 2;
        int t = Arrays.binarySearch(p, 0, k, neuron);
        return t >= 0 ? p[k + t] : 0;
    }

    @Override
    public void copyRow(int row, double[] out, int offset) {
        Arrays.fill(out, offset, offset + columns, 0.0);
        int[] p = fired[row];
        int k = p.length / 2;
        for (int t = 0; t < k; t++) {
            out[offset + p[t]] = p[k + t];
        }
    }

    /** The sum of every count: the spikes of all rows. */
    public long total() {
        long sum = 0;
        for (int[] p : fired) {
            for (int t = p.length / 2; t < p.length; t++) {
                sum += p[t];
            }
        }
        return sum;
    }

    /** The counts as one dense row per sample (one double per neuron: 8 bytes each). */
    public double[][] toDense() {
        double[][] out = new double[fired.length][columns];
        for (int i = 0; i < out.length; i++) {
            copyRow(i, out[i], 0);
        }
        return out;
    }

    /** Bytes the rows hold (arrays and their headers, not this object's). */
    public long bytes() {
        long b = 16L + 8L * fired.length;
        for (int[] p : fired) {
            b += p == SILENT ? 0 : 16L + 4L * p.length;
        }
        return b;
    }
}
