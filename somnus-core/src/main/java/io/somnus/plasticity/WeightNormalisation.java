package io.somnus.plasticity;

import io.somnus.core.NumberText;
import io.somnus.kernel.Kernels;
import io.somnus.synapse.Projection;
import io.somnus.synapse.SettledColumns;

/**
 * Scales the incoming weights of every postsynaptic neuron so that they sum to {@code total}
 * (Diehl &amp; Cook: 78 for 784 inputs, after every presentation). A neuron with zero total is left alone.
 *
 * @param total the sum each postsynaptic neuron's incoming weights are scaled to (finite, > 0), in the post
 *              population's input unit
 */
public record WeightNormalisation(double total) {
    /** Refuses a total that is not finite and > 0 ({@link IllegalArgumentException}). */
    public WeightNormalisation {
        if (!(total > 0 && Double.isFinite(total))) {
            throw new IllegalArgumentException("normalisation total must be finite and > 0, got " + NumberText.of(total));
        }
    }

    /**
     * Scales each postsynaptic neuron's incoming weights of {@code p}, in place, so that they sum to {@link #total}; a
     * neuron whose weights sum to 0 is left alone. Not thread-safe with anything else writing {@code p}.
     */
    public void apply(Projection p) {
        if (p.isDense()) {
            applyDense(p);
            return;
        }
        float[] w = p.weights();
        int[] colStart = p.colStart();
        int[] colSynapse = p.colSynapse();
        for (int j = 0; j < p.post().size(); j++) {
            double sum = 0;
            for (int c = colStart[j]; c < colStart[j + 1]; c++) {
                sum += w[colSynapse[c]];
            }
            if (sum != 0) {
                float scale = (float) (total / sum);
                for (int c = colStart[j]; c < colStart[j + 1]; c++) {
                    w[colSynapse[c]] *= scale;
                }
            }
        }
    }

    /**
     * The same sums (in double, pre neurons in order) and scales, for the columns that have not settled (see
     * {@link SettledColumns}: a settled column's sum would give a scale of exactly 1 again). When few are open, each
     * is summed down its column; otherwise all are, row by row through the kernels. A column whose scale comes out
     * as exactly 1 (or whose sum is 0) is left as it is and settles.
     */
    private void applyDense(Projection p) {
        float[] w = p.weightsForColumnWrites();
        SettledColumns settled = p.settledColumns();
        int rows = p.pre().size();
        int n = p.post().size();
        int[] open = new int[n];
        int count = settled.open(open);
        if (count == 0) {
            return;
        }
        if (!settled.fewOpen(count)) {
            applyToAllColumns(p, w, settled, rows, n);
            return;
        }
        double[] sums = new double[count];
        for (int i = 0; i < rows; i++) {
            int row = i * n;
            for (int k = 0; k < count; k++) {
                sums[k] += w[row + open[k]];
            }
        }
        for (int k = 0; k < count; k++) {
            int j = open[k];
            float scale = scale(sums[k]);
            if (scale == 1f) {
                settled.settle(j);
                continue;
            }
            for (int i = 0; i < rows; i++) {
                w[i * n + j] *= scale;
            }
        }
    }

    private void applyToAllColumns(Projection p, float[] w, SettledColumns settled, int rows, int n) {
        Kernels kernels = p.kernels();
        double[] sums = new double[n];
        for (int i = 0; i < rows; i++) {
            kernels.accumulate(sums, 0, w, i * n, n);
        }
        float[] scale = new float[n];
        for (int j = 0; j < n; j++) {
            scale[j] = scale(sums[j]);
            if (scale[j] == 1f) { // (a column that changes was open: a settled one finds 1 again)
                settled.settle(j);
            }
        }
        for (int i = 0; i < rows; i++) {
            kernels.scaleRow(w, i * n, scale, n);
        }
    }

    /** total / sum as a float, or 1 for a column whose weights sum to 0 (left alone). */
    private float scale(double sum) {
        return sum != 0 ? (float) (total / sum) : 1f;
    }
}
