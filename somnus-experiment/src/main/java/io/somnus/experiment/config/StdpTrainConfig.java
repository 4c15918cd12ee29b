package io.somnus.experiment.config;

/**
 * The STDP-SNN's {@code train} section (see {@link TrainConfig} for the fields every model reads).
 *
 * @param images           training images per epoch
 * @param epochs           passes over the training images
 * @param validationImages images held out of the training split for the checkpoints' evaluations
 * @param testImages       test images for the final evaluation
 * @param readoutImages    training images used (with frozen weights) to fit the readouts at checkpoints
 *                         and at the end; 0 = all training images
 * @param checkpoints      evaluations during training (evenly spaced), the last one at the end
 * @param plasticity       false = the untrained control: weights stay at their initial values
 * @param evalThreads      threads for frozen evaluation, and for the final readouts' fits where the heap holds them
 *                         side by side; 0 = available processors
 * @param initialWeights   where the weights start ({@link InitialWeights}); optional, null (absent) = the preset's
 * @param checkpointSpikes the input spikes of the checkpoints' evaluations ({@link CheckpointSpikes}); optional, null
 *                         (absent) = fresh at each checkpoint
 */
public record StdpTrainConfig(int images, int epochs, int validationImages, int testImages, int readoutImages,
                              int checkpoints, boolean plasticity, int evalThreads, InitialWeights initialWeights,
                              CheckpointSpikes checkpointSpikes)
        implements TrainConfig {
    /**
     * The salt of a checkpoint's evaluation seed after {@code imagesSeen} training images: the images seen, so that
     * each checkpoint draws its own spikes, or 0 at every checkpoint for {@link CheckpointSpikes#SAME}.
     */
    public long checkpointSalt(long imagesSeen) {
        return checkpointSpikes == CheckpointSpikes.SAME ? 0 : imagesSeen;
    }

    /** The frozen evaluation's threads: {@code evalThreads}, or the available processors where it is 0. */
    public int resolvedEvalThreads() {
        return evalThreads > 0 ? evalThreads : Runtime.getRuntime().availableProcessors();
    }

    /** Whether the weights that sleep decays start at the sleep target rather than at the preset's values. */
    public boolean startsAtSleepTarget() {
        return initialWeights == InitialWeights.SLEEP_TARGET;
    }
}
