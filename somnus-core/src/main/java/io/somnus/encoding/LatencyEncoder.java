package io.somnus.encoding;

import io.somnus.core.NumberText;
import java.util.random.RandomGenerator;

/**
 * Latency (time-to-first-spike) coding: with {@code v_i = min(1, pixel_i · intensity)}, each input with
 * {@code v_i > threshold} spikes exactly once, at step {@code round((1 − v_i) · (numSteps − 1))} — brightest
 * first (step 0 for v = 1), dimmest last; inputs at or below the threshold stay silent. Rounding is half up.
 * Deterministic (the random generator is not used). Thread-safe: the scratch space is the output train's
 * {@link SpikeTrain#builder()}.
 */
public final class LatencyEncoder implements SpikeEncoder {
    private final double threshold;

    /** @param threshold inputs with value at or below it do not spike, in [0, 1) */
    public LatencyEncoder(double threshold) {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("latency threshold must be in [0, 1), got " + NumberText.of(threshold));
        }
        this.threshold = threshold;
    }

    /** Inputs with a value at or below this, in [0, 1), stay silent. */
    public double threshold() {
        return threshold;
    }

    /** Step at which an input of value {@code v} (in (threshold, 1]) spikes. */
    public static int spikeStep(double v, int numSteps) {
        return (int) Math.round((1.0 - v) * (numSteps - 1));
    }

    @Override
    public void encode(float[] pixels, double intensity, int numSteps, double dtMs, RandomGenerator rng, SpikeTrain out) {
        SpikeTrainBuilder b = out.builder();
        b.reset(numSteps);
        if (numSteps > 0) {
            for (int i = 0; i < pixels.length; i++) {
                double v = Math.min(1.0, pixels[i] * intensity);
                if (v > threshold) {
                    b.add(spikeStep(v, numSteps), i);
                }
            }
        }
        b.buildInto(out);
    }
}
