package io.somnus.metrics;

/**
 * Continual-learning summary (Chaudhry et al. 2018) of {@code acc[i][j]} = accuracy on task j after
 * training task i: average accuracy = mean_j acc[T−1][j]; average forgetting = mean over j &lt; T−1 of
 * (max_{i&lt;T−1} acc[i][j] − acc[T−1][j]), counting only rows i ≥ j (a task cannot be forgotten before
 * it is learned).
 */
public record ContinualForgetting(double averageAccuracy, double averageForgetting, double[] finalTaskAccuracy) {
    public static ContinualForgetting of(double[][] acc) {
        int t = acc.length;
        double[] last = acc[t - 1].clone();
        double avg = 0;
        for (double a : last) {
            avg += a / last.length;
        }
        double forgetting = 0;
        for (int j = 0; j < t - 1; j++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int i = j; i < t - 1; i++) {
                best = Math.max(best, acc[i][j]);
            }
            forgetting += (best - last[j]) / (t - 1);
        }
        return new ContinualForgetting(avg, t > 1 ? forgetting : 0, last);
    }
}
