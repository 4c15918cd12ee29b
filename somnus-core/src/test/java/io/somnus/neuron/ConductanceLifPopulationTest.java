package io.somnus.neuron;

import static io.somnus.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.kernel.ConductanceLifStep;
import io.somnus.kernel.Kernels;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConductanceLifPopulationTest {
    private static final double DT = 0.5;

    /** τ 100, rest −65, never spikes (threshold 1000), τ_e huge so g_e is held. */
    private static ConductanceLifParameters noSpike() {
        return new ConductanceLifParameters(100, -65, -65, 1000, 0, 0, -100, 1e12, 1e12, 5, 0.05, 1e7, 0);
    }

    private static float[] simulate(double ge, double v0, int n) {
        ConductanceLifPopulation pop = new ConductanceLifPopulation("e", 1, noSpike()).useForwardEuler(true);
        pop.membrane()[0] = (float) v0;
        SplittableRandom rng = new SplittableRandom(3);
        float[] trace = new float[n + 1];
        trace[0] = (float) v0;
        for (int step = 0; step < n; step++) {
            pop.excitatoryConductance()[0] = (float) ge;
            pop.integrate(step, DT, 0, rng);
            assertEquals(0, pop.spikeCount());
            trace[step + 1] = pop.membrane()[0];
        }
        return trace;
    }

    @Test
    void heldConductanceMatchesForwardEulerClosedForm() {
        double tau = 100;
        double rest = -65;
        double eExc = 0;
        for (double ge : new double[] {0.0, 0.3, 2.0}) {
            double v0 = -70;
            int n = 300;
            float[] trace = simulate(ge, v0, n);
            double vInf = (rest + ge * eExc) / (1 + ge);
            double r = 1 - DT * (1 + ge) / tau;
            for (int k : new int[] {1, 10, 100, 300}) {
                double expected = vInf + (v0 - vInf) * Math.pow(r, k);
                assertEquals(expected, trace[k], 1e-4, "ge=" + ge + " step " + k);
            }
        }
    }

    @Test
    void forwardEulerIsWithinOrderDtOfContinuousSolution() {
        double tau = 100;
        double ge = 1.5;
        double v0 = -80;
        double vInf = (-65 + ge * 0) / (1 + ge);
        double x = DT * (1 + ge) / tau;
        int n = 400;
        float[] trace = simulate(ge, v0, n);
        double maxErr = 0;
        for (int k = 0; k <= n; k++) {
            double exact = vInf + (v0 - vInf) * Math.exp(-k * x);
            maxErr = Math.max(maxErr, Math.abs(trace[k] - exact));
        }
        // |r^k − e^{−kx}| ≤ k·x²/2·e^{−(k−1)x} ≤ x/2 (max over k), times |v0 − v∞|
        assertTrue(maxErr <= Math.abs(v0 - vInf) * x / 2 + 1e-4, "max error " + maxErr);
        assertTrue(maxErr > 0, "Euler is not exact");
    }

    @Test
    void refractoryFreezesMembraneAndThetaGrowsPerSpike() {
        // refractory 5 ms at dt 0.5 → after a spike at s, V frozen for steps s+1 .. s+9, active at s+10
        // τ_θ = 10¹² ms: the per-step θ decay factor 1 − dt/τ_θ rounds to 1 in float, θ only grows
        ConductanceLifParameters p = new ConductanceLifParameters(100, -65, -65, -52, 20, 0, -100, 1e12, 1e12,
                5, 0.05, 1e12, 20);
        ConductanceLifPopulation pop = new ConductanceLifPopulation("e", 1, p).useForwardEuler(true);
        SplittableRandom rng = new SplittableRandom(3);
        int spikeStep = -1;
        int spikes = 0;
        float vAtSpike = Float.NaN;
        for (int step = 0; step < 20000 && spikes < 1; step++) {
            pop.excitatoryConductance()[0] = 5f;  // v∞ = −65/6 ≈ −10.8 mV, above −52
            pop.integrate(step, DT, 0, rng);
            if (pop.spikeCount() > 0) {
                spikeStep = step;
                spikes++;
                vAtSpike = pop.membrane()[0];
            }
        }
        assertTrue(spikeStep >= 0);
        assertEquals(-65f, vAtSpike);
        assertEquals(20 + 0.05, pop.theta()[0], 1e-3);
        int refractorySteps = (int) Math.round(5 / DT);
        for (int step = spikeStep + 1; step < spikeStep + refractorySteps; step++) {
            pop.excitatoryConductance()[0] = 5f;
            pop.integrate(step, DT, 0, rng);
            assertEquals(-65f, pop.membrane()[0], "frozen at step " + step);
            assertEquals(0, pop.spikeCount());
        }
        pop.excitatoryConductance()[0] = 5f;
        pop.integrate(spikeStep + refractorySteps, DT, 0, rng);
        // first active step: one Euler step from −65 with g_e = 5
        double expected = -65 + DT / 100 * ((-65 + 65) + 5 * (0 + 65));
        assertEquals(expected, pop.membrane()[0], 1e-4);
        assertNotEquals(-65f, pop.membrane()[0]);

        // keep driving: θ = 20 + 0.05·(number of spikes)
        int total = 1;
        for (int step = spikeStep + refractorySteps + 1; step < spikeStep + 4000; step++) {
            pop.excitatoryConductance()[0] = 5f;
            pop.integrate(step, DT, 0, rng);
            total += pop.spikeCount();
        }
        assertTrue(total > 3, "spikes " + total);
        assertEquals(20 + 0.05 * total, pop.theta()[0], 1e-3);
    }

    @Test
    void frozenThetaDoesNotChange() {
        ConductanceLifParameters p = new ConductanceLifParameters(100, -65, -65, -52, 20, 0, -100, 1e12, 1e12,
                5, 0.05, 1e3, 20);
        ConductanceLifPopulation pop = new ConductanceLifPopulation("e", 1, p).useForwardEuler(true);
        pop.freezeLearning(true);
        SplittableRandom rng = new SplittableRandom(3);
        int total = 0;
        for (int step = 0; step < 3000; step++) {
            pop.excitatoryConductance()[0] = 5f;
            pop.integrate(step, DT, 0, rng);
            total += pop.spikeCount();
        }
        assertTrue(total > 0);
        assertEquals(20f, pop.theta()[0]);
    }

    @Test
    void conductanceDecaysByForwardEulerFactor() {
        ConductanceLifParameters p = new ConductanceLifParameters(100, -65, -65, 1000, 0, 0, -100, 4, 2, 5, 0.05, 1e7, 0);
        ConductanceLifPopulation pop = new ConductanceLifPopulation("e", 1, p).useForwardEuler(true);
        pop.excitatoryInput()[0] = 0.8f;
        pop.inhibitoryInput()[0] = 0.4f;
        SplittableRandom rng = new SplittableRandom(3);
        for (int step = 0; step < 6; step++) {
            pop.integrate(step, DT, 0, rng);
        }
        assertEquals(0.8 * Math.pow(1 - DT / 4, 6), pop.excitatoryConductance()[0], 1e-6);
        assertEquals(0.4 * Math.pow(1 - DT / 2, 6), pop.inhibitoryConductance()[0], 1e-6);
    }

    @Test
    void exponentialEulerIsExactForHeldConductancesAndStableUnderStrongInhibition() {
        ConductanceLifPopulation pop = new ConductanceLifPopulation("e", 1, noSpike());
        SplittableRandom rng = new SplittableRandom(3);
        double ge = 0.4;
        double gi = 0.7;
        double v0 = -50;
        pop.membrane()[0] = (float) v0;
        double vInf = (-65 + ge * 0 + gi * -100) / (1 + ge + gi);
        for (int step = 1; step <= 200; step++) {
            pop.excitatoryConductance()[0] = (float) ge;
            pop.inhibitoryConductance()[0] = (float) gi;
            pop.integrate(step, DT, 0, rng);
            double expected = vInf + (v0 - vInf) * Math.exp(-step * DT * (1 + ge + gi) / 100);
            assertEquals(expected, pop.membrane()[0], 1e-3, "step " + step);
        }
        // g_i = 1000: forward Euler's factor dt·(1+g)/τ ≈ 5 would diverge; the exact update settles at E_inh
        ConductanceLifPopulation strong = new ConductanceLifPopulation("e", 1, noSpike());
        ConductanceLifPopulation euler = new ConductanceLifPopulation("e", 1, noSpike()).useForwardEuler(true);
        int spuriousSpikes = 0;
        for (int step = 0; step < 20; step++) {
            strong.inhibitoryConductance()[0] = 1000f;
            euler.inhibitoryConductance()[0] = 1000f;
            strong.integrate(step, DT, 0, rng);
            euler.integrate(step, DT, 0, rng);
            assertTrue(strong.membrane()[0] >= -100.01f && strong.membrane()[0] <= -65f, "bounded: " + strong.membrane()[0]);
            assertEquals(0, strong.spikeCount());
            spuriousSpikes += euler.spikeCount();
        }
        // pure inhibition cannot make a neuron fire; forward Euler's oscillation overshoots the threshold
        assertTrue(spuriousSpikes > 0, "forward Euler diverges under g_i = 1000");
    }

    /**
     * A population found at its fixed point skips the updates that would change nothing: beside a twin whose
     * membrane is taken before every update (which forgets that it was at rest, so that it always runs the kernel),
     * Diehl &amp; Cook's inhibitory neurons (θ = 0, decaying), excitatory ones (θ &gt; 0, decaying: never at rest)
     * and pacemakers (V_rest = V_reset above the threshold: at a fixed point that spikes) under sparse bursts of
     * input, strong enough to make them spike or so weak that V does not move, a stretch of membrane noise and a reset,
     * with both integrations and both kernels, spike alike and hold the same state, bit for bit, at every step; the
     * inhibitory population skips most steps.
     */
    @Test
    void aPopulationAtRestSkipsOnlyUpdatesThatWouldChangeNothing() {
        for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.vector()}) {
            for (boolean euler : new boolean[] {false, true}) {
                for (int model = 0; model < 3; model++) {
                    ConductanceLifParameters p = model == 0 ? ConductanceLifParameters.DIEHL_COOK_INHIBITORY
                            : model == 1 ? ConductanceLifParameters.DIEHL_COOK_EXCITATORY
                            : new ConductanceLifParameters(10, -50, -50, -55, 0, 0, -85, 1, 2, 2, 0, 1e7, 0);
                    String where = kernels.name() + (euler ? ", forward Euler, " : ", exponential Euler, ")
                            + List.of("inhibitory", "excitatory", "pacemaker").get(model);
                    ConductanceLifPopulation pop = new ConductanceLifPopulation("a", 40, p, kernels).useForwardEuler(euler);
                    ConductanceLifPopulation twin = new ConductanceLifPopulation("b", 40, p, kernels).useForwardEuler(euler);
                    SplittableRandom input = new SplittableRandom(11);
                    SplittableRandom noiseA = new SplittableRandom(12);
                    SplittableRandom noiseB = new SplittableRandom(12);
                    int skipped = 0;
                    int spikes = 0;
                    for (int t = 0; t < 6000; t++) {
                        int step = t < 3000 ? t : t - 3000;
                        if (t == 3000) {
                            pop.resetState();
                            twin.resetState();
                        }
                        boolean burst = input.nextDouble() < 0.003 && (t < 2000 || t >= 2600);
                        if (burst) { // into a few neurons, through the getters
                            boolean faint = input.nextDouble() < 0.3; // moves g, not V
                            for (int k = 0; k < 3; k++) {
                                int i = input.nextInt(40);
                                float x = (float) (faint ? 1e-30 : 8 + 12 * input.nextDouble());
                                // (inhibitory input after the reset only: g_i·(1 − dt/τ_i) stops at the least
                                // subnormal float, 0.75 of it rounding up, so that the neurons never rest again)
                                boolean excitatory = t < 3000 || input.nextDouble() < 0.8;
                                (excitatory ? pop.excitatoryInput() : pop.inhibitoryInput())[i] += x;
                                (excitatory ? twin.excitatoryInput() : twin.inhibitoryInput())[i] += x;
                            }
                        }
                        double noise = t >= 2500 && t < 2600 ? 2.0 : 0.0;
                        skipped += pop.knownAtRest() && noise == 0 && !burst ? 1 : 0;
                        twin.membrane();
                        pop.integrate(step, DT, noise, noiseA);
                        twin.integrate(step, DT, noise, noiseB);
                        spikes += pop.spikeCount();
                        assertEquals(twin.spikeCount(), pop.spikeCount(), where + ", step " + t);
                        ConductanceLifPopulation.StateCopy a = pop.stateCopy();
                        ConductanceLifPopulation.StateCopy b = twin.stateCopy();
                        assertArrayEquals(b.v(), a.v(), where + ", V, step " + t);
                        assertArrayEquals(b.ge(), a.ge(), where + ", g_e, step " + t);
                        assertArrayEquals(b.gi(), a.gi(), where + ", g_i, step " + t);
                        assertArrayEquals(b.theta(), a.theta(), where + ", θ, step " + t);
                    }
                    assertTrue(spikes > 10, where + ": " + spikes + " spikes");
                    if (model == 0) {
                        assertTrue(skipped > 1500, where + ": " + skipped + " of 6 000 steps skipped");
                    }
                }
            }
        }
    }

    /**
     * A conductance shorter than dt kept 1 − dt/τ &lt; 0 per step: g_e alternated in sign and grew to 491 437 in 39 steps
     * with no error. Refused at the first step, naming the population, the parameter, its value and dt; NaN potentials
     * were accepted.
     */
    @Test
    void aConductanceShorterThanTheStepOrANaNParameterIsRefused() {
        ConductanceLifParameters fast = new ConductanceLifParameters(20, -65, -65, -50, 0, 0, -80, 0.2, 10, 2, 0, 1e7,
                0);
        ConductanceLifPopulation e = new ConductanceLifPopulation("e", 1, fast);
        SplittableRandom rng = new SplittableRandom(1);
        assertRefused(IllegalArgumentException.class, () -> e.integrate(0, DT, 0, rng), "population e",
                "tau_excitatory_ms = 0.2 ms", "dt = 0.5 ms");
        e.integrate(0, 0.1, 0, rng); // a step the conductance outlasts
        ConductanceLifPopulation i = new ConductanceLifPopulation("i", 1,
                new ConductanceLifParameters(20, -65, -65, -50, 0, 0, -80, 1, 0.3, 2, 0, 1e7, 0));
        assertRefused(IllegalArgumentException.class, () -> i.integrate(0, DT, 0, rng), "population i",
                "tau_inhibitory_ms = 0.3 ms");
        ConductanceLifPopulation euler = new ConductanceLifPopulation("m", 1,
                new ConductanceLifParameters(0.4, -65, -65, -50, 0, 0, -80, 1, 2, 2, 0, 1e7, 0));
        euler.integrate(0, DT, 0, rng); // exponential Euler takes any τ_m
        euler.useForwardEuler(true);
        assertRefused(IllegalArgumentException.class, () -> euler.integrate(1, DT, 0, rng), "population m",
                "tau_membrane_ms = 0.4 ms");
        assertRefused(IllegalArgumentException.class,
                () -> new ConductanceLifParameters(20, -65, -65, Double.NaN, 0, 0, -80, 1, 2, 2, 0, 1e7, 0),
                "v_threshold_mv", "NaN");
        assertRefused(IllegalArgumentException.class,
                () -> new ConductanceLifParameters(20, -65, -65, -50, 0, Double.NaN, -80, 1, 2, 2, 0, 1e7, 0),
                "e_excitatory_mv", "NaN");
        assertRefused(IllegalArgumentException.class,
                () -> new ConductanceLifParameters(20, -65, -65, -50, 0, 0, -80, 1, 2, 2, Double.NaN, 1e7, 0),
                "theta_plus_mv", "NaN");
    }

    /**
     * A population whose θ is ±0 everywhere and whose θ₊ is 0 (Diehl &amp; Cook's inhibitory neurons) hands its kernel a
     * keep of 1, so that θ's decay pass is skipped (±0 times any keep is itself: the same bits); once a θ other than 0
     * is written through the getter or copied in, θ decays again, by 1 − dt/τ_θ per step.
     */
    @Test
    void thetaThatCannotLeaveZeroIsNotDecayedByAPass() {
        for (Kernels inner : new Kernels[] {Kernels.scalar(), Kernels.vector()}) {
            List<Double> keeps = new ArrayList<>();
            Kernels kernels = (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(),
                    new Class<?>[] {Kernels.class}, (proxy, method, args) -> {
                        if (method.getName().equals("conductanceLif")) {
                            keeps.add(((ConductanceLifStep) args[0]).keepTheta());
                        }
                        try {
                            return method.invoke(inner, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            ConductanceLifPopulation pop = new ConductanceLifPopulation("i", 20,
                    ConductanceLifParameters.DIEHL_COOK_INHIBITORY, kernels);
            pop.theta()[7] = -0.0; // −0 is 0 too, and stays −0
            int spikes = 0;
            for (int step = 0; step < 400; step++) {
                if (step % 40 == 0) {
                    pop.excitatoryInput()[step % 20] += 20f;
                }
                pop.integrate(step, DT, 0, null);
                spikes += pop.spikeCount();
            }
            String where = inner.name();
            assertTrue(spikes > 0, where);
            assertTrue(!keeps.isEmpty() && keeps.stream().allMatch(k -> k == 1.0),
                    where + ": keeps " + keeps.stream().distinct().toList());
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(pop.theta()[7]), where);

            keeps.clear();
            pop.excitatoryInput()[0] += 20f; // an update that runs its kernel
            pop.theta()[3] = 2.0;
            pop.integrate(400, DT, 0, null);
            double keep = 1 - DT / ConductanceLifParameters.DIEHL_COOK_INHIBITORY.tauThetaMs();
            assertEquals(List.of(keep), keeps, where);
            assertEquals(2.0 * keep, pop.theta()[3], 0.0, where);

            ConductanceLifPopulation trained = new ConductanceLifPopulation("e", 20,
                    ConductanceLifParameters.DIEHL_COOK_EXCITATORY); // θ₀ = 20 mV
            ConductanceLifPopulation copied = new ConductanceLifPopulation("i", 20,
                    ConductanceLifParameters.DIEHL_COOK_INHIBITORY, kernels);
            copied.integrate(0, DT, 0, null); // θ still 0: keep 1
            copied.copyLearnedStateFrom(trained);
            copied.excitatoryInput()[0] += 20f;
            keeps.clear();
            copied.integrate(1, DT, 0, null);
            assertEquals(List.of(keep), keeps, where);
            assertEquals(20 * keep, copied.learnedStateCopy().get("theta_mv")[5], 0.0, where);
        }
    }

    /**
     * θ copies from a population of the same model and size; another model's or size's is refused naming both, where
     * it was a ClassCastException or an ArrayIndexOutOfBoundsException.
     */
    @Test
    void learnedStateCopiesOnlyFromTheSameModelAndSize() {
        ConductanceLifPopulation e = new ConductanceLifPopulation("e", 4, ConductanceLifParameters.DIEHL_COOK_EXCITATORY);
        ConductanceLifPopulation trained = new ConductanceLifPopulation("e", 4,
                ConductanceLifParameters.DIEHL_COOK_EXCITATORY);
        trained.learnedState().get("theta_mv")[2] = 0.05;
        e.copyLearnedStateFrom(trained);
        assertEquals(0.05, e.learnedState().get("theta_mv")[2]);
        assertRefused(IllegalArgumentException.class, () -> e.copyLearnedStateFrom(
                new CurrentLifPopulation("c", 4, CurrentLifParameters.PAPER)), "population e", "CurrentLifPopulation[c",
                "ConductanceLifPopulation of 4 neurons");
        assertRefused(IllegalArgumentException.class, () -> e.copyLearnedStateFrom(
                new ConductanceLifPopulation("small", 2, ConductanceLifParameters.DIEHL_COOK_EXCITATORY)),
                "ConductanceLifPopulation[small, 2 neurons]");
    }
}
