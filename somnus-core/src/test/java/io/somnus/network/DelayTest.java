package io.somnus.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.encoding.SpikeTrain;
import io.somnus.kernel.Kernels;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.plasticity.SinceLastSpikeStdp;
import io.somnus.plasticity.TripletStdp;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Axonal delays ({@link Projection#withDelaySteps}) on {@link NetworkTest}'s hand-workable current-LIF neurons
 * (dt = 1 ms, τ = 10 ms, threshold −55 mV, V∞ = −70 + 10·I). Without a delay a spike at step t drives its target's
 * update at t + 1; a delay of D steps moves that to t + D, and the plasticity rule sees the spike at t + D − 1.
 */
class DelayTest {
    private static final double DT_MS = 1.0;
    private static final Kernels KERNELS = Kernels.scalar();
    private static final int STEPS = 30;

    private static CurrentLifPopulation neurons(String name, int size) {
        return new CurrentLifPopulation(name, size, NetworkTest.SIMPLE, KERNELS);
    }

    private static Projection oneToOne(String name, Population pre, Population post, float w, int delay) {
        SynapseList syn = Connector.oneToOne().connect(pre.size(), post.size(), false, new SplittableRandom(1));
        float[] weights = new float[syn.size()];
        Arrays.fill(weights, w);
        return new Projection(name, pre, post, Receptor.EXCITATORY, syn, weights, Float.NEGATIVE_INFINITY,
                Float.POSITIVE_INFINITY, KERNELS).withDelaySteps(delay);
    }

    /** The membrane of one neuron driven by one input spike at step 0 through a delay of {@code delay} steps. */
    private static float[] membrane(int delay, float w) {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = neurons("e", 1);
        Network net = new Network(DT_MS, in, List.<Population>of(in, e), List.of(oneToOne("in_e", in, e, w, delay)),
                Map.of());
        StateMonitor v = net.state(e, "v");
        net.present(NetworkTest.atStepZero(STEPS, 0), false, new SplittableRandom(1));
        double[] trace = v.trace(0);
        float[] out = new float[STEPS];
        for (int t = 0; t < STEPS; t++) {
            out[t] = (float) trace[t];
        }
        return out;
    }

    @Test
    void aDelayOfDStepsShiftsTheTargetsMembraneByDMinusOneSteps() {
        float[] one = membrane(1, 0.5f);
        assertEquals(-70f, one[0]);
        assertTrue(one[1] > -70f, "without a delay the spike of step 0 moves V at step 1");
        for (int delay : new int[] {2, 4, 7}) {
            float[] delayed = membrane(delay, 0.5f);
            for (int t = 0; t < delay; t++) {
                assertEquals(-70f, delayed[t], "delay " + delay + ": at rest until step " + delay + ", step " + t);
            }
            for (int t = delay - 1; t < STEPS; t++) {
                assertEquals(one[t - (delay - 1)], delayed[t], "delay " + delay + ", step " + t);
            }
        }
    }

    /** The steps at which a one-neuron population spikes while the network runs {@code steps} steps of {@code train}. */
    private static List<Integer> spikeSteps(Network net, Population p, SpikeTrain train) {
        SpikeRaster r = net.raster(p);
        net.present(train, false, new SplittableRandom(1));
        List<Integer> steps = new ArrayList<>();
        for (int s : r.spikeSteps()) {
            steps.add(s);
        }
        return steps;
    }

    private static Network chain(int delayAb, int delayBc) {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation a = neurons("a", 1);
        CurrentLifPopulation b = neurons("b", 1);
        return new Network(DT_MS, in, List.<Population>of(in, a, b),
                List.of(oneToOne("in_a", in, a, 5f, 1), oneToOne("a_b", a, b, 5f, delayAb)), Map.of());
    }

    @Test
    void aChainsSpikeArrivesLaterByItsDelay() {
        Network undelayed = chain(1, 1);
        List<Integer> base = spikeSteps(undelayed, undelayed.population("b"), NetworkTest.atStepZero(STEPS, 0));
        assertEquals(1, base.size(), "b spikes once: " + base);
        Network delayed = chain(6, 1);
        assertEquals(List.of(base.get(0) + 5), spikeSteps(delayed, delayed.population("b"), NetworkTest.atStepZero(STEPS, 0)));
        // an evaluation copy keeps the delay
        Network copy = delayed.copyForEvaluation();
        assertEquals(List.of(base.get(0) + 5), spikeSteps(copy, copy.population("b"), NetworkTest.atStepZero(STEPS, 0)));
        assertEquals(6, copy.projection("a_b").delaySteps());
    }

    @Test
    void theNetworksResetDropsTheSpikesInFlight() {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = neurons("e", 1);
        Network net = new Network(DT_MS, in, List.<Population>of(in, e), List.of(oneToOne("in_e", in, e, 5f, 4)), Map.of());
        SpikeTrain lastStep = new SpikeTrain();
        lastStep.reset(3);
        lastStep.add(2, 0);
        lastStep.finish();
        net.present(lastStep, false, new SplittableRandom(1)); // the spike of step 2 would arrive at step 5
        StateMonitor v = net.state(e, "v");
        net.present(NetworkTest.atStepZero(STEPS), false, new SplittableRandom(1)); // no spike at all
        double[] trace = v.trace(0);
        assertEquals(STEPS, trace.length);
        for (int t = 0; t < STEPS; t++) {
            assertEquals(-70.0, trace[t], "step " + t);
        }
    }

    /**
     * Nearest-pair STDP (η = 0.01, A± = 1, τ± = 10 ms) on the synapse in → e, whose post neuron a second input drives
     * to spike at step s (read from a raster). A pre spike at step p reaches the synapse at p + D − 1, so the rule pairs
     * that step with s: LTP of η·e^−(s − p − D + 1)/τ when it is not after s, else LTD of η·e^−(p + D − 1 − s)/τ. A pre
     * spike just before the post spike potentiates without a delay and depresses through one.
     */
    @Test
    void plasticityPairsThePostSpikeWithTheSpikesArrivalStep() {
        int postSpike = postSpikeStep();
        for (int delay : new int[] {1, 3}) {
            for (int pre : new int[] {0, postSpike - 1, postSpike}) {
                int arrival = pre + delay - 1;
                double dtSteps = postSpike - arrival;
                double expected = dtSteps >= 0 ? 0.01 * Math.exp(-dtSteps / 10) : -0.01 * Math.exp(dtSteps / 10);
                double w0 = 0.001;
                assertEquals(w0 + expected, plasticWeight(pre, delay, (float) w0), 1e-6,
                        "pre spike at " + pre + ", delay " + delay + ", post spike at " + postSpike);
            }
        }
    }

    /** The network of {@link #plasticityPairsThePostSpikeWithTheSpikesArrivalStep}: source 0 plastic, 1 the driver. */
    private static Network pairing(int delay, float w0) {
        SpikeSource in = new SpikeSource("input", 2);
        CurrentLifPopulation e = neurons("e", 1);
        SynapseList toE = Connector.allToAll().connect(2, 1, false, new SplittableRandom(1));
        Projection driver = new Projection("driver", in, e, Receptor.EXCITATORY, toE, new float[] {0f, 5f},
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, KERNELS);
        SynapseList one = new SynapseList(1);
        one.add(0, 0);
        Projection learner = new Projection("learner", in, e, Receptor.EXCITATORY, one, new float[] {w0}, -1f, 1f, KERNELS)
                .withDelaySteps(delay)
                .withPlasticity(new NearestPairStdp(0.01, 1, 1, 10, 10, 1, DT_MS));
        return new Network(DT_MS, in, List.<Population>of(in, e), List.of(driver, learner), Map.of());
    }

    private static SpikeTrain train(int... sourceAtStep) { // pairs: source, step; added in step order
        Integer[] pairs = new Integer[sourceAtStep.length / 2];
        for (int k = 0; k < pairs.length; k++) {
            pairs[k] = k;
        }
        Arrays.sort(pairs, Comparator.comparingInt(k -> sourceAtStep[2 * k + 1]));
        SpikeTrain t = new SpikeTrain();
        t.reset(STEPS);
        for (int k : pairs) {
            t.add(sourceAtStep[2 * k + 1], sourceAtStep[2 * k]);
        }
        t.finish();
        return t;
    }

    /** The one step at which the driver's spike at step 0 makes e spike (the learner silent, its weight 0). */
    private static int postSpikeStep() {
        Network net = pairing(1, 0f);
        List<Integer> steps = spikeSteps(net, net.population("e"), train(1, 0));
        assertEquals(1, steps.size(), "e spikes once: " + steps);
        assertTrue(steps.get(0) >= 2, "the post spike leaves room for a pre spike before it: " + steps);
        return steps.get(0);
    }

    private static double plasticWeight(int preStep, int delay, float w0) {
        Network net = pairing(delay, w0);
        List<Integer> post = new ArrayList<>();
        SpikeRaster r = net.raster(net.population("e"));
        net.present(preStep == 0 ? train(1, 0, 0, 0) : train(1, 0, 0, preStep), true, new SplittableRandom(1));
        for (int s : r.spikeSteps()) {
            post.add(s);
        }
        assertEquals(List.of(postSpikeStep()), post, "the small learner weight leaves the post spike where it was");
        return net.projection("learner").weights()[0];
    }

    /**
     * For every rule, and for a dense (all-to-all) and a sparse learner, a delay of D steps is the same as sending the
     * input's spikes D − 1 steps later without one: the weights and the post spikes come out bit for bit the same.
     */
    @Test
    void everyRuleSeesADelayedSpikeAsTheSameSpikeSentLater() {
        List<Supplier<Plasticity>> rules = List.of(
                () -> new NearestPairStdp(0.01, 1, 1, 10, 10, 1, DT_MS),
                () -> new TripletStdp(0.01, 0.05, 10, 10, 20, DT_MS, false),
                () -> new SinceLastSpikeStdp(0.01, 10, 10, 1, DT_MS));
        int[] spikes = {0, 1, 1, 1, 2, 2, 0, 6, 1, 9, 2, 9, 0, 14, 1, 15, 2, 20}; // source, step
        for (var rule : rules) {
            for (boolean dense : new boolean[] {true, false}) {
                Network delayed = learner(rule.get(), dense, 4);
                Network later = learner(rule.get(), dense, 1);
                SpikeRaster a = delayed.raster(delayed.population("e"));
                SpikeRaster b = later.raster(later.population("e"));
                delayed.present(train(spikes), true, new SplittableRandom(1));
                later.present(train(shifted(spikes, 3)), true, new SplittableRandom(1));
                String what = rule.get().name() + (dense ? ", dense" : ", sparse");
                assertTrue(a.spikeSteps().length > 2, what + ": e spikes " + a.spikeSteps().length + " times");
                assertArrayEquals(a.spikeSteps(), b.spikeSteps(), what);
                assertArrayEquals(a.spikeNeurons(), b.spikeNeurons(), what);
                float[] w0 = learner(rule.get(), dense, 1).projection("learner").weights();
                float[] w = delayed.projection("learner").weights();
                assertTrue(!Arrays.equals(w0, w), what + ": the rule changed the weights");
                assertArrayEquals(later.projection("learner").weights(), w, what);
            }
        }
    }

    /** (source, step) pairs with every step moved {@code shift} steps later. */
    private static int[] shifted(int[] sourceAtStep, int shift) {
        int[] out = sourceAtStep.clone();
        for (int k = 1; k < out.length; k += 2) {
            out[k] += shift;
        }
        return out;
    }

    /** 3 sources → e (3 neurons) through a plastic projection of the given delay, all-to-all or without i = j. */
    private static Network learner(Plasticity rule, boolean dense, int delay) {
        SpikeSource in = new SpikeSource("input", 3);
        CurrentLifPopulation e = neurons("e", 3);
        SynapseList pairs = new SynapseList(9);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (dense || i != j) {
                    pairs.add(i, j);
                }
            }
        }
        float[] w0 = new float[pairs.size()];
        for (int k = 0; k < w0.length; k++) {
            w0[k] = 1.2f + 0.1f * k;
        }
        Projection learner = new Projection("learner", in, e, Receptor.EXCITATORY, pairs, w0, 0f, 5f, KERNELS)
                .withDelaySteps(delay).withPlasticity(rule);
        assertEquals(dense, learner.isDense());
        return new Network(DT_MS, in, List.<Population>of(in, e), List.of(learner), Map.of());
    }

    @Test
    void aDelayUnderOneStepIsRefused() {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = neurons("e", 1);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> oneToOne("in_e", in, e, 1f, 0));
        assertTrue(x.getMessage().contains("in_e") && x.getMessage().contains("one step"), x.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> oneToOne("in_e", in, e, 1f, Integer.MAX_VALUE));
        assertTrue(huge.getMessage().contains("give a shorter delay"), huge.getMessage());
        assertArrayEquals(new int[] {1, 5}, new int[] {oneToOne("a", in, e, 1f, 1).delaySteps(),
                oneToOne("b", in, e, 1f, 5).delaySteps()});
    }
}
