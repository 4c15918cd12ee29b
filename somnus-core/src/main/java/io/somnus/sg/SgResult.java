package io.somnus.sg;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of {@link SgTrainer#train}.
 *
 * @param config                the configuration trained
 * @param epochs                one record per epoch
 * @param sleepEpisodes         one record per sleep episode
 * @param validation            the last validation evaluation (accuracy NaN and no rates without validation data)
 * @param weights               final parameters by name, see {@link SgTrainer#weights()}
 * @param shapes                their shapes, see {@link SgTrainer#shapes()}
 * @param sleepFiringRatesHz    firing rate per population averaged over all sleep episodes; empty if none
 * @param wakeSteps             training steps (training images seen × T)
 * @param sleepSteps            sleep steps simulated
 * @param achievedSleepFraction sleepSteps / (sleepSteps + wakeSteps)
 * @param bestValidationEpoch   the 1-based epoch with the highest validation accuracy (the first of equals); 0
 *                              without validation data. Selected on validation data only, never on test data
 * @param bestValidationAccuracy that epoch's validation accuracy (NaN without validation data)
 * @param trainSeconds          wall time of minibatch training (encoding, forward, backward, Adam)
 * @param sleepSeconds          wall time of the sleep episodes
 * @param wallSeconds           wall time of the whole call, evaluations included
 * @param imagesPerSecond       training images per second of {@code trainSeconds}
 * @param blas                  class name of the BLAS implementation that ran
 * @param taskAccuracy          the continual protocol's task-accuracy matrix ({@link SgTasks}): row i after task i,
 *                              column j the accuracy on task j's evaluation images (NaN for j &gt; i); no rows without
 *                              tasks
 */
public record SgResult(SgConfig config, List<SgEpoch> epochs, List<SgSleepEpisode> sleepEpisodes,
                       SgEvaluation validation, Map<String, float[]> weights, Map<String, int[]> shapes,
                       Map<String, Double> sleepFiringRatesHz, long wakeSteps, long sleepSteps,
                       double achievedSleepFraction, int bestValidationEpoch, double bestValidationAccuracy,
                       double trainSeconds, double sleepSeconds, double wallSeconds,
                       double imagesPerSecond, String blas, double[][] taskAccuracy) {
    /**
     * Copies the lists, and the sleep's rates into a map sorted by layer name (so that summary.json does not depend on
     * the JVM's hashing).
     */
    public SgResult {
        epochs = List.copyOf(epochs);
        sleepEpisodes = List.copyOf(sleepEpisodes);
        // sorted: Map.copyOf iterates in an order salted per JVM, and summary.json must not depend on the JVM
        sleepFiringRatesHz = Collections.unmodifiableMap(new TreeMap<>(sleepFiringRatesHz));
        taskAccuracy = rows(taskAccuracy);
    }

    /** A result without tasks (no task-accuracy rows). */
    public SgResult(SgConfig config, List<SgEpoch> epochs, List<SgSleepEpisode> sleepEpisodes, SgEvaluation validation,
                    Map<String, float[]> weights, Map<String, int[]> shapes, Map<String, Double> sleepFiringRatesHz,
                    long wakeSteps, long sleepSteps, double achievedSleepFraction, int bestValidationEpoch,
                    double bestValidationAccuracy, double trainSeconds, double sleepSeconds, double wallSeconds,
                    double imagesPerSecond, String blas) {
        this(config, epochs, sleepEpisodes, validation, weights, shapes, sleepFiringRatesHz, wakeSteps, sleepSteps,
                achievedSleepFraction, bestValidationEpoch, bestValidationAccuracy, trainSeconds, sleepSeconds,
                wallSeconds, imagesPerSecond, blas, new double[0][]);
    }

    /** A copy of the task-accuracy matrix. */
    @Override
    public double[][] taskAccuracy() {
        return rows(taskAccuracy);
    }

    private static double[][] rows(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /** Final validation accuracy (NaN without validation data). */
    public double validationAccuracy() {
        return validation.accuracy();
    }
}
