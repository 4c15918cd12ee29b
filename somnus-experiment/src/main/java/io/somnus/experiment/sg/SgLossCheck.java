package io.somnus.experiment.sg;

import io.somnus.sg.SgConfig;
import io.somnus.sg.SgEpoch;
import io.somnus.sg.SgLoss;
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
        return lossAboveGuessing(epochs.get(epochs.size() - 1).trainLoss(), sg.loss(), sg.steps(), sg.outputs(),
                maxAbsWeight, sg.learningRate());
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
        String yardstick = loss == SgLoss.PER_STEP_SPIKES
                ? String.format(Locale.ROOT, "%d·ln %d, over its %d steps", steps, classes, steps)
                : String.format(Locale.ROOT, "ln %d", classes);
        return Optional.of(String.format(Locale.ROOT, "the SG-SNN's last epoch's mean training loss, %.4g, is above "
                + "%.4g (%s), the loss of a uniform guess over its %d classes: it fits its training images worse than "
                + "guessing. Its largest weight |w| is %.3g (sg.learning_rate = %s): a learning rate too large drives "
                + "the weights so far that the surrogate gradient no longer trains them; a sleep that undoes the "
                + "training can do it too", lastLoss, guess, yardstick, classes, maxAbsWeight, learningRate));
    }
}
