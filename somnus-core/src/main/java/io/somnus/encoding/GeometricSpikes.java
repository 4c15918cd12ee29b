package io.somnus.encoding;

import java.util.random.RandomGenerator;

/**
 * Bernoulli spikes with a fixed probability p per step, drawn as geometric gaps: the number of silent steps
 * before the next spike is {@code K = floor(ln V / ln(1 − p))} with V uniform on (0, 1], since
 * {@code P(K ≥ k) = (1 − p)^k}. This is the same process as one coin per step, at one random draw per spike
 * (plus one per input) instead of one per step.
 */
final class GeometricSpikes {
    private GeometricSpikes() {
    }

    /** Adds the spikes of {@code source} over {@code numSteps} steps to {@code out}. */
    static void emit(SpikeTrainBuilder out, int source, double p, int numSteps, RandomGenerator rng) {
        if (!(p > 0)) {
            return;
        }
        if (p >= 1) {
            for (int t = 0; t < numSteps; t++) {
                out.add(t, source);
            }
            return;
        }
        double logQ = Math.log1p(-p);
        double t = gap(rng, logQ);
        while (t < numSteps) {
            int step = (int) t;
            out.add(step, source);
            t = step + 1 + gap(rng, logQ);
        }
    }

    /** Number of failures before the next success (as a double, so huge gaps cannot overflow). */
    private static double gap(RandomGenerator rng, double logQ) {
        return Math.floor(Math.log(1.0 - rng.nextDouble()) / logQ);
    }
}
