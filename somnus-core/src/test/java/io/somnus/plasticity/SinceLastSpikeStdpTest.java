package io.somnus.plasticity;

import static io.somnus.Refusals.assertRefused;
import static io.somnus.plasticity.StdpHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.encoding.SpikeTrain;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The authors' {@code spike_timing} worked by hand (docs/fidelity.md §1.4). At step s a synapse is visited when its
 * pre or post spiked at s − 1; "since" counts steps since the last spike with step s's spikes included, and a neuron
 * that never spiked counts from step −1; Δ = since(post) − since(pre).
 */
class SinceLastSpikeStdpTest {
    private static final double ETA = 8e-4;
    private static final double TAU_LTP = 10;
    private static final double TAU_LTD = 7.5;
    private static final double TOL = 1e-7;

    private static SinceLastSpikeStdp rule(double eta, int sign) {
        return new SinceLastSpikeStdp(eta, TAU_LTP, TAU_LTD, sign, 1.0);
    }

    private static double ltp(double eta, int delta) {
        return eta * Math.exp(-delta / TAU_LTP);
    }

    private static double ltd(double eta, int delta) {
        return eta * Math.exp(-delta / TAU_LTD);
    }

    /**
     * The anti-causal pair of {@link #antiCausalPairPotentiates} through a rule built by name, with τ_LTP ≠ τ_LTD
     * other than the class's: each setter must reach its own parameter.
     */
    @Test
    void theBuilderSetsEachParameterByName() {
        SinceLastSpikeStdp named = SinceLastSpikeStdp.builder(1.0).tauLtdMs(5).eta(2e-3).tauLtpMs(12).build();
        // s = 6: post spiked at 5, since(post) = 1, since(pre) = 7: Δ = −6 → −η·exp(−6/τ_LTD)
        // s = 9: pre spiked at 8, since(pre) = 1, since(post) = 4: Δ = 3 → +η·exp(−3/τ_LTP)
        float w = run(named, 0.5f, 0.01f, 25f, 20, new int[] {8}, new int[] {5});
        assertEquals(0.5 - 2e-3 * Math.exp(-6 / 5.0) + 2e-3 * Math.exp(-3 / 12.0), w, TOL);
        // inhibitory pre, simultaneous spikes: Δ = 0 → w −= η
        SinceLastSpikeStdp inhibitory = SinceLastSpikeStdp.builder(1.0).eta(5e-3).sign(-1).build();
        assertEquals(-0.5 - 5e-3, run(inhibitory, -0.5f, -25f, -0.01f, 20, new int[] {5}, new int[] {5}), 1e-6);
        assertEquals(List.of(2e-3, 12.0, 5.0, 1.0), List.of(named.eta(), named.tauLtpMs(),
                named.tauLtdMs(), (double) named.sign()));
        assertEquals(-1, inhibitory.sign());
    }

    @Test
    void theBuildersDefaultsAreThePaperCodePresetsExcitatoryOnes() {
        SinceLastSpikeStdp d = SinceLastSpikeStdp.builder(1.0).build(); // paper-code.yaml: 8e-4, 10 ms, 7.5 ms
        assertEquals(List.of(8e-4, 10.0, 7.5, 1.0, 1.0), List.of(d.eta(), d.tauLtpMs(),
                d.tauLtdMs(), (double) d.sign(), d.dtMs()));
        assertRefused(IllegalArgumentException.class, () -> SinceLastSpikeStdp.builder(1.0).tauLtpMs(0).build(),
                "τ_LTP 0");
    }

    @Test
    void causalPairDepressesAndIsCountedTwiceAtOneStep() {
        // s = 6: pre spiked at 5, since(pre) = 1, since(post) = 0 (spiked at 6): Δ = −1 → LTD
        // s = 7: post spiked at 6, since(post) = 1, since(pre) = 2: Δ = −1 → LTD again
        float w = run(rule(ETA, 1), 0.5f, 0.01f, 25f, 20, new int[] {5}, new int[] {6});
        assertEquals(0.5 - 2 * ltd(ETA, 1), w, TOL);
    }

    @Test
    void causalPairFurtherApartDepressesOnceAndPairsTheFirstSpikeWithTheStreamStart() {
        // s = 6: pre spiked at 5; post never spiked: since(post) = 6 + 1 = 7, since(pre) = 1: Δ = 6 → LTP
        // s = 9: post spiked at 8; since(post) = 1, since(pre) = 4: Δ = −3 → LTD
        float w = run(rule(ETA, 1), 0.5f, 0.01f, 25f, 20, new int[] {5}, new int[] {8});
        assertEquals(0.5 + ltp(ETA, 6) - ltd(ETA, 3), w, TOL);
    }

    @Test
    void antiCausalPairPotentiates() {
        // s = 6: post spiked at 5, since(post) = 1, since(pre) = 7 (never): Δ = −6 → LTD
        // s = 9: pre spiked at 8, since(pre) = 1, since(post) = 4: Δ = 3 → LTP
        float w = run(rule(ETA, 1), 0.5f, 0.01f, 25f, 20, new int[] {8}, new int[] {5});
        assertEquals(0.5 - ltd(ETA, 6) + ltp(ETA, 3), w, TOL);
    }

    @Test
    void simultaneousSpikesAreVisitedOnceAndPotentiate() {
        float w = run(rule(ETA, 1), 0.5f, 0.01f, 25f, 20, new int[] {5}, new int[] {5});
        assertEquals(0.5 + ETA, w, TOL);
    }

    @Test
    void inhibitoryPreIsMirrored() {
        double etaI = 5e-3;
        // the causal pair at one step: Δ = −1 twice → w += η_I·exp(−1/τ_LTD) twice (|w| shrinks)
        float w = run(rule(etaI, -1), -0.5f, -25f, -0.01f, 20, new int[] {5}, new int[] {6});
        assertEquals(-0.5 + 2 * ltd(etaI, 1), w, 1e-6);
        // simultaneous: Δ = 0 → w −= η_I (|w| grows)
        float v = run(rule(etaI, -1), -0.5f, -25f, -0.01f, 20, new int[] {5}, new int[] {5});
        assertEquals(-0.5 - etaI, v, 1e-6);
    }

    @Test
    void boundsAreImposedBeforeTheNextUpdateNotAfterThisOne() {
        float m = (float) ltd(ETA, 1);
        // after step 6's update the weight sits below the bound for one step
        assertEquals(0.01f - m, run(rule(ETA, 1), 0.01f, 0.01f, 25f, 7, new int[] {5}, new int[] {6}), 1e-9);
        // step 7 clips it back to 0.01, then depresses it again
        assertEquals(0.01f - m, run(rule(ETA, 1), 0.01f, 0.01f, 25f, 8, new int[] {5}, new int[] {6}), 1e-9);
        // step 8 clips it; nothing spiked at 7
        assertEquals(0.01f, run(rule(ETA, 1), 0.01f, 0.01f, 25f, 9, new int[] {5}, new int[] {6}), 0.0);
    }

    @Test
    void incrementsVanishFarFromASpikeAndTheRuleUpdatesBeforeDelivery() {
        SinceLastSpikeStdp r = rule(ETA, 1);
        assertEquals((float) ETA, r.change(0));
        assertEquals(-(float) ltd(ETA, 2), r.change(-2));
        // beyond the tables the change is sign·0: +0 for LTP, −0 for LTD of an excitatory pre (w + −0 keeps a −0 weight)
        assertEquals(0f, r.change(100_000));
        assertEquals(-0f, r.change(-100_000));
        SinceLastSpikeStdp inhibitory = rule(ETA, -1);
        assertEquals(-(float) ETA, inhibitory.change(0));
        assertEquals((float) ltd(ETA, 2), inhibitory.change(-2));
        assertEquals(-0f, inhibitory.change(100_000));
        assertEquals(0f, inhibitory.change(-100_000));
        assertTrue(r.updatesBeforeDelivery());
        assertThrows(IllegalArgumentException.class, () -> new SinceLastSpikeStdp(ETA, 0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SinceLastSpikeStdp(ETA, 1, 1, 0, 1));
        // an infinite τ tabulated 2^20 entries of η; an infinite η or dt was accepted
        assertRefused(IllegalArgumentException.class,
                () -> new SinceLastSpikeStdp(ETA, Double.POSITIVE_INFINITY, 1, 1, 1), "τ_LTP Infinity");
        assertRefused(IllegalArgumentException.class,
                () -> new SinceLastSpikeStdp(Double.POSITIVE_INFINITY, 1, 1, 1, 1), "η Infinity");
        assertRefused(IllegalArgumentException.class,
                () -> new SinceLastSpikeStdp(ETA, 1, 1, 1, Double.POSITIVE_INFINITY), "dt Infinity");
    }

    /**
     * The rule visits the neurons that spiked at t − 1 from its own copy of the last step's spike lists; against a
     * plain scan of every synapse (the definition), the weights agree bit for bit over random spikes, a reset of the
     * spike history (the lists go stale) and steps without an update (the lists are not from t − 1).
     */
    @Test
    void theListedSpikesVisitTheSynapsesEveryScanWould() {
        // weights inside, at and outside the bounds [0.005, 0.02]
        agreesWithTheScan(rule(ETA, 1), 0.005f, 0.02f, rng -> (float) (0.02 * rng.nextDouble()));
    }

    /**
     * A synapse whose pre and post both spiked at t − 1 is changed once: by its row, and its column leaves it as it is.
     * With η = 0 every change is ±0, so a −0 weight tells whether the second visit added anything: −0 + (−0) is −0,
     * −0 + (+0) is +0.
     */
    @Test
    void aSynapseVisitedFromBothEndsKeepsItsSignedZero() {
        agreesWithTheScan(rule(0, 1), -1f, 1f, rng -> -0f);
        agreesWithTheScan(rule(0, -1), -1f, 1f, rng -> -0f);
    }

    private static void agreesWithTheScan(SinceLastSpikeStdp rule, float wMin, float wMax,
                                          ToDoubleFunction<SplittableRandom> initialWeight) {
        int nPre = 30;
        int nPost = 20;
        int steps = 400;
        SplittableRandom rng = new SplittableRandom(7);
        SpikeSource pre = new SpikeSource("pre", nPre);
        SpikeSource post = new SpikeSource("post", nPost);
        SynapseList syn = new SynapseList(nPre * nPost);
        for (int i = 0; i < nPre; i++) {
            for (int j = 0; j < nPost; j++) {
                if (rng.nextDouble() < 0.3) {
                    syn.add(i, j);
                }
            }
        }
        float[] w0 = new float[syn.size()];
        for (int s = 0; s < w0.length; s++) {
            w0[s] = (float) initialWeight.applyAsDouble(rng);
        }
        Projection p = new Projection("p", pre, post, Receptor.EXCITATORY, syn, w0.clone(), wMin, wMax)
                .withPlasticity(rule);
        pre.play(randomTrain(steps, nPre, 0.15, rng));
        post.play(randomTrain(steps, nPost, 0.1, rng));
        // the definition: every synapse whose pre or post spiked at t − 1, once; clipped before the next update
        float[] w = p.weights().clone();
        int[][] last = {filled(nPre), filled(nPost)};
        int[][] prev = {filled(nPre), filled(nPost)};
        boolean[] touched = new boolean[w.length];
        for (int step = 0; step < steps; step++) {
            pre.integrate(step, 1.0, 0, rng);
            post.integrate(step, 1.0, 0, rng);
            note(pre, step, last[0], prev[0]);
            note(post, step, last[1], prev[1]);
            if (step == 200) {
                pre.resetSpikeHistory();
                post.resetSpikeHistory();
                last = new int[][] {filled(nPre), filled(nPost)};
                prev = new int[][] {filled(nPre), filled(nPost)};
            }
            if (step >= 300 && step < 305) {
                continue; // no update at these steps
            }
            p.plasticity().apply(p, step);
            for (int s = 0; s < w.length; s++) {
                if (touched[s]) {
                    w[s] = p.clamp(w[s]);
                    touched[s] = false;
                }
            }
            for (int s = 0; s < w.length; s++) {
                int i = syn.pre(s);
                int j = syn.post(s);
                boolean preBefore = last[0][i] == step - 1 || prev[0][i] == step - 1;
                boolean postBefore = last[1][j] == step - 1 || prev[1][j] == step - 1;
                if (preBefore || postBefore) {
                    w[s] += rule.change(SinceLastSpikeStdp.since(last[1][j], step) - SinceLastSpikeStdp.since(last[0][i], step));
                    touched[s] = true;
                }
            }
            for (int s = 0; s < w.length; s++) {
                assertEquals(Float.floatToRawIntBits(w[s]), Float.floatToRawIntBits(p.weights()[index(p, syn.pre(s), syn.post(s))]),
                        "synapse " + syn.pre(s) + " → " + syn.post(s) + " at step " + step);
            }
        }
    }

    private static SpikeTrain randomTrain(int steps, int n, double p, SplittableRandom rng) {
        SpikeTrain t = new SpikeTrain();
        t.reset(steps);
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < n; i++) {
                if (rng.nextDouble() < p) {
                    t.add(s, i);
                }
            }
        }
        t.finish();
        return t;
    }

    /** The projection's index of synapse i → j. */
    private static int index(Projection p, int i, int j) {
        for (int s = p.rowStart()[i]; s < p.rowStart()[i + 1]; s++) {
            if (p.postIndex()[s] == j) {
                return s;
            }
        }
        throw new AssertionError("no synapse " + i + " → " + j);
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, Population.NEVER);
        return a;
    }

    private static void note(Population pop, int step, int[] last, int[] prev) {
        for (int k = 0; k < pop.spikeCount(); k++) {
            int i = pop.spiked()[k];
            prev[i] = last[i];
            last[i] = step;
        }
    }

    /** As {@link StdpHarness#run}, with the pre and/or post spikes of step {@code dropStep} dropped after that step. */
    private static float runDropping(float w0, int steps, int[] preSteps, int[] postSteps, int dropStep, boolean dropPre,
                                     boolean dropPost) {
        SpikeSource pre = new SpikeSource("pre", 1);
        SpikeSource post = new SpikeSource("post", 1);
        Projection p = StdpHarness.oneSynapse(pre, post, rule(ETA, 1), w0, 0.01f, 25f);
        pre.play(StdpHarness.train(steps, preSteps));
        post.play(StdpHarness.train(steps, postSteps));
        SplittableRandom rng = new SplittableRandom(1);
        for (int step = 0; step < steps; step++) {
            pre.integrate(step, 1.0, 0, rng);
            post.integrate(step, 1.0, 0, rng);
            p.plasticity().apply(p, step);
            if (step == dropStep) {
                p.plasticity().dropSpikesOf(p, step, dropPre, dropPost);
            }
        }
        return p.weights()[0];
    }

    @Test
    void aDroppedPreSpikeVisitsNothingAtTheNextStep() {
        // the authors zero the input spikes of the last wake step (spikes_prev[:st] = 0, train.py:508) before the first
        // sleep step's spike_timing: pre at 5, post never; undropped, s = 6 gives Δ = 7 − 1 = 6 → LTP (test above)
        assertEquals(0.5f, runDropping(0.5f, 20, new int[] {5}, new int[0], 5, true, false));
        assertEquals(0.5 + ltp(ETA, 6), runDropping(0.5f, 20, new int[] {5}, new int[0], 4, true, false), TOL,
                "a drop of another step changes nothing");
    }

    @Test
    void aDroppedPreSpikeKeepsItsSpikeTimeForItsPostsVisit() {
        // pre and post at 5, the pre spike dropped: s = 6 still visits the synapse for the post spike, with
        // since(pre) = 1 from the spike time that stands (their spike_times are not zeroed): Δ = 1 − 1 = 0 → LTP η, once
        assertEquals(0.5 + ltp(ETA, 0), runDropping(0.5f, 20, new int[] {5}, new int[] {5}, 5, true, false), TOL);
    }

    @Test
    void droppedPostSpikesVisitNothingEither() {
        // a batch's last step never reaches the next batch's update (train.py:393-394): post at 5 and pre never;
        // undropped, s = 6 gives Δ = 1 − 7 = −6 → LTD
        assertEquals(0.5f, runDropping(0.5f, 20, new int[0], new int[] {5}, 5, false, true));
        assertEquals(0.5 - ltd(ETA, 6), runDropping(0.5f, 20, new int[0], new int[] {5}, 5, false, false), TOL);
    }

    @Test
    void rulesThatTakeSpikesAtTheirOwnStepRefuseToDropThem() {
        SpikeSource pre = new SpikeSource("pre", 1);
        SpikeSource post = new SpikeSource("post", 1);
        Projection p = StdpHarness.oneSynapse(pre, post, new NearestPairStdp(1e-3, 1, 1, 20, 20, 1, 1.0), 0.5f, 0, 1);
        assertThrows(UnsupportedOperationException.class, () -> p.plasticity().dropSpikesOf(p, 3, true, false));
        p.plasticity().dropSpikesOf(p, 3, false, false); // nothing to leave out
    }
}
