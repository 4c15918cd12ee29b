package io.somnus.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.kernel.Kernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The authors' current-LIF step ({@link CurrentLifScheme}) against hand-worked cases of their equations
 * (src/train.py:199-206, 231-252 @40b7d33, dt = 1 ms):
 * {@code I ← I + (−I + W·s)·dt/τ_syn}, {@code V ← V + (−(V − V_rest) + R·I)·dt/τ_m}, spike when V &gt; θ_prev,
 * {@code a ← a − a·dt/τ_a (+ Δa on a spike)}, {@code θ = clip(θ₀ + a, −90, 0)} used at the next step.
 */
class CurrentLifSchemeTest {
    private static final SplittableRandom RNG = new SplittableRandom(1);
    private static final CurrentLifScheme EULER = new CurrentLifScheme(true, false);
    private static final CurrentLifScheme AUTHORS_TEST = new CurrentLifScheme(false, true);

    private static CurrentLifPopulation population(CurrentLifParameters p, CurrentLifScheme scheme) {
        return new CurrentLifPopulation("e", 1, p, Kernels.preferred(), scheme);
    }

    /** The paper's neuron (τ_m = τ_syn = R = 30, rest −70, gain 1/30) at rest, W·s = 30 delivered at step 0. */
    @Test
    void forwardEulerMembraneAndCurrentFollowTheirUpdate() {
        CurrentLifPopulation pop = population(CurrentLifParameters.PAPER, EULER);
        pop.excitatoryInput()[0] = 30f;
        pop.integrate(0, 1.0, 0, RNG);
        // I₁ = 0 + (−0 + 30)/30 = 1;  V₁ = −70 + (−(−70 + 70) + 30·1)/30 = −69
        assertEquals(-69.0, pop.membrane()[0], 1e-5);
        pop.integrate(1, 1.0, 0, RNG);
        // I₂ = 1 + (−1)/30 = 29/30;  V₂ = −69 + (−(−69 + 70) + 30·29/30)/30 = −69 + 28/30
        assertEquals(-69.0 + 28.0 / 30, pop.membrane()[0], 1e-5);
        // the stored current is I₂ taken one more step toward 0 (Somnus adds the next input to it): I₂·(1 − 1/30)
        assertEquals(29.0 / 30 * 29.0 / 30, pop.current()[0], 1e-6);
        // Somnus's exponential step would give V₁ = −40 − 30·e^(−1/30) = −69.016
        CurrentLifPopulation exp = population(CurrentLifParameters.PAPER, CurrentLifScheme.SOMNUS);
        exp.excitatoryInput()[0] = 30f;
        exp.integrate(0, 1.0, 0, RNG);
        assertEquals(-40 - 30 * Math.exp(-1.0 / 30), exp.membrane()[0], 1e-4);
    }

    @Test
    void forwardEulerAdaptationDecaysByOneMinusDtOverTau() {
        CurrentLifPopulation pop = population(CurrentLifParameters.PAPER, EULER);
        pop.adaptation()[0] = 3f;
        pop.integrate(0, 1.0, 0, RNG);
        assertEquals(3 * (1 - 1.0 / 100), pop.adaptation()[0], 1e-6); // a − a·dt/τ_a, τ_a = 100
    }

    /** A neuron held at rest = V: no input, so V stays exactly at its rest value every step. */
    private static CurrentLifParameters restingAt(double vRestMv, double thresholdMv) {
        return new CurrentLifParameters(30, 30, 30, vRestMv, -80, thresholdMv, -100, 40, 3, 100, 0, 1.0 / 30);
    }

    @Test
    void theirTestIsStrict() {
        // V = θ = −55 exactly: Somnus (V ≥ θ) fires, theirs (V > θ) does not
        assertEquals(1, spikesAtFirstStep(restingAt(-55, -55), CurrentLifScheme.SOMNUS, 0f));
        assertEquals(0, spikesAtFirstStep(restingAt(-55, -55), AUTHORS_TEST, 0f));
    }

    @Test
    void theirTestUsesThePreviousStepsThreshold() {
        // a = 3 from the previous step, V = −52.01: their θ_prev = −55 + 3 = −52 (no spike); Somnus decays a first,
        // θ = −55 + 3·e^(−1/100) = −52.030, and fires
        assertEquals(1, spikesAtFirstStep(restingAt(-52.01, -55), CurrentLifScheme.SOMNUS, 3f));
        assertEquals(0, spikesAtFirstStep(restingAt(-52.01, -55), AUTHORS_TEST, 3f));
        // V = −51.99 is above both
        assertEquals(1, spikesAtFirstStep(restingAt(-51.99, -55), AUTHORS_TEST, 3f));
    }

    @Test
    void theirThresholdIsClippedToMinus90AndZero() {
        // a = 60: θ₀ + a = 5 mV, clipped to 0; V = 1 mV fires for them, not for Somnus (θ = −55 + 60·0.99 = 4.4)
        assertEquals(1, spikesAtFirstStep(restingAt(1, -55), AUTHORS_TEST, 60f));
        assertEquals(0, spikesAtFirstStep(restingAt(1, -55), CurrentLifScheme.SOMNUS, 60f));
        // θ₀ = −100 mV: clipped up to −90, so V = −95 stays silent for them, fires for Somnus
        assertEquals(0, spikesAtFirstStep(restingAt(-95, -100), AUTHORS_TEST, 0f));
        assertEquals(1, spikesAtFirstStep(restingAt(-95, -100), CurrentLifScheme.SOMNUS, 0f));
    }

    @Test
    void aSpikeResetsAndRaisesTheNextThreshold() {
        CurrentLifPopulation pop = population(restingAt(-52.01, -55), AUTHORS_TEST);
        pop.integrate(0, 1.0, 0, RNG);
        assertEquals(1, pop.spikeCount()); // −52.01 > −55
        assertEquals(-80f, pop.membrane()[0]);
        assertEquals(3f, pop.adaptation()[0], 1e-6); // 0·e^(−1/100) + 3
    }

    private static int spikesAtFirstStep(CurrentLifParameters p, CurrentLifScheme scheme, float adaptation) {
        CurrentLifPopulation pop = population(p, scheme);
        pop.adaptation()[0] = adaptation;
        pop.integrate(0, 1.0, 0, RNG);
        return pop.spikeCount();
    }
}
