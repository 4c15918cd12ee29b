package io.somnus.sg;

import io.somnus.sleep.SleepClock;
import java.util.Arrays;
import java.util.List;

/**
 * Puts a checkpoint's state into a freshly built run ({@link SgTrainer#train} given one), after checking that it fits:
 * its epoch, the arrays' shapes, its image order, its tasks, its layers and its generators' seed.
 */
final class SgResume {
    private SgResume() { }

    /**
     * Refuses {@code c} where it does not fit the run, else gives the run its state.
     *
     * @param order the images of the checkpoint's task (every training image without tasks)
     */
    static void restore(SgCheckpoint c, SgNetwork net, SgAdam adam, int[] order, int totalEpochs, SgStreams streams,
                        SleepClock clock, SgSleepEpisodes slept, SgBestValidationEpoch best, List<SgEpoch> epochs,
                        double[][] taskAccuracy) {
        if (c.epoch < 1 || c.epoch > totalEpochs) {
            throw new IllegalArgumentException("the checkpoint is after epoch " + c.epoch + ", but the run has epochs 1 to "
                    + totalEpochs);
        }
        float[][] params = net.parameters();
        fits("parameters", c.parameters, params);
        fits("Adam's first moments", c.adamFirst, params);
        fits("Adam's second moments", c.adamSecond, params);
        if (c.bestParameters != null) {
            fits("best validation epoch's parameters", c.bestParameters, params);
        }
        if (!samePermuted(c.order, order)) {
            throw new IllegalArgumentException("the checkpoint's image order is not a permutation of the " + order.length
                    + " training images" + (taskAccuracy.length > 0 ? " of its task" : ""));
        }
        if (c.taskAccuracy.length != taskAccuracy.length) {
            throw new IllegalArgumentException("the checkpoint has " + (c.taskAccuracy.length == 0 ? "no"
                    : String.valueOf(c.taskAccuracy.length)) + " continual tasks, the run " + taskAccuracy.length);
        }
        if (c.sleptSpikes.length != net.layers) {
            throw new IllegalArgumentException("the checkpoint has sleep spikes of " + c.sleptSpikes.length
                    + " layers, the network " + net.layers);
        }
        streams.restore(c.seeds, c.gammas); // the last refusal: another seed
        net.setParameters(c.parameters);
        adam.restore(c.adamFirst, c.adamSecond, c.adamSteps);
        System.arraycopy(SgCheckpoint.copyRows(c.taskAccuracy), 0, taskAccuracy, 0, taskAccuracy.length);
        clock.schedule().restoreCounted(c.scheduleCounted);
        clock.restore(c.wakeSteps, c.sleepSteps, c.clockEpisodes, c.clockEndedEarly);
        slept.restore(c.sleptSpikes, c.sleptSeconds, c.episodes);
        best.epoch = c.bestEpoch;
        best.accuracy = c.bestAccuracy;
        best.parameters = c.bestParameters == null ? null : SgCheckpoint.copy(c.bestParameters);
        epochs.addAll(c.epochs);
    }

    private static void fits(String what, float[][] saved, float[][] params) {
        if (saved.length != params.length) {
            throw new IllegalArgumentException("the checkpoint's " + what + " are " + saved.length
                    + " arrays, the network has " + params.length);
        }
        for (int i = 0; i < params.length; i++) {
            if (saved[i].length != params[i].length) {
                throw new IllegalArgumentException("the checkpoint's " + what + ": array " + i + " has "
                        + saved[i].length + " values, the network's " + params[i].length);
            }
        }
    }

    /** Whether {@code order} holds the images of {@code images}, each once, in any order. */
    private static boolean samePermuted(int[] order, int[] images) {
        if (order.length != images.length) {
            return false;
        }
        int[] a = order.clone();
        int[] b = images.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        return Arrays.equals(a, b);
    }
}
