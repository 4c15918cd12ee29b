package io.somnus.readout;

import java.util.Arrays;

/** Argument checks and layout helpers shared by the readouts (package-private). */
final class Features {
    private Features() {
    }

    /**
     * Checks that {@code x} is a non-empty rectangular matrix of finite numbers and returns its
     * number of columns.
     *
     * @param what name used in error messages, e.g. {@code "features"}
     */
    static int columns(double[][] x, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(what + " has no rows; at least one sample is needed");
        }
        if (x[0] == null) {
            throw new IllegalArgumentException(what + "[0] is null");
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            if (row == null) {
                throw new IllegalArgumentException(what + "[" + i + "] is null");
            }
            if (row.length != d) {
                throw new IllegalArgumentException(what + "[" + i + "] has " + row.length
                        + " columns but " + what + "[0] has " + d + "; all rows must have the same length");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(what + "[" + i + "][" + j + "] = " + row[j]
                            + "; features must be finite");
                }
            }
        }
        return d;
    }

    /** Checks rows of {@code x} against the dimension a fitted model expects. */
    static void checkColumns(double[][] x, int expected, String what) {
        checkColumns(FeatureRows.of(x, what), expected, what);
    }

    /**
     * Checks that {@code x} has at least one row and returns its number of columns.
     *
     * @param what name used in error messages, e.g. {@code "features"}
     */
    static int columns(FeatureRows x, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (x.rows() == 0) {
            throw new IllegalArgumentException(what + " has no rows; at least one sample is needed");
        }
        return x.columns();
    }

    /** Checks the rows of {@code x} against the dimension a fitted model expects. */
    static void checkColumns(FeatureRows x, int expected, String what) {
        int d = columns(x, what);
        if (d != expected) {
            throw new IllegalArgumentException(what + " has " + d + " columns but the readout was fitted on "
                    + expected);
        }
    }

    /** Checks labels: one per row, each in {@code [0, numClasses)}. */
    static void checkLabels(int[] labels, int rows, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses = " + numClasses + "; must be >= 1");
        }
        if (labels == null) {
            throw new IllegalArgumentException("labels is null");
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries but features has "
                    + rows + " rows");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is outside [0, "
                        + numClasses + ")");
            }
        }
    }

    /** Row-major copy of {@code x} ({@code rows × d}). */
    static double[] flatten(double[][] x, int d) {
        double[] out = new double[x.length * d];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * d, d);
        }
        return out;
    }

    /** Row-major copy of the rows of {@code x} ({@code rows × columns}). */
    static double[] flatten(FeatureRows x) {
        int d = x.columns();
        double[] out = new double[Math.multiplyExact(x.rows(), d)];
        for (int i = 0; i < x.rows(); i++) {
            x.copyRow(i, out, i * d);
        }
        return out;
    }

    /**
     * Rows per block when a readout standardises features to transform or predict them: 50 MB at 6 400 features, where
     * the whole of 20 000 readout images took 1 GiB beside the PCA's results.
     */
    static final int BLOCK_ROWS = 1024;

    /** What a readout does with a block of standardised rows: {@code rows} rows from row {@code first}, row-major. */
    interface Block {
        void accept(double[] block, int first, int rows);
    }

    /**
     * Hands the rows of {@code x}, standardised by {@code s}, to {@code action} {@link #BLOCK_ROWS} at a time. Each row
     * is standardised and transformed on its own, so the results are those of the whole matrix at once.
     */
    static void standardisedBlocks(FeatureRows x, Standardizer s, Block action) {
        int n = x.rows();
        int d = x.columns();
        double[] block = new double[Math.min(n, BLOCK_ROWS) * d];
        for (int first = 0; first < n; first += BLOCK_ROWS) {
            int rows = Math.min(BLOCK_ROWS, n - first);
            for (int i = 0; i < rows; i++) {
                x.copyRow(first + i, block, i * d);
            }
            s.transformInPlace(block, rows);
            action.accept(block, first, rows);
        }
    }

    /** Rows of a row-major {@code rows × d} array. */
    static double[][] unflatten(double[] flat, int rows, int d) {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return out;
    }

    /** Index of the largest entry of {@code v[off .. off+len)} (first one on ties). */
    static int argmax(double[] v, int off, int len) {
        int best = 0;
        double bv = v[off];
        for (int k = 1; k < len; k++) {
            if (v[off + k] > bv) {
                bv = v[off + k];
                best = k;
            }
        }
        return best;
    }
}
