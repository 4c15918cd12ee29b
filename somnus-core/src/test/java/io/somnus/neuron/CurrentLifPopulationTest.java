package io.somnus.neuron;

import static io.somnus.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.GaussianDraws;
import io.somnus.kernel.Kernels;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class CurrentLifPopulationTest {
    private static final double DT = 0.5;

    /** τ_m 20, τ_syn 10⁶ (I held), R 10, rest −70, reset −75, threshold 1000 (never), clip [−200, 2000], no adaptation. */
    private static CurrentLifParameters noSpike() {
        return new CurrentLifParameters(20, 1e6, 10, -70, -75, 1000, -200, 2000, 3, 100, 0, 1);
    }

    @Test
    void constantCurrentFollowsExactExponential() {
        CurrentLifParameters p = noSpike();
        CurrentLifPopulation pop = new CurrentLifPopulation("e", 3, p);
        double[] currents = {0.0, 1.2, -0.7};
        double v0 = -60;
        for (int i = 0; i < 3; i++) {
            pop.membrane()[i] = (float) v0;
        }
        SplittableRandom rng = new SplittableRandom(1);
        int n = 200;
        for (int step = 0; step < n; step++) {
            for (int i = 0; i < 3; i++) {
                pop.current()[i] = (float) currents[i];
            }
            pop.integrate(step, DT, 0, rng);
            assertEquals(0, pop.spikeCount());
        }
        for (int i = 0; i < 3; i++) {
            double vInf = p.vRestMv() + p.resistance() * currents[i];
            double expected = vInf + (v0 - vInf) * Math.exp(-n * DT / p.tauMembraneMs());
            assertEquals(expected, pop.membrane()[i], 1e-4, "neuron " + i);
        }
    }

    @Test
    void currentDecaysWithTauSyn() {
        CurrentLifParameters p = new CurrentLifParameters(20, 5, 10, -70, -75, 1000, -200, 2000, 3, 100, 0, 1);
        CurrentLifPopulation pop = new CurrentLifPopulation("e", 1, p);
        pop.current()[0] = 2f;
        SplittableRandom rng = new SplittableRandom(1);
        for (int step = 0; step < 10; step++) {
            pop.integrate(step, DT, 0, rng);
        }
        assertEquals(2 * Math.exp(-10 * DT / 5), pop.current()[0], 1e-5);
    }

    @Test
    void spikeResetsAndAdaptsThreshold() {
        // V∞ = −70 + 30·1 = −40 > −55: the neuron crosses the threshold at the first step where V ≥ −55
        CurrentLifParameters p = CurrentLifParameters.PAPER;
        CurrentLifPopulation pop = new CurrentLifPopulation("e", 1, p);
        SplittableRandom rng = new SplittableRandom(1);
        double dt = 1.0;
        double decayV = Math.exp(-dt / 30);
        // hand computation of the first crossing step: V_n = −40 + (−70 + 40)·decay^(n)
        int first = -1;
        for (int n = 1; n < 1000; n++) {
            double v = -40 - 30 * Math.pow(decayV, n);
            if (v >= -55) {
                first = n;
                break;
            }
        }
        assertTrue(first > 0);
        int spikeStep = -1;
        for (int step = 0; step < first; step++) {
            pop.current()[0] = 1f;
            pop.integrate(step, dt, 0, rng);
            if (pop.spikeCount() > 0) {
                spikeStep = step;
                break;
            }
        }
        // step index s advances the membrane s+1 times
        assertEquals(first - 1, spikeStep);
        assertEquals(-80, pop.membrane()[0], 1e-6, "reset");
        assertEquals(3, pop.adaptation()[0], 1e-6, "+3 mV adaptation");
        assertEquals(spikeStep, pop.lastSpikeStep()[0]);
        // adaptation decays exp(−dt/100) per step while silent (no current)
        int k = 7;
        for (int step = spikeStep + 1; step <= spikeStep + k; step++) {
            pop.current()[0] = 0f;
            pop.integrate(step, dt, 0, rng);
            assertEquals(0, pop.spikeCount());
        }
        assertEquals(3 * Math.exp(-k * dt / 100), pop.adaptation()[0], 1e-5);
        // membrane relaxes from reset toward rest exactly
        assertEquals(-70 + (-80 + 70) * Math.exp(-k * dt / 30), pop.membrane()[0], 1e-4);
    }

    @Test
    void adaptedThresholdDelaysSecondSpike() {
        // with adaptation a the neuron must reach −55 + a: check the second spike's membrane before reset
        CurrentLifParameters p = new CurrentLifParameters(30, 1e9, 30, -70, -80, -55, -100, 40, 3, 1e9, 0, 1);
        CurrentLifPopulation pop = new CurrentLifPopulation("e", 1, p);
        SplittableRandom rng = new SplittableRandom(1);
        double dt = 1.0;
        double decayV = Math.exp(-dt / 30);
        // hand simulation of the rule with float-free doubles
        double v = -70;
        double a = 0;
        int spikes = 0;
        int[] expectedSteps = new int[2];
        for (int step = 0; step < 500 && spikes < 2; step++) {
            v = -40 + (v + 40) * decayV;
            if (v >= -55 + a) {
                v = -80;
                a += 3;
                expectedSteps[spikes++] = step;
            }
        }
        assertEquals(2, spikes);
        int got = 0;
        int[] gotSteps = new int[2];
        for (int step = 0; step < 500 && got < 2; step++) {
            pop.current()[0] = 1f;
            pop.integrate(step, dt, 0, rng);
            if (pop.spikeCount() > 0) {
                gotSteps[got++] = step;
            }
        }
        assertEquals(expectedSteps[0], gotSteps[0]);
        assertEquals(expectedSteps[1], gotSteps[1]);
        assertEquals(6, pop.adaptation()[0], 1e-4);
        assertTrue(gotSteps[1] - gotSteps[0] > gotSteps[0] + 1, "second interval longer: threshold raised and reset below rest");
    }

    @Test
    void membraneIsClipped() {
        CurrentLifParameters p = new CurrentLifParameters(1, 1e6, 100, -70, -75, 1e6, -100, 40, 3, 100, 0, 1);
        CurrentLifPopulation pop = new CurrentLifPopulation("e", 2, p);
        SplittableRandom rng = new SplittableRandom(1);
        for (int step = 0; step < 50; step++) {
            pop.current()[0] = 10f;   // V∞ = 930
            pop.current()[1] = -10f;  // V∞ = −1070
            pop.integrate(step, 1.0, 0, rng);
        }
        assertEquals(40, pop.membrane()[0], 0);
        assertEquals(-100, pop.membrane()[1], 0);
    }

    /**
     * The PSP that CurrentLifParameters' javadoc states: τ_m = τ_syn = τ makes one spike's V − V_rest =
     * g·w·R·(t/τ)·e^(−t/τ), peak g·w·R/e at t = τ (w/e mV at the paper's values, not w·R/e); the exponential-Euler
     * step holds each step's I, so the simulated peak is within 3 % of it, at t = τ ± 1 step.
     */
    @Test
    void thePaperNeuronsPspPeaksAtGainTimesWeightTimesROverE() {
        CurrentLifParameters p = CurrentLifParameters.PAPER.toBuilder().vThresholdMv(1000).vMaxMv(2000).build();
        CurrentLifPopulation pop = new CurrentLifPopulation("e", 1, p);
        SplittableRandom rng = new SplittableRandom(1);
        float w = 30f;
        pop.excitatoryInput()[0] = w;                                   // one spike of weight w, delivered at step 0
        double peak = -1e9;
        int peakStep = -1;
        for (int step = 0; step < 200; step++) {
            pop.integrate(step, 1.0, 0, rng);
            if (pop.membrane()[0] > peak) {
                peak = pop.membrane()[0];
                peakStep = step;
            }
        }
        double expected = p.synapticGain() * w * p.resistance() / Math.E; // 11.04 mV
        assertEquals(expected, peak - p.vRestMv(), 0.03 * expected);
        assertEquals(p.tauMembraneMs(), peakStep, 1.0);
    }

    @Test
    void inputAddsToCurrentNextStep() {
        CurrentLifParameters p = new CurrentLifParameters(20, 10, 10, -70, -75, 1000, -200, 2000, 3, 100, 0, 1);
        CurrentLifPopulation pop = new CurrentLifPopulation("e", 1, p);
        SplittableRandom rng = new SplittableRandom(1);
        pop.excitatoryInput()[0] = 0.5f;
        pop.inhibitoryInput()[0] = -0.2f;
        pop.integrate(0, DT, 0, rng);
        double i0 = 0.3;
        assertEquals(i0 * Math.exp(-DT / 10), pop.current()[0], 1e-6);
        double vInf = -70 + 10 * i0;
        assertEquals(vInf + (-70 - vInf) * Math.exp(-DT / 20), pop.membrane()[0], 1e-4);
        assertEquals(0f, pop.excitatoryInput()[0]);
    }

    /**
     * Membrane noise is σ·nextGaussian() of the run's generator for each neuron that is not refractory, in index order:
     * drawn through the ziggurat's inline fast path on a SplittableRandom, the same bits as another generator on the
     * same longs whose nextGaussian() is one {@link GaussianDraws#draw} call, and the generator ends in the same state.
     */
    @Test
    void membraneNoiseIsTheGeneratorsOwnGaussians() {
        CurrentLifPopulation fast = new CurrentLifPopulation("e", 40, CurrentLifParameters.PAPER);
        CurrentLifPopulation plain = new CurrentLifPopulation("e", 40, CurrentLifParameters.PAPER);
        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        RandomGenerator onlyLongs = new RandomGenerator() { // not a SplittableRandom: a draw per nextGaussian() call
            @Override
            public long nextLong() {
                return b.nextLong();
            }

            @Override
            public double nextGaussian() {
                return GaussianDraws.draw(b);
            }
        };
        for (int step = 0; step < 2000; step++) {
            for (int i = 0; i < 40; i++) {
                fast.current()[i] = 0.6f; // spikes, so that refractory neurons skip their draw
                plain.current()[i] = 0.6f;
            }
            fast.integrate(step, 1.0, 2.0, a);
            plain.integrate(step, 1.0, 2.0, onlyLongs);
            assertEquals(plain.spikeCount(), fast.spikeCount(), "step " + step);
            for (int i = 0; i < 40; i++) {
                assertEquals(Float.floatToRawIntBits(plain.membrane()[i]), Float.floatToRawIntBits(fast.membrane()[i]),
                        "neuron " + i + " at step " + step);
            }
        }
        assertTrue(fast.firedCount() > 0, "nothing spiked: no refractory neuron skipped its draw");
        assertEquals(b.nextLong(), a.nextLong(), "the generators' states differ");
    }

    /**
     * Under the authors' forward Euler a time constant shorter than dt kept 1 − dt/τ &lt; 0 per step, silently; the
     * exact decays take any τ. NaN potentials and gains were accepted.
     */
    @Test
    void aTimeConstantShorterThanTheStepUnderForwardEulerOrANaNParameterIsRefused() {
        CurrentLifParameters fast = new CurrentLifParameters(20, 0.3, 10, -70, -75, -55, -200, 40, 3, 100, 0, 1);
        SplittableRandom rng = new SplittableRandom(1);
        new CurrentLifPopulation("exact", 1, fast).integrate(0, DT, 0, rng);
        CurrentLifPopulation authors = new CurrentLifPopulation("e", 1, fast, Kernels.scalar(),
                CurrentLifScheme.AUTHORS);
        assertRefused(IllegalArgumentException.class, () -> authors.integrate(0, DT, 0, rng), "population e",
                "tau_synapse_ms = 0.3 ms", "dt = 0.5 ms");
        assertRefused(IllegalArgumentException.class,
                () -> new CurrentLifParameters(20, 10, 10, -70, -75, Double.NaN, -200, 40, 3, 100, 0, 1),
                "v_threshold_mv", "NaN");
        assertRefused(IllegalArgumentException.class,
                () -> new CurrentLifParameters(20, 10, 10, Double.NaN, -75, -55, -200, 40, 3, 100, 0, 1),
                "v_rest_mv", "NaN");
        assertRefused(IllegalArgumentException.class,
                () -> new CurrentLifParameters(20, 10, 10, -70, -75, -55, -200, 40, 3, 100, 0, Double.NaN),
                "synaptic_gain", "NaN");
        new CurrentLifParameters(20, 10, 10, -70, -75, -55, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 3,
                Double.POSITIVE_INFINITY, 0, 1); // no clip, no decay of a: allowed
    }
}
