package io.somnus.plasticity;

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
}
