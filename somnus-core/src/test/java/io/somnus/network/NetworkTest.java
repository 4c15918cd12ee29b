package io.somnus.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.GaussianDraws;
import io.somnus.encoding.SpikeTrain;
import io.somnus.kernel.Kernels;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.plasticity.WeightNormalisation;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The network's step on hand-built networks of current-LIF neurons whose numbers can be worked by hand:
 * τ_m = τ_syn = 10 ms, R = 10, V_rest −70 mV, threshold −55 mV, gain 1, no adaptation, dt = 1 ms, so that per step
 * V ← V∞ + (V − V∞)·e^−0.1 with V∞ = −70 + 10·I, and I decays by e^−0.1 (e^−0.1 = 0.904837418).
 */
class NetworkTest {
    private static final double DT_MS = 1.0;
    static final CurrentLifParameters SIMPLE =
            new CurrentLifParameters(10, 10, 10, -70, -80, -55, -100, 40, 0, 100, 0, 1.0);
    private static final Kernels KERNELS = Kernels.scalar();

    private static CurrentLifPopulation neurons(String name, int size) {
        return new CurrentLifPopulation(name, size, SIMPLE, KERNELS);
    }

    private static Projection allToAll(String name, Population pre, Population post, Receptor receptor, float... w) {
        SynapseList syn = Connector.allToAll().connect(pre.size(), post.size(), false, new SplittableRandom(1));
        return new Projection(name, pre, post, receptor, syn, w, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
                KERNELS);
    }

    /** A train of {@code steps} steps in which the given sources spike at step 0 (also for the package's other tests). */
    static SpikeTrain atStepZero(int steps, int... sources) {
        SpikeTrain t = new SpikeTrain();
        t.reset(steps);
        for (int s : sources) {
            t.add(0, s);
        }
        t.finish();
        return t;
    }

    /**
     * Wake noise (the authors' σ per training step): two neurons at rest, no input. Step 0: V = −70 + σ·g₀ (V∞ = rest);
     * step 1: V = −70 + (V₀ + 70)·e^−0.1 + σ·g₁, the g drawn in neuron order from the source given; σ = 0 draws none.
     */
    @Test
    void presentContinuingAddsWakeNoiseDrawnFromTheGivenSource() {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = neurons("e", 2);
        Network net = new Network(DT_MS, in, List.<Population>of(in, e), List.of(), Map.of());
        SplittableRandom rng = new SplittableRandom(7);
        SplittableRandom same = new SplittableRandom(7);
        net.presentContinuing(atStepZero(1), false, 2.0, rng);
        float[] v0 = {(float) (-70 + (float) (2.0 * GaussianDraws.draw(same))), (float) (-70 + (float) (2.0 * GaussianDraws.draw(same)))};
        assertEquals(v0[0], e.membrane()[0], 1e-5);
        assertEquals(v0[1], e.membrane()[1], 1e-5);
        net.presentContinuing(atStepZero(1), false, 2.0, rng);
        for (int i = 0; i < 2; i++) {
            double expected = -70 + (v0[i] + 70) * Math.exp(-0.1) + (float) (2.0 * GaussianDraws.draw(same));
            assertEquals(expected, e.membrane()[i], 1e-4);
        }
        net.presentContinuing(atStepZero(1), false, 0.0, rng);
        assertEquals(same.nextLong(), rng.nextLong(), "σ = 0 must draw nothing");
    }

    /**
     * Input 0 (excitatory, w = 0.5) and input 1 (inhibitory, w = −0.2) both spike at step 0. Step 0: the neuron
     * integrates before the input is delivered, V = −70. Step 1: I = 0.5 − 0.2 = 0.3, V∞ = −67,
     * V₁ = −67 − 3·e^−0.1 = −69.714512. Step 2: I = 0.3·e^−0.1 = 0.271451, V∞ = −67.285488,
     * V₂ = V∞ + (V₁ − V∞)·e^−0.1 = −69.483360.
     */
    @Test
    void aSpikeReachesThePostsynapticMembraneOneStepLaterAsWorkedByHand() {
        SpikeSource in = new SpikeSource("input", 2);
        CurrentLifPopulation e = neurons("e", 1);
        SynapseList exc = new SynapseList(1);
        exc.add(0, 0);
        SynapseList inh = new SynapseList(1);
        inh.add(1, 0);
        Projection pe = new Projection("in_e", in, e, Receptor.EXCITATORY, exc, new float[] {0.5f},
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, KERNELS);
        Projection pi = new Projection("in_i", in, e, Receptor.INHIBITORY, inh, new float[] {-0.2f},
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, KERNELS);
        Network net = new Network(DT_MS, in, List.<Population>of(in, e), List.of(pe, pi), Map.of());
        in.play(atStepZero(3, 0, 1));
        SplittableRandom rng = new SplittableRandom(1);

        net.step(0, false, 0.0, rng);
        assertEquals(2, in.spikeCount());
        assertEquals(-70f, e.membrane()[0], 0f, "the input of step 0 acts from step 1 on");
        assertEquals(0.5f, e.excitatoryInput()[0], 0f, "delivered after the populations integrated");
        assertEquals(-0.2f, e.inhibitoryInput()[0], 0f);

        net.step(1, false, 0.0, rng);
        assertEquals(-69.714512, e.membrane()[0], 1e-4);
        assertEquals(0.3, e.current()[0] / Math.exp(-0.1), 1e-6, "I = 0.3 before this step's decay");
        net.step(2, false, 0.0, rng);
        assertEquals(-69.483360, e.membrane()[0], 1e-4);
        assertEquals(2, net.synapticEvents(), "one event per spike per outgoing synapse");
    }

    /**
     * input → a → b with w = 20: from rest, I = 20 gives V∞ = 130 and V₁ = 130 − 200·e^−0.1 = −50.97 &gt; −55, so a
     * spike crosses each projection in exactly one step: input at step 0, a at step 1, b at step 2.
     * Populations integrate before projections deliver, so nothing crosses two projections in one step.
     */
    @Test
    void eachProjectionDelaysASpikeByOneStep() {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation a = neurons("a", 1);
        CurrentLifPopulation b = neurons("b", 1);
        // b's projection first in the list: order among projections does not change when spikes arrive
        Projection ab = allToAll("a_b", a, b, Receptor.EXCITATORY, 20f);
        Projection ia = allToAll("in_a", in, a, Receptor.EXCITATORY, 20f);
        Network net = new Network(DT_MS, in, List.<Population>of(in, a, b), List.of(ab, ia), Map.of());
        SpikeCounter ca = net.count(a);
        SpikeCounter cb = net.count(b);
        in.play(atStepZero(3, 0));
        SplittableRandom rng = new SplittableRandom(1);
        int[][] expected = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}; // spikes of input, a, b at steps 0, 1, 2
        for (int t = 0; t < 3; t++) {
            net.step(t, false, 0.0, rng);
            assertArrayEquals(expected[t], new int[] {in.spikeCount(), a.spikeCount(), b.spikeCount()}, "step " + t);
        }
        assertEquals(1, a.lastSpikeStep()[0]);
        assertEquals(2, b.lastSpikeStep()[0]);
        assertEquals(1, ca.total(), "counters record every step");
        assertEquals(1, cb.total());
    }

    /** input(2) → e(1), all to all, w = (20, 1), nearest-pair STDP η = 0.01, τ± = 10 ms, normalised to 42. */
    private record Plastic(Network net, SpikeSource in, CurrentLifPopulation e, Projection p) { }

    private static Plastic plastic() {
        SpikeSource in = new SpikeSource("input", 2);
        CurrentLifPopulation e = neurons("e", 1);
        Projection p = allToAll("in_e", in, e, Receptor.EXCITATORY, 20f, 1f)
                .withPlasticity(new NearestPairStdp(0.01, 1, 1, 10, 10, 1, DT_MS));
        Network net = new Network(DT_MS, in, List.<Population>of(in, e), List.of(p),
                Map.of(p, new WeightNormalisation(42)));
        return new Plastic(net, in, e, p);
    }

    /**
     * Input 0 spikes at step 0, e at step 1 (as above). Plastic: LTP on the synapse from input 0,
     * Δw = η·e^−1/τ₊ = 0.01·e^−0.1 = 0.0090484, so w = (20.0090484, 1) (input 1 never spiked: untouched); then the
     * column is normalised to 42: scale 42/21.0090484, w = (40.000861, 1.9991386). Frozen: the weights stay
     * (20, 1) bit for bit and are not normalised either.
     */
    @Test
    void aPlasticPresentationLearnsAndNormalisesAFrozenOneChangesNoWeight() {
        Plastic frozen = plastic();
        frozen.net().present(atStepZero(2, 0), false, new SplittableRandom(1));
        assertEquals(1, frozen.e().lastSpikeStep()[0], "e fired at step 1");
        assertArrayEquals(new float[] {20f, 1f}, frozen.p().weights());

        Plastic learning = plastic();
        learning.net().present(atStepZero(2, 0), true, new SplittableRandom(1));
        float[] w = learning.p().weights();
        assertEquals(40.000861, w[0], 1e-4);
        assertEquals(1.9991386, w[1], 1e-6);
        assertEquals(42.0, w[0] + (double) w[1], 1e-4);
    }

    /** Presentations start from rest: the state left by one does not leak into the next. */
    @Test
    void everyPresentationStartsFromRest() {
        Plastic a = plastic();
        a.net().present(atStepZero(2, 0), false, new SplittableRandom(1));
        float v = a.e().membrane()[0];
        a.net().present(atStepZero(2, 0), false, new SplittableRandom(1));
        assertEquals(v, a.e().membrane()[0], 0f);
        assertEquals(-80f, v, 0f, "reset after the spike at step 1");
    }

    @Test
    void anEvaluationCopySharesTheWeightsButNotTheState() {
        Plastic original = plastic();
        Network copy = original.net().copyForEvaluation();
        Projection cp = copy.projection("in_e");
        assertSame(original.p().weights(), cp.weights(), "weights shared, not copied");
        assertFalse(cp.isPlastic(), "the copy does not learn");
        CurrentLifPopulation ce = (CurrentLifPopulation) copy.population("e");
        assertNotSame(original.e(), ce);
        assertSame(copy.input(), cp.pre(), "the copy's projections join the copy's populations");
        assertSame(ce, cp.post());
        assertSame(KERNELS, ce.kernels());
        assertSame(KERNELS, cp.kernels());

        copy.present(atStepZero(2, 0), true, new SplittableRandom(1));
        assertEquals(1, ce.lastSpikeStep()[0], "the copy ran");
        assertEquals(-80f, ce.membrane()[0], 0f);
        assertEquals(-70f, original.e().membrane()[0], 0f, "the original's state did not move");
        assertEquals(Population.NEVER, original.e().lastSpikeStep()[0]);
        assertArrayEquals(new float[] {20f, 1f}, cp.weights(), "no plasticity and no normalisation in the copy");

        // a weight the original learns is what the copy sees
        original.net().present(atStepZero(2, 0), true, new SplittableRandom(1));
        assertTrue(cp.weights()[0] > 40f);
    }
}
