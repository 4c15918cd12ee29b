package io.somnus.sleep;

import static io.somnus.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SleepDecayTest {
    private static final double DT = 1.0;

    @Test
    void logSpaceDecayClosedForm() {
        double lambda = 0.99;
        double target = 0.2;
        LogSpaceDecay law = new LogSpaceDecay(lambda, 0);
        SplittableRandom rng = new SplittableRandom(1);
        for (double w0 : new double[] {0.9, 0.05, -0.7, -0.01}) {
            float w = (float) w0;
            int n = 150;
            for (int k = 0; k < n; k++) {
                w = law.step(w, (float) Math.copySign(target, w), DT, rng);
            }
            double expected = Math.copySign(target * Math.pow(Math.abs(w0) / target, Math.pow(lambda, n)), w0);
            assertEquals(expected, w, 1e-5 * Math.abs(expected), "w0=" + w0);
        }
        assertEquals(0f, law.step(0f, 0.2f, DT, rng), "zero weight stays zero");
    }

    @Test
    void linearDecayClosedForm() {
        double tau = 40;
        LinearDecay law = new LinearDecay(tau, 0);
        SplittableRandom rng = new SplittableRandom(1);
        for (double w0 : new double[] {0.9, -0.3}) {
            float w = (float) w0;
            double target = 0.1;
            int n = 70;
            for (int k = 0; k < n; k++) {
                w = law.step(w, (float) target, 0.5, rng);
            }
            assertEquals(target + (w0 - target) * Math.exp(-n * 0.5 / tau), w, 1e-5);
        }
    }

    /**
     * The schedule training runs ({@link SleepSchedule#everyWakeSteps}, driven through a {@link SleepClock} by
     * 100-step presentations as {@code StdpTraining} drives it) sleeps f/(1−f)·W steps after every W wake steps, so
     * the achieved fraction is E/(W+E) with E = round(f/(1−f)·W), within rounding of f.
     */
    @Test
    void scheduleAchievesFraction() {
        long wake = 35000;
        for (double f : new double[] {0.05, 0.1, 0.2, 0.5}) {
            EveryWakeSteps s = SleepSchedule.everyWakeSteps(f, wake);
            SleepClock clock = new SleepClock(s);
            for (int image = 0; image < 350 * 4; image++) {
                long due = clock.wake(SleepSchedule.WakeUnit.PRESENTATION, 100);
                if (due > 0) {
                    assertEquals(s.episodeSteps(), due, "the episode training runs is the schedule's");
                    clock.slept(due, false);
                }
            }
            long sleep = s.episodeSteps();
            assertEquals(4, clock.episodes());
            assertEquals((double) sleep / (sleep + wake), clock.achievedFraction(), 0.0, "f=" + f);
            assertEquals(f, clock.achievedFraction(), 0.01, "f=" + f);
            assertTrue(s.sleeps());
        }
        assertEquals(0, SleepSchedule.everyWakeSteps(0, wake).episodeSteps());
    }

    /** SleepPhase's pull (decayed every step, or k steps at once) ends where LogSpaceDecay's closed form puts it. */
    @Test
    void sleepPhasePullAgreesWithLogSpaceDecaysClosedForm() {
        double lambda = 0.999;
        int n = 700;
        for (int k : new int[] {1, 7, 64}) {
            Tiny t = new Tiny(0.5f);
            new SleepPhase(settings(0, false, new LogSpaceDecay(lambda, 0), k, 0)).run(t.net, n, Map.of(),
                    new SplittableRandom(4), List.of(), SleepPhase.Observer.NONE);
            float expected = new LogSpaceDecay(lambda, 0).stepN(0.5f, 0.2, n);
            for (float w : t.proj.weights()) {
                assertEquals(expected, w, 2e-6 * expected, "k=" + k);
            }
        }
    }

    /**
     * The log law toward each post neuron's mean weight (diehl-cook's sleep), pulled row by row on the kernels for
     * dense and all-but-self projections and weight by weight for the others: the floats of the definition — each
     * column's mean summed in column order, then every weight pulled toward it and clipped — step after step.
     */
    @Test
    void pullTowardEachPostNeuronsMeanGivesTheDefinitionsFloats() {
        SpikeSource input = new SpikeSource("input", 12);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 9, CurrentLifParameters.PAPER);
        SplittableRandom r = new SplittableRandom(6);
        List<Projection> projections = List.of(
                projection("in_e", input, e, Connector.allToAll().connect(12, 9, false, r), r),   // dense
                projection("e_e", e, e, Connector.allToAll().connect(9, 9, true, r), r),         // all but self
                projection("in_e_sparse", input, e, Connector.fixedProbability(0.4).connect(12, 9, false, r), r));
        assertTrue(projections.get(0).isDense() && projections.get(1).isAllButSelf()
                && !projections.get(2).isDense() && !projections.get(2).isAllButSelf(), "the three kinds");
        Network net = new Network(DT, input, List.of(input, e), projections, Map.of());
        float[][] expected = new float[3][];
        for (int q = 0; q < 3; q++) {
            expected[q] = projections.get(q).weights().clone();
        }
        int k = 3;
        double lambda = 0.9999;
        int steps = 10; // three whole decays and a last one of one step
        SleepSettings s = new SleepSettings(0, 0, false, new LogSpaceDecay(lambda, 0), DecayTarget.POST_MEAN, 0.2,
                List.of("in_e", "e_e", "in_e_sparse"), k, 0, 1000);
        new SleepPhase(s).run(net, steps, Map.of(), new SplittableRandom(4), List.of(), SleepPhase.Observer.NONE);
        for (int decay : new int[] {k, k, k, steps % k}) {
            double exponent = Math.pow(lambda, decay);
            for (int q = 0; q < 3; q++) {
                Projection p = projections.get(q);
                float[] w = expected[q];
                for (int j = 0; j < p.post().size(); j++) {
                    double sum = 0;
                    for (int c = p.colStart()[j]; c < p.colStart()[j + 1]; c++) {
                        sum += w[p.colSynapse()[c]];
                    }
                    float t = (float) (sum / (p.colStart()[j + 1] - p.colStart()[j]));
                    for (int c = p.colStart()[j]; c < p.colStart()[j + 1]; c++) {
                        int syn = p.colSynapse()[c];
                        w[syn] = p.clamp((float) Kernels.logSpacePull(w[syn], t, exponent));
                    }
                }
            }
        }
        for (int q = 0; q < 3; q++) {
            float[] got = projections.get(q).weights();
            for (int syn = 0; syn < got.length; syn++) {
                assertEquals(Float.floatToIntBits(expected[q][syn]), Float.floatToIntBits(got[syn]),
                        projections.get(q).name() + " synapse " + syn);
            }
        }
    }

    private static Projection projection(String name, Population pre, Population post,
                                         SynapseList syn, SplittableRandom r) {
        float[] w = new float[syn.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 11 == 0 ? 0f : (float) Math.exp(r.nextDouble(-6, 0));
        }
        return new Projection(name, pre, post, Receptor.EXCITATORY, syn, w, 0f, 1f);
    }

    // ---- SleepPhase on a tiny network: input (10) → E (5), all to all

    private static final class Tiny {
        final SpikeSource input = new SpikeSource("input", 10);
        final CurrentLifPopulation e = new CurrentLifPopulation("e", 5, CurrentLifParameters.PAPER);
        final Projection proj;
        final Network net;

        Tiny(float w0) {
            SynapseList syn = Connector.allToAll().connect(10, 5, false, new SplittableRandom(1));
            float[] w = new float[syn.size()];
            Arrays.fill(w, w0);
            proj = new Projection("in_e", input, e, Receptor.EXCITATORY, syn, w, 0f, 1f)
                    .withPlasticity(new NearestPairStdp(5e-4, 1, 1, 7.5, 7.5, 1, DT));
            net = new Network(DT, input, List.of(input, e), List.of(proj), Map.of());
        }
    }

    private static SleepSettings settings(double noise, boolean plasticity, WeightDecayLaw law, int k, double tol) {
        return new SleepSettings(noise, 0, plasticity, law, DecayTarget.CONSTANT, 0.2, List.of("in_e"), k, tol, 1000);
    }

    @Test
    void noInputSpikesDuringSleepAndNoiseDrivesE() {
        Tiny t = new Tiny(0.5f);
        SpikeCounter in = t.net.count(t.input);
        SpikeCounter e = t.net.count(t.e);
        SleepPhase phase = new SleepPhase(settings(5, true, new LogSpaceDecay(0.9999, 0), 1, 0));
        SleepPhase.Episode ep = phase.run(t.net, 2000, Map.of(), new SplittableRandom(4), List.of(e),
                SleepPhase.Observer.NONE);
        assertEquals(2000, ep.steps());
        assertEquals(0, in.total(), "input silenced");
        assertTrue(e.total() > 0, "noise makes E fire");
        assertEquals(e.total(), ep.spikesByPopulation().get("e").spikes());

        Tiny quiet = new Tiny(0.5f);
        SpikeCounter eq = quiet.net.count(quiet.e);
        new SleepPhase(settings(0, true, new LogSpaceDecay(0.9999, 0), 1, 0)).run(quiet.net, 2000, Map.of(),
                new SplittableRandom(4), List.of(eq), SleepPhase.Observer.NONE);
        assertEquals(0, eq.total(), "no noise, no input: silence");
    }

    /** The builder gives the record its positional constructor gives, and checks the same way. */
    @Test
    void theBuilderNamesWhatThePositionalConstructorTakesInOrder() {
        LogSpaceDecay law = new LogSpaceDecay(0.99997, 0);
        assertEquals(new SleepSettings(2, 0, true, law, DecayTarget.CONSTANT, 0.2, List.of(), 1, 0.001, 1000),
                SleepSettings.builder(law, DecayTarget.CONSTANT, 0.2).noiseStdMv(2).earlyEndTolerance(0.001).build());
        assertEquals(new SleepSettings(0, 5, false, law, DecayTarget.POST_MEAN, 0.1, List.of("e_e"), 10, 0, 50,
                        SleepSettings.EarlyEnd.RECEPTOR_GROUPS, true),
                SleepSettings.builder(law, DecayTarget.POST_MEAN, 0.1).inputRateHz(5).plasticity(false)
                        .projections(List.of("e_e")).decayEverySteps(10).traceEverySteps(50)
                        .earlyEnd(SleepSettings.EarlyEnd.RECEPTOR_GROUPS).keepState(true).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SleepSettings.builder(law, DecayTarget.CONSTANT, 0.2).noiseStdMv(-1).build());
        assertTrue(e.getMessage().contains("sleep.noise_std_mv must be >= 0"), e.getMessage());
    }

    /** An early end without the set points to end at could never happen: refused, naming the projection. */
    @Test
    void anEarlyEndWithoutASetPointIsRefused() {
        Tiny t = new Tiny(0.5f);
        SleepPhase phase = new SleepPhase(settings(0, false, new LogSpaceDecay(0.9999, 0), 1, 0.001));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> phase.run(t.net, 10, Map.of(),
                new SplittableRandom(4), List.of(), SleepPhase.Observer.NONE));
        assertTrue(e.getMessage().contains("decaying projection in_e has no set point"), e.getMessage());
        // with it, the same episode runs
        assertEquals(10, phase.run(t.net, 10, Map.of(t.proj, t.proj.totalAbsWeight() * 10), new SplittableRandom(4),
                List.of(), SleepPhase.Observer.NONE).steps());
        NullPointerException law = assertThrows(NullPointerException.class, () -> settings(0, false, null, 1, 0));
        assertTrue(law.getMessage().startsWith("law"), law.getMessage());
    }

    /**
     * A NaN target magnitude turned every decaying weight NaN, and a negative one, infinite noise or an infinite τ_sleep
     * were accepted; a null SleepPhase setting and a negative episode length too. A magnitude of 0 is a target: the
     * linear law decays toward it.
     */
    @Test
    void nonFiniteOrNegativeSettingsAndANegativeEpisodeAreRefused() {
        LogSpaceDecay log = new LogSpaceDecay(0.9999, 0);
        Class<IllegalArgumentException> bad = IllegalArgumentException.class;
        assertRefused(bad, () -> SleepSettings.builder(log, DecayTarget.CONSTANT, Double.NaN).build(),
                "sleep.target_magnitude", "NaN");
        assertRefused(bad, () -> SleepSettings.builder(log, DecayTarget.CONSTANT, -0.2).build(),
                "sleep.target_magnitude", "-0.2");
        assertRefused(bad, () -> SleepSettings.builder(log, DecayTarget.CONSTANT, 0.2)
                .noiseStdMv(Double.POSITIVE_INFINITY).build(), "sleep.noise_std_mv", "Infinity");
        assertRefused(bad, () -> new LinearDecay(Double.POSITIVE_INFINITY, 0), "sleep.tau_sleep_ms", "Infinity");
        assertRefused(bad, () -> new LinearDecay(1000, Double.NaN), "sleep.weight_noise", "NaN");
        assertRefused(bad, () -> new LogSpaceDecay(0.99, Double.POSITIVE_INFINITY), "sleep.weight_noise", "Infinity");
        assertRefused(NullPointerException.class, () -> new SleepPhase(null), "settings");
        Tiny t = new Tiny(0.5f);
        SleepPhase toZero = new SleepPhase(SleepSettings.builder(new LinearDecay(10, 0), DecayTarget.CONSTANT, 0)
                .projections(List.of("in_e")).build());
        assertRefused(bad, () -> toZero.run(t.net, -1, Map.of(), new SplittableRandom(4), List.of(),
                SleepPhase.Observer.NONE), "-1 steps", "maxSteps must be >= 0");
        toZero.run(t.net, 200, Map.of(), new SplittableRandom(4), List.of(), SleepPhase.Observer.NONE);
        assertTrue(t.proj.totalAbsWeight() < 0.5 * 50 * Math.exp(-10), "decayed toward 0");
    }

    @Test
    void registeredCountersAreNotDoubleCounted() {
        Tiny t = new Tiny(0.5f);
        SpikeCounter reference = t.net.count(t.e);
        SpikeCounter passed = t.net.count(t.e);
        SleepPhase.Episode ep = new SleepPhase(settings(5, false, new LogSpaceDecay(0.9999, 0), 1, 0))
                .run(t.net, 2000, Map.of(), new SplittableRandom(4), List.of(passed), SleepPhase.Observer.NONE);
        assertTrue(reference.total() > 0);
        assertEquals(reference.total(), ep.spikesByPopulation().get("e").spikes());
        assertEquals(reference.total(), passed.total());
    }

    @Test
    void earlyEndStopsAtTheSetPoint() {
        float w0 = 0.5f;
        Tiny t = new Tiny(w0);
        int n = t.proj.synapseCount();
        double setPoint = n * 0.3;
        double lambda = 0.99;
        double tol = 0.01;
        // independent: first step k where |n·0.2·(w0/0.2)^(λ^k) − setPoint| ≤ tol·setPoint
        long expectedSteps = -1;
        for (int k = 1; k < 100000; k++) {
            double total = n * 0.2 * Math.pow(w0 / 0.2, Math.pow(lambda, k));
            if (Math.abs(total - setPoint) <= tol * setPoint) {
                expectedSteps = k;
                break;
            }
        }
        assertTrue(expectedSteps > 0);
        long maxSteps = 10000;
        SleepPhase.Episode ep = new SleepPhase(settings(0, false, new LogSpaceDecay(lambda, 0), 1, tol))
                .run(t.net, maxSteps, Map.of(t.proj, setPoint), new SplittableRandom(4), List.of(),
                        SleepPhase.Observer.NONE);
        assertTrue(ep.endedEarly());
        assertTrue(ep.steps() < maxSteps);
        assertEquals(expectedSteps, ep.steps(), 1);
        assertTrue(Math.abs(t.proj.totalAbsWeight() - setPoint) <= tol * setPoint);
    }

    @Test
    void noEarlyEndWithoutTolerance() {
        Tiny t = new Tiny(0.5f);
        SleepPhase.Episode ep = new SleepPhase(settings(0, false, new LogSpaceDecay(0.99, 0), 1, 0))
                .run(t.net, 700, Map.of(t.proj, t.proj.synapseCount() * 0.3), new SplittableRandom(4), List.of(),
                        SleepPhase.Observer.NONE);
        assertEquals(700, ep.steps());
        assertTrue(!ep.endedEarly());
        double expected = 0.2 * Math.pow(0.5 / 0.2, Math.pow(0.99, 700));
        assertEquals(expected, t.proj.weights()[0], 1e-5 * expected);
    }

    private static float[] sleepWith(WeightDecayLaw law, int k, long steps) {
        Tiny t = new Tiny(0.5f);
        float[] w = t.proj.weights();
        for (int s = 0; s < w.length; s++) {
            w[s] = 0.05f + 0.9f * s / w.length;
        }
        new SleepPhase(settings(2, false, law, k, 0)).run(t.net, steps, Map.of(), new SplittableRandom(9), List.of(),
                SleepPhase.Observer.NONE);
        return w.clone();
    }

    @Test
    void decayEveryKStepsEqualsKSingleStepsWithoutPlasticity() {
        for (WeightDecayLaw law : List.of(new LogSpaceDecay(0.995, 0), new LinearDecay(50, 0))) {
            for (long steps : new long[] {100, 95}) {
                float[] single = sleepWith(law, 1, steps);
                float[] batched = sleepWith(law, 10, steps);
                for (int s = 0; s < single.length; s++) {
                    assertEquals(single[s], batched[s], 1e-5 * Math.abs(single[s]),
                            law + " steps " + steps + " synapse " + s);
                }
            }
        }
    }

    @Test
    void decayingDefaultsToPlasticProjections() {
        Tiny t = new Tiny(0.5f);
        SleepSettings s = new SleepSettings(2, 0, true, new LogSpaceDecay(0.99, 0), DecayTarget.CONSTANT, 0.2,
                List.of(), 1, 0, 10);
        assertEquals(List.of(t.proj), new SleepPhase(s).decaying(t.net));
    }
}
