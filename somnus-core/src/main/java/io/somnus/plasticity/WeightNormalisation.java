package io.somnus.plasticity;

import io.somnus.kernel.Kernels;
import io.somnus.synapse.Projection;

/**
 * Scales the incoming weights of every postsynaptic neuron so that they sum to {@code total}
 * (Diehl &amp; Cook: 78 for 784 inputs, after every presentation). A neuron with zero total is left alone.
 */
public record WeightNormalisation(double total) {
    public WeightNormalisation {
        if (!(total > 0)) {
            throw new IllegalArgumentException("normalisation total must be > 0, got " + total);
        }
    }

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

    /** The same sums (in double, pre neurons in order) and scales, row by row through the kernels. */
    private void applyDense(Projection p) {
        float[] w = p.weights();
        int rows = p.pre().size();
        int n = p.post().size();
        Kernels kernels = p.kernels();
        double[] sums = new double[n];
        for (int i = 0; i < rows; i++) {
            kernels.accumulate(sums, 0, w, i * n, n);
        }
        float[] scale = new float[n];
        for (int j = 0; j < n; j++) {
            scale[j] = sums[j] != 0 ? (float) (total / sums[j]) : 1f;
        }
        for (int i = 0; i < rows; i++) {
            kernels.scaleRow(w, i * n, scale, n);
        }
    }
}
