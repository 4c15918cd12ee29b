package io.somnus.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.Refusals;
import io.somnus.encoding.SpikeTrain;
import io.somnus.kernel.Kernels;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.AllToAllStdp;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.plasticity.SinceLastSpikeStdp;
import io.somnus.plasticity.TripletStdp;
import io.somnus.plasticity.WeightDependence;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A delay per synapse ({@link Projection#withSynapseDelays}) on {@link NetworkTest}'s hand-workable current-LIF neurons
 * (dt = 1 ms): each synapse delivers after its own delay, a projection whose synapses all share one delay is the
 * projection with that delay ({@link DelayTest}), and nearest-pair STDP pairs every synapse's arrivals with the post
 * spikes as a walk through each synapse's own events computes it.
 */
class SynapseDelaysTest {
    private static final double DT_MS = 1.0;
    private static final int STEPS = 80;
    private static final int SOURCES = 8;
    private static final int POSTS = 4;

    @Test
    void eachSynapseDeliversAfterItsOwnDelay() {
        int[] delays = {1, 3, 6};
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 3, NetworkTest.SIMPLE, Kernels.scalar());
        SynapseList fan = new SynapseList(3);
        for (int j = 0; j < 3; j++) {
            fan.add(0, j);
        }
        Projection p = new Projection("in_e", in, e, Receptor.EXCITATORY, fan, new float[] {0.5f, 0.5f, 0.5f},
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Kernels.scalar()).withSynapseDelays(delays);
        Network net = new Network(DT_MS, in, List.<Population>of(in, e), List.of(p), Map.of());
        StateMonitor v = net.state(e, "v");
        net.present(NetworkTest.atStepZero(30, 0), false, new SplittableRandom(1));
        double[] undelayed = v.trace(0);
        assertTrue(undelayed[1] > -70, "the delay-1 synapse moves V at step 1");
        for (int j = 1; j < 3; j++) {
            double[] trace = v.trace(j);
            for (int t = 0; t < 30; t++) {
                double expected = t < delays[j] - 1 ? -70.0 : undelayed[t - (delays[j] - 1)];
                assertEquals(expected, trace[t], "neuron " + j + " (delay " + delays[j] + "), step " + t);
            }
        }
        assertEquals(6, p.delaySteps(), "the longest delay");
        assertEquals(3, p.synapticEvents());
    }

    /**
     * The input each step delivers, against a naive per-synapse sum: 3 sources → 4 posts, all-to-all (each post is its
     * synapse's place in the row) and with pairs (0, 1), (1, 3), (2, 0) left out (the general layout), delays of 1–5
     * steps, synapse s of weight 2^s (every sum of distinct weights is exact, and tells which synapses it holds). A spike
     * of source i at step p adds w_s to post j's input at step p + d_s − 1 (the input the post integrates at p + d_s).
     * Source 0 spikes at steps 0 and 3, source 1 at 1, 2 and 3, source 2 at 0, 2 and 7: several spikes share a step and
     * several arrivals share a post's step. A delay off by one step moves a term to a neighbouring step.
     */
    @Test
    void eachStepDeliversWhatANaiveSumOverTheSynapsesGives() {
        int[][] spikeSteps = {{0, 3}, {1, 2, 3}, {0, 2, 7}};
        int steps = 14;
        for (boolean dense : new boolean[] {true, false}) {
            SpikeTrain train = new SpikeTrain();
            train.reset(steps);
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < 3; i++) {
                    for (int at : spikeSteps[i]) {
                        if (at == t) {
                            train.add(t, i);
                        }
                    }
                }
            }
            train.finish();
            SpikeSource in = new SpikeSource("input", 3);
            CurrentLifPopulation e = new CurrentLifPopulation("e", 4, NetworkTest.SIMPLE, Kernels.scalar());
            SynapseList pairs = new SynapseList(12);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    if (dense || (j != (i == 0 ? 1 : i == 1 ? 3 : 0))) {
                        pairs.add(i, j);
                    }
                }
            }
            int n = pairs.size();
            float[] w = new float[n];
            int[] delays = new int[n];
            for (int s = 0; s < n; s++) {
                w[s] = (float) Math.scalb(1.0, s);
                delays[s] = 1 + (pairs.pre(s) + 2 * pairs.post(s)) % 5;
            }
            Projection p = new Projection("in_e", in, e, Receptor.EXCITATORY, pairs, w, Float.NEGATIVE_INFINITY,
                    Float.POSITIVE_INFINITY, Kernels.scalar()).withSynapseDelays(delays);
            assertEquals(dense, p.isDense());
            in.play(train);
            long events = 0;
            for (int t = 0; t < steps; t++) {
                in.integrate(t, DT_MS, 0, new SplittableRandom(1));
                p.advanceDelay(t);
                Arrays.fill(e.excitatoryInput(), 0f);
                p.propagate();
                double[] expected = new double[4];
                for (int s = 0; s < n; s++) {
                    for (int at : spikeSteps[pairs.pre(s)]) {
                        if (at + delays[s] - 1 == t) {
                            expected[pairs.post(s)] += w[s];
                            events++;
                        }
                    }
                }
                for (int j = 0; j < 4; j++) {
                    assertEquals(expected[j], e.excitatoryInput()[j], (dense ? "all-to-all" : "listed") + ", post " + j
                            + ", step " + t);
                }
            }
            assertEquals(events, p.synapticEvents(), "every spike reaches each of its row's synapses once");
            assertEquals(dense ? 32 : 24, events);
        }
    }

    /** Random spikes of {@link #SOURCES} sources over {@link #STEPS} steps, each with probability 0.15 per step. */
    private static SpikeTrain randomSpikes(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SpikeTrain t = new SpikeTrain();
        t.reset(STEPS);
        for (int step = 0; step < STEPS - 10; step++) { // the last 10 steps quiet: every spike arrives
            for (int i = 0; i < SOURCES; i++) {
                if (rng.nextDouble() < 0.15) {
                    t.add(step, i);
                }
            }
        }
        t.finish();
        return t;
    }

    /**
     * SOURCES → POSTS, all-to-all or with some pairs left out, plastic under {@code rule}: sources 6 and 7 start at
     * weight 5 (each of their spikes makes its posts spike), the others at 0.2–0.7.
     */
    private static Projection learner(Population in, Population e, boolean dense, Kernels kernels) {
        SplittableRandom rng = new SplittableRandom(5);
        SynapseList pairs = new SynapseList(SOURCES * POSTS);
        for (int i = 0; i < SOURCES; i++) {
            for (int j = 0; j < POSTS; j++) {
                if (dense || i >= 6 || (i + j) % 3 != 0) {
                    pairs.add(i, j);
                }
            }
        }
        float[] w0 = new float[pairs.size()];
        for (int k = 0; k < w0.length; k++) {
            w0[k] = pairs.pre(k) >= 6 ? 5f : (float) (0.2 + 0.5 * rng.nextDouble());
        }
        Projection p = new Projection("learner", in, e, Receptor.EXCITATORY, pairs, w0, 0f, 6f, kernels);
        assertEquals(dense, p.isDense());
        return p;
    }

    private record Run(Network net, Projection learner, SpikeRaster posts) { }

    private static Run run(Plasticity rule, boolean dense, Kernels kernels, int[] delays, int oneDelay, SpikeTrain train) {
        SpikeSource in = new SpikeSource("input", SOURCES);
        CurrentLifPopulation e = new CurrentLifPopulation("e", POSTS, NetworkTest.SIMPLE, kernels);
        Projection p = learner(in, e, dense, kernels);
        if (delays != null) {
            p.withSynapseDelays(delays);
        } else {
            p.withDelaySteps(oneDelay);
        }
        p.withPlasticity(rule);
        Network net = new Network(DT_MS, in, List.<Population>of(in, e), List.of(p), Map.of());
        SpikeRaster r = net.raster(e);
        net.present(train, true, new SplittableRandom(1));
        return new Run(net, p, r);
    }

    private static int[] randomDelays(int synapses, int most, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] d = new int[synapses];
        for (int s = 0; s < synapses; s++) {
            d[s] = 1 + rng.nextInt(most);
        }
        return d;
    }

    @Test
    void synapsesThatAllShareOneDelayAreTheProjectionWithThatDelay() {
        List<Supplier<Plasticity>> rules = List.of(
                () -> new NearestPairStdp(0.01, 1, 1.05, 10, 10, 1, DT_MS),
                () -> new TripletStdp(0.01, 0.05, 10, 10, 20, DT_MS, false));
        SpikeTrain train = randomSpikes(3);
        for (Kernels kernels : List.of(Kernels.scalar(), Kernels.preferred())) {
            for (var rule : rules) {
                for (boolean dense : new boolean[] {true, false}) {
                    for (int delay : new int[] {1, 4}) {
                        int synapses = learner(new SpikeSource("input", SOURCES), new CurrentLifPopulation("e", POSTS,
                                NetworkTest.SIMPLE, kernels), dense, kernels).synapseCount();
                        int[] same = new int[synapses];
                        Arrays.fill(same, delay);
                        Run each = run(rule.get(), dense, kernels, same, 0, train);
                        Run one = run(rule.get(), dense, kernels, null, delay, train);
                        String what = rule.get().name() + (dense ? ", dense" : ", sparse") + ", delay " + delay + ", "
                                + kernels.getClass().getSimpleName();
                        assertTrue(each.posts().spikeSteps().length > 5, what + ": " + each.posts().spikeSteps().length);
                        assertArrayEquals(one.posts().spikeSteps(), each.posts().spikeSteps(), what);
                        assertArrayEquals(one.posts().spikeNeurons(), each.posts().spikeNeurons(), what);
                        assertArrayEquals(one.learner().weights(), each.learner().weights(), what);
                        assertEquals(one.learner().synapticEvents(), each.learner().synapticEvents(), what);
                    }
                }
            }
        }
    }

    /**
     * Nearest-pair STDP (η = 0.01, A₊ = 1, A₋ = 1.05, τ± = 10 ms) with delays of 1–5 steps drawn per synapse, against
     * each synapse's own events walked step by step: a spike of pre neuron i at step p reaches synapse s at
     * a = p + d_s − 1 and depresses it by η·A₋·e^−(a − q)/τ₋ for the post neuron's last spike q before a; a post spike at
     * t potentiates it by η·A₊·e^−(t − a)/τ₊ for the synapse's last arrival a ≤ t; each followed by clipping to [0, 6].
     * The post spikes are the network's own (a raster); the walk uses nothing else of the engine.
     */
    @Test
    void nearestPairStdpPairsEachSynapsesOwnArrivals() {
        SpikeTrain train = randomSpikes(11);
        for (boolean dense : new boolean[] {true, false}) {
            int synapses = dense ? SOURCES * POSTS : learner(new SpikeSource("input", SOURCES),
                    new CurrentLifPopulation("e", POSTS, NetworkTest.SIMPLE, Kernels.scalar()), false,
                    Kernels.scalar()).synapseCount();
            int[] delays = randomDelays(synapses, 5, 17);
            Run r = run(new NearestPairStdp(0.01, 1, 1.05, 10, 10, 1, DT_MS), dense, Kernels.preferred(), delays, 0, train);
            Projection p = r.learner();
            float[] w0 = learner(new SpikeSource("input", SOURCES), new CurrentLifPopulation("e", POSTS,
                    NetworkTest.SIMPLE, Kernels.scalar()), dense, Kernels.scalar()).weights();
            boolean[][] post = new boolean[POSTS][STEPS];
            for (int k = 0; k < r.posts().spikeSteps().length; k++) {
                post[r.posts().spikeNeurons()[k]][r.posts().spikeSteps()[k]] = true;
            }
            boolean[][] pre = new boolean[SOURCES][STEPS];
            for (int step = 0; step < STEPS; step++) {
                for (int k = train.start(step); k < train.end(step); k++) {
                    pre[train.source(k)][step] = true;
                }
            }
            int moved = 0;
            for (int s = 0; s < synapses; s++) {
                int i = p.preOf(s);
                int j = p.postOf(s);
                int d = delays[s];
                double w = w0[s];
                int lastArrival = Integer.MIN_VALUE;
                int lastPost = Integer.MIN_VALUE;
                for (int t = 0; t < STEPS; t++) {
                    if (t - d + 1 >= 0 && pre[i][t - d + 1]) {
                        lastArrival = t;
                        if (lastPost != Integer.MIN_VALUE) {
                            w = Math.min(Math.max(w - 0.01 * 1.05 * Math.exp(-(t - lastPost) / 10.0), 0), 6);
                        }
                    }
                    if (post[j][t]) {
                        if (lastArrival != Integer.MIN_VALUE) {
                            w = Math.min(Math.max(w + 0.01 * Math.exp(-(t - lastArrival) / 10.0), 0), 6);
                        }
                        lastPost = t;
                    }
                }
                assertEquals(w, p.weights()[s], 2e-6, (dense ? "dense" : "sparse") + ", synapse " + s + " (" + i + " → "
                        + j + ", delay " + d + ")");
                moved += Math.abs(w - w0[s]) > 1e-3 ? 1 : 0;
            }
            assertTrue(moved > synapses / 2, "STDP moved " + moved + " of " + synapses + " weights");
        }
    }

    @Test
    void anEvaluationCopyKeepsEachSynapsesDelay() {
        SpikeTrain train = randomSpikes(7);
        int[] delays = randomDelays(SOURCES * POSTS, 6, 3);
        SpikeSource in = new SpikeSource("input", SOURCES);
        CurrentLifPopulation e = new CurrentLifPopulation("e", POSTS, NetworkTest.SIMPLE, Kernels.preferred());
        Projection p = learner(in, e, true, Kernels.preferred()).withSynapseDelays(delays);
        Network net = new Network(DT_MS, in, List.<Population>of(in, e), List.of(p), Map.of());
        Network copy = net.copyForEvaluation();
        SpikeRaster a = net.raster(e);
        SpikeRaster b = copy.raster(copy.population("e"));
        net.present(train, false, new SplittableRandom(1));
        copy.present(train, false, new SplittableRandom(1));
        assertTrue(a.spikeSteps().length > 5);
        assertArrayEquals(a.spikeSteps(), b.spikeSteps());
        assertArrayEquals(a.spikeNeurons(), b.spikeNeurons());
        assertArrayEquals(delays, copy.projection("learner").synapseDelays().stepsPerSynapse());
    }

    @Test
    void whatCannotFollowADelayPerSynapseIsRefused() {
        SpikeSource in = new SpikeSource("input", SOURCES);
        CurrentLifPopulation e = new CurrentLifPopulation("e", POSTS, NetworkTest.SIMPLE, Kernels.scalar());
        int[] ones = new int[SOURCES * POSTS];
        Arrays.fill(ones, 1);
        Refusals.assertRefused(IllegalArgumentException.class, () -> learner(in, e, true, Kernels.scalar()).withSynapseDelays(new int[3]),
                "learner", "3 synapse delays for 32 synapses");
        int[] zero = ones.clone();
        zero[5] = 0;
        Refusals.assertRefused(IllegalArgumentException.class, () -> learner(in, e, true, Kernels.scalar()).withSynapseDelays(zero),
                "learner", "synapse 5 has a delay of 0 steps");
        Refusals.assertRefused(IllegalArgumentException.class, () -> learner(in, e, true, Kernels.scalar()).withDelaySteps(2).withSynapseDelays(ones),
                "learner", "one delay for all synapses already");
        Refusals.assertRefused(IllegalArgumentException.class, () -> learner(in, e, true, Kernels.scalar()).withSynapseDelays(ones).withDelaySteps(2),
                "learner", "a delay per synapse already");
        Refusals.assertRefused(IllegalArgumentException.class, () -> learner(in, e, true, Kernels.scalar()).withSynapseDelays(ones)
                .withPlasticity(new AllToAllStdp(0.01, 1, 1, 10, 10, 1, WeightDependence.ADDITIVE, DT_MS)),
                "learner", "cannot follow a delay per synapse");
        Refusals.assertRefused(IllegalArgumentException.class, () -> learner(in, e, true, Kernels.scalar())
                .withPlasticity(new SinceLastSpikeStdp(0.01, 10, 10, 1, DT_MS)).withSynapseDelays(ones),
                "learner", "cannot follow a delay per synapse");
    }
}
