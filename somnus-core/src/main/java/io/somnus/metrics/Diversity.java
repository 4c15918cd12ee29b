package io.somnus.metrics;

import io.somnus.readout.LabelVoteReadout;

/**
 * Representational diversity of a population:
 * <ul>
 *   <li>winner fraction: fraction of neurons that are the most active neuron (first, on ties) for at least
 *       one sample that made any neuron fire;</li>
 *   <li>assignment entropy: entropy (bits) of the distribution of neurons over classes under the label-vote
 *       assignment (silent neurons excluded), also normalised by log2(classes);</li>
 *   <li>receptive-field similarity: mean cosine similarity over all pairs of receptive fields (columns of
 *       the input→population weight matrix).</li>
 * </ul>
 */
public final class Diversity {
    public record Result(double winnerFraction, double assignmentEntropyBits, double assignmentEntropyNormalised,
                         double meanPairwiseRfCosine) { }

    private Diversity() { }

    /** @param rf input→population weights, row-major [inputs][neurons] (empty for none) */
    public static Result of(double[][] rates, int[] labels, int numClasses, float[] rf, int inputs) {
        int d = rates.length == 0 ? 0 : rates[0].length;
        boolean[] winner = new boolean[d];
        for (double[] row : rates) {
            int arg = -1;
            double best = 0;
            for (int j = 0; j < d; j++) {
                if (row[j] > best) {
                    best = row[j];
                    arg = j;
                }
            }
            if (arg >= 0) {
                winner[arg] = true;
            }
        }
        int winners = 0;
        for (boolean b : winner) {
            winners += b ? 1 : 0;
        }
        int[] assignment = LabelVoteReadout.assign(rates, labels, numClasses);
        int[] perClass = new int[numClasses];
        int assigned = 0;
        for (int a : assignment) {
            if (a >= 0) {
                perClass[a]++;
                assigned++;
            }
        }
        double h = 0;
        for (int c : perClass) {
            if (c > 0) {
                double p = (double) c / assigned;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return new Result(d == 0 ? Double.NaN : (double) winners / d, h,
                numClasses > 1 ? h / (Math.log(numClasses) / Math.log(2)) : 0, meanCosine(rf, inputs, d));
    }

    static double meanCosine(float[] rf, int inputs, int neurons) {
        if (inputs == 0 || neurons < 2 || rf.length != inputs * neurons) {
            return Double.NaN;
        }
        double[] norm = new double[neurons];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < neurons; j++) {
                double x = rf[i * neurons + j];
                norm[j] += x * x;
            }
        }
        double[] dot = new double[neurons];
        double total = 0;
        long pairs = 0;
        for (int a = 0; a < neurons; a++) {
            java.util.Arrays.fill(dot, 0);
            for (int i = 0; i < inputs; i++) {
                double xa = rf[i * neurons + a];
                if (xa == 0) {
                    continue;
                }
                int o = i * neurons;
                for (int b = a + 1; b < neurons; b++) {
                    dot[b] += xa * rf[o + b];
                }
            }
            for (int b = a + 1; b < neurons; b++) {
                double den = Math.sqrt(norm[a] * norm[b]);
                total += den > 0 ? dot[b] / den : 0;
                pairs++;
            }
        }
        return total / pairs;
    }
}
