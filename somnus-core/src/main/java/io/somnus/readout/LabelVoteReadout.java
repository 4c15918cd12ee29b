package io.somnus.readout;

import java.util.Arrays;

/**
 * The label-vote readout of Diehl &amp; Cook (2015): each neuron is assigned to the class for which its
 * mean response over the training samples of that class is highest,
 * <pre>a_j = argmax_c r̄_cj,   r̄_cj = (1/|S_c|) Σ_{i∈S_c} r_ij,</pre>
 * (ties go to the lowest class index; a neuron whose highest class mean is not above 0, i.e. one that
 * never fired, is unassigned: a_j = −1; a class without training samples gets no neurons). A sample is
 * classified as the class whose assigned neurons have the highest mean rate,
 * <pre>ŷ = argmax_{c : |A_c| &gt; 0} (1/|A_c|) Σ_{j∈A_c} r_j,</pre>
 * so a class with no neuron assigned cannot win; ties go to the lowest class index. If no neuron is
 * assigned at all, every sample is predicted as the most frequent training class (lowest index on
 * ties), i.e. chance level. Deterministic: the seed is not used. The fitted readout is immutable and
 * thread-safe.
 */
public final class LabelVoteReadout implements Readout {
    /** Name used in metrics and summaries. */
    public static final String NAME = "vote";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long fitBytes(int n, int d, int numClasses) {
        return (long) Double.BYTES * (numClasses + 1L) * d; // the class sums of assign() and a row
    }

    @Override
    public Fitted fit(double[][] features, int[] labels, int numClasses, long seed) {
        return fit(FeatureRows.of(features, "features"), labels, numClasses, seed);
    }

    @Override
    public Fitted fit(FeatureRows features, int[] labels, int numClasses, long seed) {
        int[] assignments = assign(features, labels, numClasses);
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        int majority = 0;
        for (int c = 1; c < numClasses; c++) {
            if (counts[c] > counts[majority]) {
                majority = c;
            }
        }
        return new Fitted(assignments, numClasses, majority);
    }

    /**
     * The neuron → class assignment (−1 for a neuron that never fired) from responses {@code rates}
     * (samples × neurons, not modified).
     */
    public static int[] assign(double[][] rates, int[] labels, int numClasses) {
        return assign(FeatureRows.of(rates, "rates"), labels, numClasses);
    }

    /** {@link #assign(double[][], int[], int)} on rows read one at a time. */
    public static int[] assign(FeatureRows rates, int[] labels, int numClasses) {
        int neurons = Features.columns(rates, "rates");
        Features.checkLabels(labels, rates.rows(), numClasses);
        double[] sums = new double[numClasses * neurons];
        int[] counts = new int[numClasses];
        double[] r = new double[neurons];
        for (int i = 0; i < rates.rows(); i++) {
            int o = labels[i] * neurons;
            counts[labels[i]]++;
            rates.copyRow(i, r, 0);
            for (int j = 0; j < neurons; j++) {
                sums[o + j] += r[j];
            }
        }
        int[] out = new int[neurons];
        Arrays.fill(out, -1);
        double[] best = new double[neurons];
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] == 0) {
                continue;
            }
            int o = c * neurons;
            double inv = 1.0 / counts[c];
            for (int j = 0; j < neurons; j++) {
                double m = sums[o + j] * inv;
                if (m > best[j]) {
                    best[j] = m;
                    out[j] = c;
                }
            }
        }
        return out;
    }

    /** The fitted vote readout. */
    public static final class Fitted implements FittedReadout {
        private final int[] assignments;
        private final int numClasses;
        private final int fallbackClass;
        private final int[] assignedCount;

        Fitted(int[] assignments, int numClasses, int fallbackClass) {
            this.assignments = assignments;
            this.numClasses = numClasses;
            this.fallbackClass = fallbackClass;
            this.assignedCount = new int[numClasses];
            for (int a : assignments) {
                if (a >= 0) {
                    assignedCount[a]++;
                }
            }
        }

        /** Class of each neuron, −1 for a neuron that never fired (copy). */
        public int[] assignments() {
            return assignments.clone();
        }

        /** Number of neurons assigned to each class (copy). */
        public int[] assignedCount() {
            return assignedCount.clone();
        }

        /** Class predicted when no neuron is assigned: the most frequent training class. */
        public int fallbackClass() {
            return fallbackClass;
        }

        @Override
        public int[] predict(FeatureRows features) {
            Features.checkColumns(features, assignments.length, "features");
            int[] out = new int[features.rows()];
            double[] sums = new double[numClasses];
            double[] r = new double[assignments.length];
            for (int i = 0; i < out.length; i++) {
                Arrays.fill(sums, 0.0);
                features.copyRow(i, r, 0);
                for (int j = 0; j < assignments.length; j++) {
                    int a = assignments[j];
                    if (a >= 0) {
                        sums[a] += r[j];
                    }
                }
                int best = -1;
                double bestMean = 0;
                for (int c = 0; c < numClasses; c++) {
                    if (assignedCount[c] == 0) {
                        continue;
                    }
                    double m = sums[c] / assignedCount[c];
                    if (best < 0 || m > bestMean) {
                        best = c;
                        bestMean = m;
                    }
                }
                out[i] = best < 0 ? fallbackClass : best;
            }
            return out;
        }
    }
}
