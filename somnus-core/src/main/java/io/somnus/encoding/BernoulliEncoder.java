package io.somnus.encoding;

import io.somnus.core.NumberText;
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

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException for a pixel or an intensity that gives no probability (NaN, negative or
     *                                  infinite), which would otherwise encode as silence or as a spike every step
     */
    @Override
    public void encode(float[] pixels, double intensity, int numSteps, double dtMs, RandomGenerator rng, SpikeTrain out) {
        if (!(intensity >= 0 && Double.isFinite(intensity))) {
            throw new IllegalArgumentException("Bernoulli encoding needs an intensity >= 0 and finite, got " + NumberText.of(intensity));
        }
        GeometricSpikes.encodePixels(pixels, numSteps, pixel -> probabilityPerStep(pixel, intensity),
                "a spike probability", rng, out);
    }
}
