package io.somnus.sleep;

import io.somnus.core.GaussianDraws;
import io.somnus.core.NumberText;
import java.util.random.RandomGenerator;

/**
 * Exponential relaxation toward the target with optional Ornstein–Uhlenbeck weight noise:
 * <pre>w ← w_tgt + (w − w_tgt)·exp(−dt/τ_sleep) + σ_w·√dt·ξ,   ξ ~ N(0, 1),</pre>
 * the exact update of {@code dw/dt = −(w − w_tgt)/τ_sleep} over one step (plus noise).
 *
 * @param tauSleepMs time constant τ_sleep in ms
 * @param noiseStd   σ_w, weight noise per √ms
 */
public record LinearDecay(double tauSleepMs, double noiseStd) implements WeightDecayLaw {
    /**
     * Refuses ({@link IllegalArgumentException}, naming the configuration field) a τ_sleep that is not finite and > 0,
     * and a noise std that is negative or not finite.
     */
    public LinearDecay {
        if (!(tauSleepMs > 0 && Double.isFinite(tauSleepMs))) {
            throw new IllegalArgumentException("sleep.tau_sleep_ms must be > 0 and finite, got " + NumberText.of(tauSleepMs));
        }
        if (!(noiseStd >= 0 && Double.isFinite(noiseStd))) {
            throw new IllegalArgumentException("sleep.weight_noise must be >= 0 and finite, got " + NumberText.of(noiseStd));
        }
    }

    @Override
    public float step(float w, float target, double dtMs, RandomGenerator rng) {
        double out = target + (w - target) * Math.exp(-dtMs / tauSleepMs);
        if (noiseStd > 0) {
            out += noiseStd * Math.sqrt(dtMs) * GaussianDraws.draw(rng);
        }
        return (float) out;
    }
}
