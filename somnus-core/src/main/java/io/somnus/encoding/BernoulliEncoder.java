package io.somnus.encoding;

import java.util.random.RandomGenerator;

/**
 * Per-step Bernoulli coding (the paper's input): input i spikes in each step independently with probability
 * {@code p_i = min(1, pixel_i · intensity)}, whatever the step length. Expected spikes per input:
 * {@code numSteps · p_i}. Thread-safe: the scratch space is the output train's
 * {@link SpikeTrain#builder()}.
 */
public final class BernoulliEncoder implements SpikeEncoder {
    /** The probability that input with value {@code pixel} spikes in one step. */
    public static double probabilityPerStep(float pixel, double intensity) {
        return Math.min(1.0, pixel * intensity);
    }

    @Override
    public void encode(float[] pixels, double intensity, int numSteps, double dtMs, RandomGenerator rng, SpikeTrain out) {
        SpikeTrainBuilder b = out.builder();
        b.reset(numSteps);
        double[] p = b.probabilities(pixels.length);
        for (int i = 0; i < pixels.length; i++) {
            p[i] = probabilityPerStep(pixels[i], intensity);
        }
        GeometricSpikes.emitAll(b, p, pixels.length, numSteps, rng);
        b.buildInto(out);
    }
}
