package io.somnus.metrics;

/**
 * Accuracy and forgetting in a continual protocol of T tasks (Chaudhry et al. 2018, "Riemannian Walk
 * for Incremental Learning", ECCV). With a_ij the accuracy on task j after training on task i:
 * <pre>
 * averageAccuracy   A = (1/T) Σ_j a_{T−1, j}
 * forgetting        f_j = max_{i &lt; T−1} a_ij − a_{T−1, j}          for j &lt; T − 1
 * averageForgetting F = (1/(T−1)) Σ_{j &lt; T−1} f_j                 (NaN when T = 1)
 * </pre>
 * Entries not measured (e.g. a_ij for tasks j not yet seen, i &lt; j) may be NaN; they are skipped in the
 * maxima. The last row must be complete.
 *
 * @param averageAccuracy   A, the mean accuracy over all tasks after the last one
 * @param averageForgetting F, the mean forgetting over the tasks before the last (NaN for one task)
 * @param finalAccuracies   a_{T−1, j} for each task j
 * @param forgetting        f_j for j &lt; T − 1
 */
public record ContinualForgetting(double averageAccuracy, double averageForgetting, double[] finalAccuracies,
        double[] forgetting) {

    /** Copies both arrays. */
    public ContinualForgetting {
        finalAccuracies = finalAccuracies.clone();
        forgetting = forgetting.clone();
    }

    /** a_{T−1, j} for each task j (copy). */
    @Override
    public double[] finalAccuracies() {
        return finalAccuracies.clone();
    }

    /** f_j for each task j &lt; T − 1 (copy). */
    @Override
    public double[] forgetting() {
        return forgetting.clone();
    }

    /** @param acc T × T matrix, {@code acc[i][j]} = accuracy on task j after training task i (not modified) */
    public static ContinualForgetting of(double[][] acc) {
        if (acc == null || acc.length == 0) {
            throw new IllegalArgumentException("task accuracy matrix is empty; at least one task is needed");
        }
        int tasks = acc.length;
        for (int i = 0; i < tasks; i++) {
            if (acc[i] == null || acc[i].length != tasks) {
                throw new IllegalArgumentException("task accuracy matrix row " + i + " has "
                        + (acc[i] == null ? "no" : String.valueOf(acc[i].length)) + " entries; expected " + tasks
                        + " (one per task)");
            }
        }
        double[] last = acc[tasks - 1].clone();
        double sum = 0;
        for (int j = 0; j < tasks; j++) {
            if (!Double.isFinite(last[j])) {
                throw new IllegalArgumentException("accuracy on task " + j + " after the last task is " + last[j]
                        + "; the last row must be complete");
            }
            sum += last[j];
        }
        double[] forgetting = new double[tasks - 1];
        double fsum = 0;
        for (int j = 0; j < tasks - 1; j++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < tasks - 1; i++) {
                if (!Double.isNaN(acc[i][j])) {
                    best = Math.max(best, acc[i][j]);
                }
            }
            if (best == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("task " + j + " has no accuracy measured before the last task");
            }
            forgetting[j] = best - last[j];
            fsum += forgetting[j];
        }
        double averageForgetting = tasks > 1 ? fsum / (tasks - 1) : Double.NaN;
        return new ContinualForgetting(sum / tasks, averageForgetting, last, forgetting);
    }

    /**
     * The learning accuracy (1/T) Σ_j a_jj: the mean accuracy on each task just after training it, what was learnt
     * before anything could be forgotten (Riemer et al. 2019, "Learning to Learn without Forgetting by Maximizing
     * Transfer and Minimizing Interference", ICLR). A network that learns less has less to forget: where it is lower,
     * a lower average forgetting is not more kept.
     *
     * @param acc T × T matrix as for {@link #of}; only its diagonal is read
     * @return NaN when a diagonal entry is not a number
     */
    public static double learningAccuracy(double[][] acc) {
        if (acc == null || acc.length == 0) {
            throw new IllegalArgumentException("task accuracy matrix is empty; at least one task is needed");
        }
        double sum = 0;
        for (int j = 0; j < acc.length; j++) {
            if (acc[j] == null || acc[j].length <= j) {
                throw new IllegalArgumentException("task accuracy matrix row " + j + " has no entry for task " + j);
            }
            sum += acc[j][j];
        }
        return sum / acc.length;
    }
}
