package io.somnus.experiment.sg;

import io.somnus.core.NumberText;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgEpoch;
import io.somnus.sg.SgLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an SG-SNN run learned anything it kept: a learning rate so large that the weights grow huge but finite
 * (sg.learning_rate = 10 on sg-fc: |w| near 50, and the surrogate gradient of neurons that all fire or all stay silent
 * trains them no more) ends at chance accuracy, passing the check of non-finite weights. The yardstick is the loss of
 * a uniform guess, the cross-entropy ln C of equal class scores over C classes (with {@code per_step_spikes}, summed
 * over the T steps, T·ln C): a last epoch whose mean training loss is above it fits its own training images worse
 * than guessing, whatever the cause (the learning rate, a sleep that undoes the training). A network whose outputs
 * all fell silent (a sleep at f = 0.5 can do it: the quick study's paper-sg geomfig f = 0.5 seed 3) scores every
 * class alike, its loss ln C up to rounding: no better than guessing, but not worse, and no sign of a learning rate
 * too large; so the loss must exceed the yardstick beyond rounding ({@link #ROUNDING}). It is a warning, recorded in
 * summary.json's {@code warnings}: the run and its numbers stand as they are.
 */
public final class SgLossCheck {
    /** The relative margin above the yardstick that is more than the rounding of a mean of equal losses. */
    static final double ROUNDING = 1e-9;

    private SgLossCheck() { }

    /** The mean loss per image of equal class scores: ln C, or T·ln C where the loss sums every step's. */
    public static double guessingLoss(SgLoss loss, int steps, int classes) {
        return (loss == SgLoss.PER_STEP_SPIKES ? steps : 1) * Math.log(classes);
    }

    /** The warning for the run's last epoch's training loss, where it is above {@link #guessingLoss}. */
    public static Optional<String> of(SgConfig sg, List<SgEpoch> epochs, Map<String, float[]> parameters) {
        return of(sg, epochs, parameters, epochs.size());
    }

    /**
     * The warning for the training loss at the end of each task of {@code epochsPerTask} epochs (the continual
     * protocol: each task's last epoch; one task of every epoch: the run's last), where one is above
     * {@link #guessingLoss} over all the outputs: a task's images are of its own classes, but the network scores every
     * class, and equal scores cost ln C on any image. A task that ends above it was left worse than guessing, whatever
     * a later task's loss.
     */
    public static Optional<String> of(SgConfig sg, List<SgEpoch> epochs, Map<String, float[]> parameters,
                                      int epochsPerTask) {
        if (epochs.isEmpty()) {
            return Optional.empty();
        }
        double maxAbsWeight = 0;
        for (Map.Entry<String, float[]> e : parameters.entrySet()) {
            if (e.getKey().startsWith("w_")) {
                for (float w : e.getValue()) {
                    maxAbsWeight = Math.max(maxAbsWeight, Math.abs(w));
                }
            }
        }
        int perTask = epochsPerTask < 1 || epochsPerTask >= epochs.size() ? epochs.size() : epochsPerTask;
        double[] taskEndLosses = new double[(epochs.size() + perTask - 1) / perTask];
        for (int k = 0; k < taskEndLosses.length; k++) {
            taskEndLosses[k] = epochs.get(Math.min(epochs.size(), (k + 1) * perTask) - 1).trainLoss();
        }
        return taskEndLosses.length == 1
                ? lossAboveGuessing(taskEndLosses[0], sg.loss(), sg.steps(), sg.outputs(), maxAbsWeight,
                        sg.learningRate())
                : tasksAboveGuessing(taskEndLosses, sg.loss(), sg.steps(), sg.outputs(), maxAbsWeight,
                        sg.learningRate());
    }

    /**
     * @param taskEndLosses the mean training loss per image of each task's last epoch, task 1 first
     * @param maxAbsWeight  the largest |w| of the trained weights (biases apart)
     */
    static Optional<String> tasksAboveGuessing(double[] taskEndLosses, SgLoss loss, int steps, int classes,
                                               double maxAbsWeight, double learningRate) {
        double guess = guessingLoss(loss, steps, classes);
        List<String> above = new ArrayList<>();
        for (int k = 0; k < taskEndLosses.length; k++) {
            if (taskEndLosses[k] > guess * (1 + ROUNDING)) {
                above.add(String.format(Locale.ROOT, "task %d %.4g", k + 1, taskEndLosses[k]));
            }
        }
        if (above.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the SG-SNN's mean training loss at the end of %s (of %d "
                + "tasks: %s) is above %.4g (%s), the loss of a uniform guess over its %d classes: it fits those "
                + "training images worse than guessing. %s", above.size() == 1 ? "a task" : "tasks",
                taskEndLosses.length, String.join(", ", above), guess, yardstick(loss, steps, classes), classes,
                cause(maxAbsWeight, learningRate)));
    }

    /**
     * @param lastLoss     the last epoch's mean training loss per image
     * @param maxAbsWeight the largest |w| of the trained weights (biases apart)
     */
    static Optional<String> lossAboveGuessing(double lastLoss, SgLoss loss, int steps, int classes,
                                              double maxAbsWeight, double learningRate) {
        double guess = guessingLoss(loss, steps, classes);
        if (!(lastLoss > guess * (1 + ROUNDING))) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the SG-SNN's last epoch's mean training loss, %.4g, is above "
                + "%.4g (%s), the loss of a uniform guess over its %d classes: it fits its training images worse than "
                + "guessing. %s", lastLoss, guess, yardstick(loss, steps, classes), classes,
                cause(maxAbsWeight, learningRate)));
    }

    private static String cause(double maxAbsWeight, double learningRate) {
        // the learning rate as the configuration's numbers are written in every message (10, 0.001; not 10.0)
        return String.format(Locale.ROOT, "Its largest weight |w| is %.3g (sg.learning_rate = %s): a learning rate too "
                + "large drives the weights so far that the surrogate gradient no longer trains them; a sleep that "
                + "undoes the training can do it too", maxAbsWeight, NumberText.of(learningRate));
    }

    private static String yardstick(SgLoss loss, int steps, int classes) {
        return loss == SgLoss.PER_STEP_SPIKES
                ? String.format(Locale.ROOT, "%d·ln %d, over its %d steps", steps, classes, steps)
                : String.format(Locale.ROOT, "ln %d", classes);
    }
}
