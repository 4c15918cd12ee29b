package io.somnus.encoding;

import io.somnus.core.NumberText;
import java.util.random.RandomGenerator;

/**
 * Poisson rate coding (Diehl &amp; Cook 2015): input i fires at rate {@code r_i = pixel_i · maxRate · intensity}
 * (Hz), discretised as in Brian2's {@code PoissonGroup}: it spikes in each step of {@code dt} ms independently
 * with probability {@code min(1, r_i · dt / 1000)}. Expected spikes per input: {@code numSteps · p_i}.
 * Thread-safe: the scratch space is the output train's {@link SpikeTrain#builder()}.
 */
public final class PoissonEncoder implements SpikeEncoder {
    /** Diehl &amp; Cook's maximum input rate for a pixel of 1 (255/4 Hz), at intensity 1. */
    public static final double DIEHL_COOK_MAX_RATE_HZ = 63.75;

    private final double maxRateHz;

    /**
     * An encoder of rates rather than images (Brian2's {@code PoissonGroup}): each value given to {@link #encode} is its
     * input's rate in Hz (at intensity 1), as {@code new PoissonEncoder(1.0)}; e.g.
     * {@code PoissonEncoder.ofRatesHz().encode(ratesHz, 1.0, 1000, 1.0, rng, train)} for 1 s of steps of 1 ms.
     */
    public static PoissonEncoder ofRatesHz() {
        return new PoissonEncoder(1.0);
    }

    /** @param maxRateHz rate of a pixel of value 1 at intensity 1, in Hz (≥ 0) */
    public PoissonEncoder(double maxRateHz) {
        if (!(maxRateHz >= 0) || Double.isInfinite(maxRateHz)) {
            throw new IllegalArgumentException("maxRateHz must be >= 0 and finite, got " + NumberText.of(maxRateHz));
        }
        this.maxRateHz = maxRateHz;
    }

    /** The rate of a pixel of value 1 at intensity 1, in Hz. */
    public double maxRateHz() {
        return maxRateHz;
    }

    /** The probability that input with value {@code pixel} spikes in one step of {@code dtMs} ms. */
    public double probabilityPerStep(float pixel, double intensity, double dtMs) {
        return Math.min(1.0, pixel * maxRateHz * intensity * dtMs / 1000.0);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException for a pixel, an intensity or a dt that gives no rate (NaN, negative or
     *                                  infinite; dt 0), which would otherwise encode as silence
     */
    @Override
    public void encode(float[] pixels, double intensity, int numSteps, double dtMs, RandomGenerator rng, SpikeTrain out) {
        if (!(dtMs > 0 && Double.isFinite(dtMs))) {
            throw new IllegalArgumentException("Poisson encoding needs a finite dt > 0 ms, got " + NumberText.of(dtMs));
        }
        if (!(intensity >= 0 && Double.isFinite(intensity))) {
            throw new IllegalArgumentException("Poisson encoding needs an intensity >= 0 and finite, got " + NumberText.of(intensity));
        }
        GeometricSpikes.encodePixels(pixels, numSteps, pixel -> probabilityPerStep(pixel, intensity, dtMs),
                "a Poisson rate", rng, out);
    }
}
