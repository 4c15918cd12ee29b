package io.somnus.readout;

/**
 * Diehl &amp; Cook's (2015) label vote: each neuron is assigned the class for which its mean response over
 * the fitting samples is highest (−1 if it never fired); a sample is classified as the class whose
 * assigned neurons have the highest mean response. Classes without neurons cannot win; ties go to the
 * lowest class index.
 */
public record LabelVoteReadout() implements Readout {
    @Override
    public String name() {
        return "vote";
    }

    @Override
    public Fitted fit(double[][] features, int[] labels, int numClasses, long seed) {
        return new Fitted(assign(features, labels, numClasses), numClasses);
    }

    /** Neuron → class of its highest mean response, −1 for a neuron silent on every sample. */
    public static int[] assign(double[][] features, int[] labels, int numClasses) {
        int d = features.length == 0 ? 0 : features[0].length;
        double[][] sum = new double[numClasses][d];
        int[] count = new int[numClasses];
        for (int i = 0; i < features.length; i++) {
            count[labels[i]]++;
            for (int j = 0; j < d; j++) {
                sum[labels[i]][j] += features[i][j];
            }
        }
        int[] assignment = new int[d];
        for (int j = 0; j < d; j++) {
            int best = -1;
            double bestMean = 0;
            for (int c = 0; c < numClasses; c++) {
                if (count[c] == 0) {
                    continue;
                }
                double m = sum[c][j] / count[c];
                if (m > bestMean) {
                    bestMean = m;
                    best = c;
                }
            }
            assignment[j] = best;
        }
        return assignment;
    }

    /** A fitted vote readout. */
    public record Fitted(int[] assignment, int numClasses) implements FittedReadout {
        @Override
        public int[] predict(double[][] features) {
            int[] members = new int[numClasses];
            for (int a : assignment) {
                if (a >= 0) {
                    members[a]++;
                }
            }
            int[] out = new int[features.length];
            double[] score = new double[numClasses];
            for (int i = 0; i < features.length; i++) {
                java.util.Arrays.fill(score, 0);
                for (int j = 0; j < assignment.length; j++) {
                    if (assignment[j] >= 0) {
                        score[assignment[j]] += features[i][j];
                    }
                }
                int best = -1;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < numClasses; c++) {
                    if (members[c] == 0) {
                        continue;
                    }
                    double s = score[c] / members[c];
                    if (s > bestScore) {
                        bestScore = s;
                        best = c;
                    }
                }
                out[i] = Math.max(best, 0);
            }
            return out;
        }
    }
}
