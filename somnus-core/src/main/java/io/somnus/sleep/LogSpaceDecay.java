package io.somnus.sleep;

import io.somnus.core.GaussianDraws;
import io.somnus.core.NumberText;
import io.somnus.kernel.Kernels;
import java.util.random.RandomGenerator;

/**
 * The paper's multiplicative pull in log space (Massey et al. 2026, authors' code):
 * <pre>|w| ← |w_tgt| · (|w| / |w_tgt|)^λ,   sign of w kept,</pre>
 * so that {@code ln(|w|/|w_tgt|)} shrinks by the factor λ each step; after n steps
 * {@code |w_n| = |w_tgt|·(|w_0|/|w_tgt|)^(λⁿ)}. Paper: λ = 0.99997 (STDP-SNN), 0.999 (SG-SNN, per iteration).
 * λ is per step, not per ms (the linear law's τ is in ms): at dt = 0.5 ms (diehl-cook) the same λ pulls twice as far
 * per ms of sleep as at dt = 1 ms (paper), as the authors' per-step law does.
 * Optional Gaussian weight noise σ_w·√dt·ξ (units of weight per √ms) makes the decay stochastic.
 *
 * @param lambda       per-step exponent λ in (0, 1]
 * @param noiseStd     σ_w, weight noise per √ms (0 for the deterministic paper law)
 */
public record LogSpaceDecay(double lambda, double noiseStd) implements WeightDecayLaw {
    /**
     * Refuses ({@link IllegalArgumentException}, naming the configuration field) a λ outside (0, 1], and a noise std
     * that is negative or not finite.
     */
    public LogSpaceDecay {
        if (!(lambda > 0 && lambda <= 1)) {
            throw new IllegalArgumentException("sleep.lambda must be in (0, 1], got " + NumberText.of(lambda));
        }
        if (!(noiseStd >= 0 && Double.isFinite(noiseStd))) {
            throw new IllegalArgumentException("sleep.weight_noise must be >= 0 and finite, got " + NumberText.of(noiseStd));
        }
    }

    @Override
    public float step(float w, float target, double dtMs, RandomGenerator rng) {
        if (w == 0 || target == 0) {
            return w;
        }
        double out = pull(w, target, lambda);
        if (noiseStd > 0) {
            out += noiseStd * Math.sqrt(dtMs) * GaussianDraws.draw(rng);
        }
        return (float) out;
    }

    /**
     * {@code n} deterministic steps at once, in closed form: {@code |w| ← |w_tgt|·(|w|/|w_tgt|)^(λⁿ)}, sign kept
     * (no weight noise; for a whole array compute {@link #exponent} once and call {@link #pull}).
     */
    public float stepN(float w, double target, int n) {
        return (float) pull(w, target, exponent(n));
    }

    /** λⁿ, the exponent of {@code n} steps. */
    public double exponent(int n) {
        return Math.pow(lambda, n);
    }

    /**
     * The pull with exponent {@code e}: {@code |w_tgt|·(|w|/|w_tgt|)^e} with the sign of {@code w}; {@code w} itself
     * when {@code w} or the target is 0. One step is {@code e = λ}, {@code n} steps {@code e = λⁿ}.
     */
    public static double pull(double w, double target, double e) {
        return Kernels.logSpacePull(w, target, e);
    }
}
