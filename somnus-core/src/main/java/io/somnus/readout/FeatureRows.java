package io.somnus.readout;

/**
 * Samples × features, read one row at a time: what the readouts fit and predict on. A caller may keep the rows in
 * whatever form is compact for them ({@link SpikeCounts} keeps only the neurons that fired), and each readout makes
 * the one dense copy it works on.
 */
public interface FeatureRows {
    /** Number of samples. */
    int rows();

    /** Number of features per sample. */
    int columns();

    /** Writes row {@code row} into {@code out[offset, offset + columns())}. */
    void copyRow(int row, double[] out, int offset);

    /**
     * The rows of a rectangular matrix of finite numbers (not copied; not to be changed while in use).
     *
     * @param what name used in error messages, e.g. {@code "features"}
     * @throws IllegalArgumentException naming the first null, ragged or non-finite row, or an empty matrix
     */
    static FeatureRows of(double[][] x, String what) {
        int d = Features.columns(x, what);
        return new FeatureRows() {
            @Override
            public int rows() {
                return x.length;
            }

            @Override
            public int columns() {
                return d;
            }

            @Override
            public void copyRow(int row, double[] out, int offset) {
                System.arraycopy(x[row], 0, out, offset, d);
            }
        };
    }
}
