package io.somnus.metrics;

import io.somnus.readout.FeatureRows;
import io.somnus.readout.LabelVoteReadout;

/**
 * Representational diversity of a population of N neurons (spec §5). Definitions:
 * <ul>
 *   <li>{@code winnerFraction}: fraction of the N neurons that are the most active neuron (highest rate,
 *       lowest index on ties) for at least one sample; a sample on which every rate is ≤ 0 has no
 *       winner. 1/N means one neuron wins everything, 1 that every neuron wins somewhere.</li>
 *   <li>{@code assignmentEntropyBits}: Shannon entropy H = −Σ_c q_c log₂ q_c of the distribution of
 *       assigned neurons over classes under the label-vote assignment
 *       ({@link LabelVoteReadout#assign}), q_c = (neurons assigned to c) / (neurons assigned);
 *       unassigned neurons (never fired) are left out, and H = 0 if none is assigned.</li>
 *   <li>{@code assignmentEntropyNormalized} = H / log₂(numClasses), in [0, 1]: 1 when the neurons are
 *       spread evenly over every class (0 when numClasses = 1).</li>
 *   <li>{@code unassignedFraction}: fraction of neurons with no class (never fired on the samples).</li>
 *   <li>{@code meanPairwiseRfCosine}: mean over all pairs j &lt; l of the cosine similarity
 *       u_jᵀu_l of the receptive fields (columns of the input × neuron weight matrix), u_j = rf_j/‖rf_j‖.
 *       Neurons with an all-zero receptive field are left out (their cosine is undefined); NaN when fewer
 *       than two remain. Computed in O(inputs·N) from Σ_{j&lt;l} u_jᵀu_l = (‖Σ_j u_j‖² − m) / 2 over the m
 *       non-zero fields. 1 means every neuron has the same receptive field. NaN too for neurons without
 *       receptive fields (0 inputs: no projection from the input reaches them).</li>
 * </ul>
 *
 * @param winnerFraction              fraction of neurons that are the most active one for at least one sample, in
 *                                    [1/N, 1] (0 when no sample has a winner)
 * @param assignmentEntropyBits       entropy of the assigned neurons' classes, in bits
 * @param assignmentEntropyNormalized that entropy over log₂(numClasses), in [0, 1]
 * @param unassignedFraction          fraction of neurons with no class (never fired on the samples), in [0, 1]
 * @param meanPairwiseRfCosine        mean cosine similarity of the non-zero receptive fields, NaN when fewer than two
 */
public record Diversity(double winnerFraction, double assignmentEntropyBits, double assignmentEntropyNormalized,
        double unassignedFraction, double meanPairwiseRfCosine) {

    /**
     * @param rates      firing rates, samples × neurons (not modified)
     * @param labels     class of each sample, in [0, numClasses)
     * @param numClasses number of classes
     * @param rf         receptive fields, inputs × neurons row-major: {@code rf[i*neurons + j]} is the weight
     *                   from input i to neuron j (not modified); empty, with {@code inputs} 0, for neurons that
     *                   have no input weights (a population no projection from the input reaches), whose
     *                   {@code meanPairwiseRfCosine} is NaN
     * @param inputs     number of inputs (0: no receptive fields)
     */
    public static Diversity of(double[][] rates, int[] labels, int numClasses, float[] rf, int inputs) {
        return of(FeatureRows.of(rates, "rates"), labels, numClasses, rf, inputs);
    }

    /** {@link #of(double[][], int[], int, float[], int)} on rows read one at a time (e.g. spike counts). */
    public static Diversity of(FeatureRows rates, int[] labels, int numClasses, float[] rf, int inputs) {
        int[] assignment = LabelVoteReadout.assign(rates, labels, numClasses);
        int neurons = assignment.length;
        if (rf == null) {
            throw new IllegalArgumentException("receptive-field array is null");
        }
        if (inputs < 0 || (long) inputs * neurons != rf.length) {
            throw new IllegalArgumentException("receptive fields have " + rf.length + " weights but inputs × neurons = "
                    + inputs + " × " + neurons + "; expected inputs*neurons entries, row-major by input");
        }
        boolean[] winner = new boolean[neurons];
        int winners = 0;
        double[] r = new double[neurons];
        for (int i = 0; i < rates.rows(); i++) {
            rates.copyRow(i, r, 0);
            int best = -1;
            double bestRate = 0;
            for (int j = 0; j < neurons; j++) {
                if (r[j] > bestRate) {
                    bestRate = r[j];
                    best = j;
                }
            }
            if (best >= 0 && !winner[best]) {
                winner[best] = true;
                winners++;
            }
        }
        int[] perClass = new int[numClasses];
        int assigned = 0;
        for (int a : assignment) {
            if (a >= 0) {
                perClass[a]++;
                assigned++;
            }
        }
        double bits = Entropy.bits(perClass, assigned);
        double normalized = numClasses > 1 ? bits / (Math.log(numClasses) / Math.log(2)) : 0.0;
        return new Diversity((double) winners / neurons, bits, normalized,
                (double) (neurons - assigned) / neurons, meanPairwiseCosine(rf, inputs, neurons));
    }

    /** Mean cosine similarity over pairs of non-zero columns of the row-major {@code rows × cols} matrix m. */
    static double meanPairwiseCosine(float[] m, int rows, int cols) {
        double[] norm = new double[cols];
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) {
                double v = m[o + j];
                norm[j] += v * v;
            }
        }
        int nonZero = 0;
        for (int j = 0; j < cols; j++) {
            if (norm[j] > 0) {
                norm[j] = 1.0 / Math.sqrt(norm[j]);
                nonZero++;
            }
        }
        if (nonZero < 2) {
            return Double.NaN;
        }
        double sumSq = 0;
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += m[o + j] * norm[j];
            }
            sumSq += s * s;
        }
        return (sumSq - nonZero) / ((double) nonZero * (nonZero - 1));
    }
}
