package io.somnus.experiment.config;

import io.somnus.sg.SgConfig;
import io.somnus.sg.SgInputEncoding;
import io.somnus.sg.SgLoss;
import io.somnus.sg.SgSleepConfig;
import io.somnus.sg.SgSleepSchedule;
import io.somnus.sg.SgSurrogate;

/**
 * The SG-SNN's {@code sg} section: the fields of {@link SgConfig} a configuration chooses (see it for each one's
 * meaning). The input and output widths come from the data, the epochs from {@code train.epochs} unless
 * {@code epochs} is given here, and the sleep ratio from {@code sleep.fraction}; every other field is written out
 * in the preset, so the presets, not Java, hold the defaults.
 *
 * @param hidden         LIF neurons per hidden layer
 * @param depth          number of hidden layers
 * @param recurrent      whether each hidden layer has all-to-all recurrent weights
 * @param beta           membrane decay per step β, in [0, 1]
 * @param threshold      firing threshold θ > 0, also the amount subtracted at reset
 * @param detachReset    whether the reset term is excluded from the gradient, as in snnTorch
 * @param steps          time steps T per image
 * @param dtMs           the time step in ms (Poisson input, sleep traces)
 * @param encoding       how pixels enter the network
 * @param poissonRateHz  rate of a pixel of value 1 under Poisson encoding, in Hz
 * @param surrogate      the surrogate derivative of the spike function
 * @param surrogateSlope its slope k
 * @param loss           how the output layer's spikes are read and scored
 * @param learningRate   Adam learning rate
 * @param adamBeta1      Adam β₁
 * @param adamBeta2      Adam β₂
 * @param adamEpsilon    Adam ε
 * @param batchSize      minibatch size
 * @param dropLast       whether an epoch leaves out its last minibatch when it is smaller than {@code batchSize}
 * @param epochs         optional: passes over the training set; null = {@code train.epochs}
 * @param sleepSchedule  when to sleep: after each epoch with probability f, or every ⌊1/f⌋ minibatches
 * @param sleep          the sleep episode's settings
 */
public record SgSection(int hidden, int depth, boolean recurrent, double beta, double threshold, boolean detachReset,
                        int steps, double dtMs, SgInputEncoding encoding, double poissonRateHz, SgSurrogate surrogate,
                        double surrogateSlope, SgLoss loss, double learningRate, double adamBeta1, double adamBeta2,
                        double adamEpsilon, int batchSize, boolean dropLast, Integer epochs,
                        SgSleepSchedule sleepSchedule, SgSleepConfig sleep) {

    /**
     * The network and training this section describes.
     *
     * @param inputs      the images' pixel count
     * @param outputs     the number of classes
     * @param trainEpochs {@code train.epochs} (used unless {@code epochs} is given)
     * @param sleepRatio  {@code sleep.fraction}
     * @throws IllegalArgumentException if {@link SgConfig} refuses a combination (e.g. arrays too large)
     */
    public SgConfig toSgConfig(int inputs, int outputs, int trainEpochs, double sleepRatio) {
        return new SgConfig(inputs, hidden, depth, outputs, recurrent, beta, threshold, steps, dtMs, encoding,
                poissonRateHz, surrogate, surrogateSlope, loss, detachReset, learningRate, adamBeta1, adamBeta2,
                adamEpsilon, batchSize, dropLast, epochs == null ? trainEpochs : epochs, sleepRatio, sleepSchedule,
                sleep);
    }
}
