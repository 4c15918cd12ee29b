package io.somnus.sg;

import io.somnus.core.NumberText;

/**
 * The sleep phase of the SG-SNN, with the paper's SG settings as defaults (Massey et al. 2026, §SG-SNN sleep; the
 * authors' {@code run_sleep_phase}, see docs/model-notes.md "SG-SNN sleep: the dose"). One episode is
 * {@code iterations} iterations; an iteration is {@code stepsPerIteration} steps of {@code dt} on
 * {@code batchCopies} independent copies of the network state (same weights, own membranes, traces and noise),
 * with zero input, during which
 * <ul>
 *   <li>every LIF neuron receives Gaussian membrane noise {@code σ·ξ}, {@code ξ ~ N(0, 1)}, added to the membrane
 *       it carries into a step (same units as the threshold θ);</li>
 *   <li>pre- and post-synaptic traces follow {@code x ← x·exp(−dt/τ) + s}, and the trace-STDP increments
 *       {@code A₊·s_post ⊗ x_pre − A₋·x_post ⊗ s_pre} are summed over the iteration's steps and averaged over its
 *       copies, with the weights frozen;</li>
 *   <li>at the end of the iteration every weight matrix gains {@code η} times that increment, and then every weight
 *       is pulled toward {@code ±target} in log space once, {@code |w| ← target·(|w|/target)^λ}, sign kept
 *       ({@link io.somnus.sleep.LogSpaceDecay}).</li>
 * </ul>
 * So an episode pulls each weight {@code iterations} times, not {@code iterations × stepsPerIteration} times: the
 * paper's 500 iterations compose to the exponent {@code 0.999^500 ≈ 0.61}.
 *
 * @param iterations        sleep iterations per episode (paper: 500)
 * @param stepsPerIteration steps per iteration (paper: 100)
 * @param batchCopies       independent copies of the network state simulated in parallel in an iteration (paper:
 *                          128, the training batch size)
 * @param membraneNoise     σ of the membrane noise per step, in units of the membrane/threshold (paper: 3)
 * @param aPlus             A₊, potentiation amplitude (paper: 0.01)
 * @param aMinus            A₋, depression amplitude (paper: 0.012)
 * @param tauMs             τ of the pre/post traces in ms (paper: 20 ms)
 * @param learningRate      η, STDP learning rate, applied once per iteration to the copy-averaged sum (paper: 10⁻³)
 * @param target            |w_tgt| of the log-space pull (paper: 0.2)
 * @param lambda            λ of the log-space pull, applied once per iteration (paper: 0.999)
 */
public record SgSleepConfig(int iterations, int stepsPerIteration, int batchCopies, double membraneNoise, double aPlus, double aMinus,
                            double tauMs, double learningRate, double target, double lambda) {

    /**
     * Checks the values, naming the configuration field ({@code sg.sleep.*}) in an {@link IllegalArgumentException}:
     * iterations and steps per iteration ≥ 1 (their product at most {@code Integer.MAX_VALUE / 2}), batch copies ≥ 1,
     * noise, amplitudes and learning rate ≥ 0, τ and target finite and > 0.
     */
    public SgSleepConfig {
        if (iterations < 1) {
            throw new IllegalArgumentException("sg.sleep.iterations must be >= 1, got " + iterations);
        }
        if (stepsPerIteration < 1) {
            throw new IllegalArgumentException("sg.sleep.steps_per_iteration must be >= 1, got " + stepsPerIteration);
        }
        if ((long) iterations * stepsPerIteration > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("sg.sleep.iterations × sg.sleep.steps_per_iteration must be <= "
                    + Integer.MAX_VALUE / 2 + ", got " + (long) iterations * stepsPerIteration);
        }
        if (batchCopies < 1) {
            throw new IllegalArgumentException("sg.sleep.batch_copies must be >= 1, got " + batchCopies);
        }
        requireNonNegative("sg.sleep.membrane_noise", membraneNoise);
        requireNonNegative("sg.sleep.a_plus", aPlus);
        requireNonNegative("sg.sleep.a_minus", aMinus);
        if (!(tauMs > 0) || Double.isInfinite(tauMs)) {
            throw new IllegalArgumentException("sg.sleep.tau_ms must be a finite number > 0, got " + NumberText.of(tauMs));
        }
        requireNonNegative("sg.sleep.learning_rate", learningRate);
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("sg.sleep.target must be a finite number > 0, got " + NumberText.of(target));
        }
        if (!(lambda > 0 && lambda <= 1)) {
            throw new IllegalArgumentException("sg.sleep.lambda must be in (0, 1], got " + NumberText.of(lambda));
        }
    }

    /**
     * The paper's SG sleep: 500 iterations × 100 steps on 128 copies, σ = 3, A₊ = 0.01, A₋ = 0.012, τ = 20 ms,
     * η = 10⁻³, target 0.2, λ = 0.999 per iteration.
     */
    public static SgSleepConfig paper() {
        return new SgSleepConfig(500, 100, 128, 3.0, 0.01, 0.012, 20.0, 1e-3, 0.2, 0.999);
    }

    /**
     * A builder holding these values, to change a few by name (ten numbers in a row are easy to swap without a word):
     * {@code SgSleepConfig.paper().toBuilder().iterations(50).build()}, given to {@link SgConfig.Builder#sleep}.
     * Its {@link Builder#build()} checks the values as the constructor does.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** See {@link #toBuilder()}; each setter names its record component. */
    public static final class Builder {
        private int iterations;
        private int stepsPerIteration;
        private int batchCopies;
        private double membraneNoise;
        private double aPlus;
        private double aMinus;
        private double tauMs;
        private double learningRate;
        private double target;
        private double lambda;

        private Builder(SgSleepConfig from) {
            iterations = from.iterations;
            stepsPerIteration = from.stepsPerIteration;
            batchCopies = from.batchCopies;
            membraneNoise = from.membraneNoise;
            aPlus = from.aPlus;
            aMinus = from.aMinus;
            tauMs = from.tauMs;
            learningRate = from.learningRate;
            target = from.target;
            lambda = from.lambda;
        }

        /** Sets {@code iterations}; see the record's {@code @param}. */
        public Builder iterations(int v) {
            iterations = v;
            return this;
        }

        /** Sets {@code stepsPerIteration}; see the record's {@code @param}. */
        public Builder stepsPerIteration(int v) {
            stepsPerIteration = v;
            return this;
        }

        /** Sets {@code batchCopies}; see the record's {@code @param}. */
        public Builder batchCopies(int v) {
            batchCopies = v;
            return this;
        }

        /** Sets {@code membraneNoise}; see the record's {@code @param}. */
        public Builder membraneNoise(double v) {
            membraneNoise = v;
            return this;
        }

        /** Sets {@code aPlus}; see the record's {@code @param}. */
        public Builder aPlus(double v) {
            aPlus = v;
            return this;
        }

        /** Sets {@code aMinus}; see the record's {@code @param}. */
        public Builder aMinus(double v) {
            aMinus = v;
            return this;
        }

        /** Sets {@code tauMs}; see the record's {@code @param}. */
        public Builder tauMs(double v) {
            tauMs = v;
            return this;
        }

        /** Sets {@code learningRate}; see the record's {@code @param}. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Sets {@code target}; see the record's {@code @param}. */
        public Builder target(double v) {
            target = v;
            return this;
        }

        /** Sets {@code lambda}; see the record's {@code @param}. */
        public Builder lambda(double v) {
            lambda = v;
            return this;
        }

        /** The settings, checked as by the canonical constructor. */
        public SgSleepConfig build() {
            return new SgSleepConfig(iterations, stepsPerIteration, batchCopies, membraneNoise, aPlus, aMinus, tauMs, learningRate, target, lambda);
        }
    }

    /** Sleep steps per episode: the simulated time, {@code iterations × stepsPerIteration} (each copy runs them). */
    public int episodeSteps() {
        return iterations * stepsPerIteration;
    }

    static void requireNonNegative(String field, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + NumberText.of(v));
        }
    }
}
