package io.somnus.plasticity;

import static io.somnus.plasticity.StdpHarness.run;
import static io.somnus.plasticity.StdpHarness.train;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.encoding.SpikeTrain;
import io.somnus.network.Network;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AllToAllStdpTest {
    private static final double ETA = 0.01;
    private static final double A_PLUS = 1.0;
    private static final double A_MINUS = 0.5;
    private static final double TAU_PLUS = 10;
    private static final double TAU_MINUS = 20;
    private static final double TOL = 1e-6;

    private static AllToAllStdp rule(int sign, WeightDependence dependence) {
        return new AllToAllStdp(ETA, A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, sign, dependence, 1.0);
    }

    /** One pre/post pair each way through a rule built by name: each setter must reach its own parameter. */
    @Test
    void theBuilderSetsEachParameterByName() {
        // τ₊ ≠ τ₋ and A₊ ≠ A₋, so a setter that reached the other's parameter would change the closed form
        AllToAllStdp named = AllToAllStdp.builder(1.0).tauMinusMs(TAU_MINUS).aMinus(A_MINUS).eta(ETA)
                .tauPlusMs(TAU_PLUS).aPlus(A_PLUS).build();
        // pre 5, post 8: Δw = +η·A₊·exp(−3/τ₊); post 8, pre 11: Δw = −η·A₋·exp(−3/τ₋) (one spike a side: the pair)
        assertEquals(0.5 + 0.01 * 1.0 * Math.exp(-3 / 10.0), run(named, 0.5f, 0f, 1f, 20, new int[] {5},
                new int[] {8}), TOL);
        AllToAllStdp fresh = AllToAllStdp.builder(1.0).tauMinusMs(TAU_MINUS).aMinus(A_MINUS).eta(ETA)
                .tauPlusMs(TAU_PLUS).aPlus(A_PLUS).build();
        assertEquals(0.5 - 0.01 * 0.5 * Math.exp(-3 / 20.0), run(fresh, 0.5f, 0f, 1f, 20, new int[] {11},
                new int[] {8}), TOL);
        // multiplicative and inhibitory: Δw = −η·A₊·exp(−3/τ₊)·(w − w_min) for w = −0.5 in [−1, 0]
        AllToAllStdp inhibitory = AllToAllStdp.builder(1.0).eta(ETA).aPlus(A_PLUS).tauPlusMs(TAU_PLUS).sign(-1)
                .weightDependence(WeightDependence.MULTIPLICATIVE).build();
        assertEquals(-0.5 - 0.01 * Math.exp(-3 / 10.0) * 0.5, run(inhibitory, -0.5f, -1f, 0f, 20, new int[] {5},
                new int[] {8}), TOL);
        assertEquals(List.of(ETA, A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, 1.0), List.of(named.eta(), named.aPlus(),
                named.aMinus(), named.tauPlusMs(), named.tauMinusMs(), (double) named.sign()));
        assertEquals(List.of(-1, WeightDependence.MULTIPLICATIVE), List.of(inhibitory.sign(),
                inhibitory.weightDependence()));
    }

    @Test
    void theBuildersDefaultsAreNearestPairsAndAdditive() {
        AllToAllStdp d = AllToAllStdp.builder(0.5).build(); // the paper's η 5e-4, A± 1, τ± 7.5 ms, as rule: all_to_all
        assertEquals(List.of(5e-4, 1.0, 1.0, 7.5, 7.5, 1.0, 0.5), List.of(d.eta(), d.aPlus(), d.aMinus(),
                d.tauPlusMs(), d.tauMinusMs(), (double) d.sign(), d.dtMs()));
        assertEquals(WeightDependence.ADDITIVE, d.weightDependence());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllToAllStdp.builder(1.0).tauMinusMs(-2).build());
        assertTrue(e.getMessage().contains("τ− -2"), e.getMessage());
    }

    private static AllToAllStdp additive() {
        return rule(1, WeightDependence.ADDITIVE);
    }

    private static double ltp(int lag) {
        return ETA * A_PLUS * Math.exp(-lag / TAU_PLUS);
    }

    private static double ltd(int lag) {
        return ETA * A_MINUS * Math.exp(-lag / TAU_MINUS);
    }

    @Test
    void onePairIsTheNearestPairRule() {
        float w = run(additive(), 0.5f, 0f, 1f, 20, new int[] {5}, new int[] {8});
        assertEquals(0.5 + ltp(3), w, TOL);
        assertEquals(run(new NearestPairStdp(ETA, A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, 1, 1.0), 0.5f, 0f, 1f, 20,
                new int[] {5}, new int[] {8}), w, TOL);
        assertEquals(0.5 - ltd(3), run(additive(), 0.5f, 0f, 1f, 20, new int[] {8}, new int[] {5}), TOL);
    }

    @Test
    void everyEarlierSpikeOnTheOtherSidePairs() {
        // two pre spikes before a post spike: both potentiate (nearest-pair would count only the one at 5)
        assertEquals(0.5 + ltp(6) + ltp(3), run(additive(), 0.5f, 0f, 1f, 20, new int[] {2, 5}, new int[] {8}), TOL);
        // two post spikes before a pre spike: both depress
        assertEquals(0.5 - ltd(6) - ltd(3), run(additive(), 0.5f, 0f, 1f, 20, new int[] {8}, new int[] {2, 5}), TOL);
    }

    @Test
    void simultaneousSpikesPairAsPreBeforePostWithZeroLag() {
        assertEquals(0.5 + ETA * A_PLUS, run(additive(), 0.5f, 0f, 1f, 20, new int[] {5}, new int[] {5}), TOL);
    }

    @Test
    void multiplicativeScalesByTheDistanceToTheBound() {
        float up = run(rule(1, WeightDependence.MULTIPLICATIVE), 0.8f, 0f, 1f, 20, new int[] {5}, new int[] {8});
        assertEquals(0.8 + ltp(3) * (1 - 0.8), up, TOL);
        float down = run(rule(1, WeightDependence.MULTIPLICATIVE), 0.8f, 0f, 1f, 20, new int[] {8}, new int[] {5});
        assertEquals(0.8 - ltd(3) * 0.8, down, TOL);
    }

    @Test
    void inhibitorySignFlipsAndBoundsClip() {
        assertEquals(-0.5 - ltp(3), run(rule(-1, WeightDependence.ADDITIVE), -0.5f, -1f, 0f, 20, new int[] {5},
                new int[] {8}), TOL);
        assertEquals(1f, run(additive(), 0.995f, 0f, 1f, 20, new int[] {5}, new int[] {5}));
        assertEquals(0f, run(additive(), 0.001f, 0f, 1f, 20, new int[] {6}, new int[] {5}));
    }

    /**
     * Random spike trains on a random 5 × 4 projection, wide bounds: each weight ends at w0 plus the sum over every
     * (pre, post) spike pair of the pair's change, computed pair by pair here (no traces).
     */
    @Test
    void matchesTheSumOverAllSpikePairs() {
        int nPre = 5;
        int nPost = 4;
        int steps = 300;
        SplittableRandom r = new SplittableRandom(11);
        SynapseList syn = new SynapseList(nPre * nPost);
        List<int[]> pairs = new ArrayList<>();
        for (int j = 0; j < nPost; j++) { // listed post by post: the projection sorts them into rows
            for (int i = 0; i < nPre; i++) {
                if (r.nextDouble() < 0.6) {
                    syn.add(i, j);
                    pairs.add(new int[] {i, j});
                }
            }
        }
        List<List<Integer>> preTimes = new ArrayList<>();
        List<List<Integer>> postTimes = new ArrayList<>();
        SpikeTrain preTrain = randomTrain(r, nPre, steps, 0.08, preTimes);
        SpikeTrain postTrain = randomTrain(r, nPost, steps, 0.05, postTimes);
        SpikeSource pre = new SpikeSource("pre", nPre);
        SpikeSource post = new SpikeSource("post", nPost);
        float w0 = 0.5f;
        float[] initial = new float[syn.size()];
        Arrays.fill(initial, w0);
        Projection p = new Projection("p", pre, post, Receptor.EXCITATORY, syn, initial, -100f, 100f)
                .withPlasticity(additive());
        pre.play(preTrain);
        post.play(postTrain);
        for (int step = 0; step < steps; step++) {
            pre.integrate(step, 1.0, 0, r);
            post.integrate(step, 1.0, 0, r);
            p.plasticity().apply(p, step);
        }
        int checked = 0;
        for (int s = 0; s < p.synapseCount(); s++) {
            int i = p.preOf(s);
            int j = p.postOf(s);
            double expected = w0;
            for (int tPre : preTimes.get(i)) {
                for (int tPost : postTimes.get(j)) {
                    expected += tPre <= tPost ? ltp(tPost - tPre) : -ltd(tPre - tPost);
                }
            }
            assertEquals(expected, p.weights()[s], 2e-5, "synapse " + i + " -> " + j);
            checked += preTimes.get(i).size() * postTimes.get(j).size() > 0 ? 1 : 0;
        }
        assertEquals(pairs.size(), p.synapseCount());
        assertTrue(checked > 5, "too few synapses with spikes on both sides: " + checked);
    }

    private static SpikeTrain randomTrain(SplittableRandom r, int n, int steps, double p, List<List<Integer>> times) {
        SpikeTrain t = new SpikeTrain();
        t.reset(steps);
        for (int i = 0; i < n; i++) {
            times.add(new ArrayList<>());
        }
        for (int step = 0; step < steps; step++) {
            for (int i = 0; i < n; i++) {
                if (r.nextDouble() < p) {
                    t.add(step, i);
                    times.get(i).add(step);
                }
            }
        }
        t.finish();
        return t;
    }

    @Test
    void theNetworksResetForgetsTheTraces() {
        SpikeSource pre = new SpikeSource("pre", 1);
        SpikeSource post = new SpikeSource("post", 1);
        Projection p = StdpHarness.oneSynapse(pre, post, additive(), 0.5f, 0f, 1f);
        Network net = new Network(1.0, pre, List.of(pre, post), List.of(p), Map.of());
        SplittableRandom rng = new SplittableRandom(1);
        pre.play(train(20, 15)); // a pre spike at step 15, then a reset, then a post spike at step 17 of the next stream
        for (int t = 0; t < 20; t++) {
            net.step(t, true, 0, rng);
        }
        net.resetState();
        post.play(train(20, 17));
        pre.play(train(20));
        for (int t = 0; t < 20; t++) {
            net.step(t, true, 0, rng);
        }
        assertEquals(0.5f, p.weights()[0], "a pre spike before the reset must not pair with a post spike after it");
    }

    @Test
    void oneRuleServesOneProjection() {
        AllToAllStdp shared = additive();
        run(shared, 0.5f, 0f, 1f, 5, new int[] {1}, new int[] {2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(shared, 0.5f, 0f, 1f, 5, new int[] {1}, new int[] {2}));
        assertTrue(e.getMessage().contains("its own"), e.getMessage());
    }

    @Test
    void badParametersAreRefusedByName() {
        IllegalArgumentException tau = assertThrows(IllegalArgumentException.class,
                () -> new AllToAllStdp(ETA, A_PLUS, A_MINUS, -1, TAU_MINUS, 1, WeightDependence.ADDITIVE, 1.0));
        assertTrue(tau.getMessage().contains("τ+ -1"), tau.getMessage());
        IllegalArgumentException amplitude = assertThrows(IllegalArgumentException.class,
                () -> new AllToAllStdp(ETA, Double.NaN, A_MINUS, 10, 10, 1, WeightDependence.ADDITIVE, 1.0));
        // the nearest-pair rule's check and words, with this rule's name
        assertTrue(amplitude.getMessage().contains("all-to-all STDP needs η, A+ and A− >= 0 and finite"),
                amplitude.getMessage());
        IllegalArgumentException sign = assertThrows(IllegalArgumentException.class, () -> rule(0, WeightDependence.ADDITIVE));
        assertTrue(sign.getMessage().contains("sign must be +1 or -1, got 0"), sign.getMessage());
        IllegalArgumentException unbounded = assertThrows(IllegalArgumentException.class,
                () -> run(rule(1, WeightDependence.MULTIPLICATIVE), 0.5f, 0f, Float.POSITIVE_INFINITY, 5,
                        new int[] {1}, new int[] {2}));
        assertTrue(unbounded.getMessage().contains("projection p"), unbounded.getMessage());
    }
}
