package io.somnus.sg;

/**
 * What happened in one training epoch of the SG-SNN.
 *
 * @param epoch                         1-based epoch number
 * @param trainLoss                     mean cross-entropy over the epoch's training images (during training)
 * @param validationAccuracy            validation accuracy after the epoch (after its sleep, if it slept); NaN
 *                                      without validation data
 * @param slept                         whether a sleep episode followed this epoch
 * @param validationAccuracyBeforeSleep validation accuracy after the epoch's training but before its sleep; NaN
 *                                      if it did not sleep or without validation data
 * @param wakeSteps                     training steps so far (training images seen × T)
 * @param sleepSteps                    sleep steps so far
 * @param achievedSleepFraction         sleepSteps / (sleepSteps + wakeSteps) so far
 * @param imagesPerSecond               training images per second of this epoch's training (excluding sleep
 *                                      and evaluation)
 * @param epochSeconds                  wall time of the whole epoch: training, sleep and evaluation
 */
public record SgEpoch(int epoch, double trainLoss, double validationAccuracy, boolean slept,
                      double validationAccuracyBeforeSleep, long wakeSteps, long sleepSteps,
                      double achievedSleepFraction, double imagesPerSecond, double epochSeconds) {
}
