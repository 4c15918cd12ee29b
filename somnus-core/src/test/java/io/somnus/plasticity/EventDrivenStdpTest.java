package io.somnus.plasticity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.encoding.SpikeTrain;
import io.somnus.kernel.Kernels;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * STDP on a dense projection walks only the neurons that fired since the last reset: the post neurons a pre spike
 * depresses while they are few, the pre neurons a post spike potentiates however many (crowded: all), through whole
 * rows when most post neurons spike in one step (a burst). The same
 * synapses listed in another order within each row make a projection that is not dense, whose STDP walks every
 * synapse of a spiking row or column (the sparse kernels): both must end with the same weights, bit for bit.
 */
class EventDrivenStdpTest {
    private static final int PRE = 60;
    /**
     * Post neurons: enough that the listed path's live posts (at most a quarter of them) reach a 512-bit vector's 16
     * lanes, so that {@code depressListed} runs at every width: its scalar tail alone below a vector, the SIMD gather
     * and scatter from one up.
     */
    private static final int POST = 80;
    private static final int STEPS = 200;

    /** All-to-all synapses, each row's posts in ascending order (dense) or descending (not dense). */
    private static Projection projection(SpikeSource pre, SpikeSource post, boolean ascending, Kernels kernels) {
        SynapseList syn = new SynapseList(PRE * POST);
        float[] w = new float[PRE * POST];
        for (int i = 0; i < PRE; i++) {
            for (int k = 0; k < POST; k++) {
                int j = ascending ? k : POST - 1 - k;
                w[syn.size()] = 0.2f + 0.6f * ((i * 31 + j * 17) % 100) / 100f;
                syn.add(i, j);
            }
        }
        return new Projection("p", pre, post, Receptor.EXCITATORY, syn, w, 0f, 1f, kernels)
                .withPlasticity(new TripletStdp(0.05, 0.2, 20, 20, 40, 0.5, false));
    }

    /**
     * Random spikes: few pre neurons (every 8th, 20 % per step) and few post neurons, or (crowded) every pre neuron
     * at 5 % per step and, late on, every post neuron at 8 % per step (a burst: at 50 %, half of them in a step), or
     * (spreading) every pre neuron at 5 % per step and post neurons joining one at a time, 24 by the end: the listed
     * path's live posts grow past a vector's lanes before they are too many for it.
     */
    private static SpikeTrain[] mixedTrains(long seed, Schedule schedule) {
        boolean crowded = schedule != Schedule.FEW;
        SplittableRandom r = new SplittableRandom(seed);
        SpikeTrain pre = new SpikeTrain();
        SpikeTrain post = new SpikeTrain();
        pre.reset(STEPS);
        post.reset(STEPS);
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < PRE; i++) {
                if (crowded ? r.nextDouble() < 0.05 : i % 8 == 0 && r.nextDouble() < 0.2) {
                    pre.add(t, i);
                }
            }
            int firing = schedule == Schedule.SPREADING ? 1 + t * 24 / STEPS : crowded && t > STEPS / 2 ? POST : 3;
            for (int j = 0; j < firing; j++) {
                if (r.nextDouble() < (schedule == Schedule.BURST && t > STEPS / 2 ? 0.5 : 0.08)) {
                    post.add(t, crowded ? j : 7 + 11 * j);
                }
            }
        }
        pre.finish();
        post.finish();
        return new SpikeTrain[] {pre, post};
    }

    /** One presentation from rest: the trains played into the projection's two sources, its STDP at every step. */
    private static void present(Projection p, SpikeTrain[] t, SplittableRandom rng) {
        SpikeSource pre = (SpikeSource) p.pre();
        SpikeSource post = (SpikeSource) p.post();
        pre.resetState();
        post.resetState();
        pre.play(t[0]);
        post.play(t[1]);
        for (int step = 0; step < STEPS; step++) {
            pre.integrate(step, 0.5, 0, rng);
            post.integrate(step, 0.5, 0, rng);
            p.plasticity().apply(p, step);
        }
    }

    private static float[] run(boolean ascending, Kernels kernels, Schedule schedule) {
        Projection p = projection(new SpikeSource("pre", PRE), new SpikeSource("post", POST), ascending, kernels);
        assertEquals(ascending, p.isDense());
        SplittableRandom rng = new SplittableRandom(1);
        for (int presentation = 0; presentation < 3; presentation++) {
            present(p, trains(presentation, schedule), rng);
        }
        return p.toDense();
    }

    @Test
    void denseAndSparseStdpGiveTheSameWeights() {
        for (Kernels k : new Kernels[] {Kernels.scalar(), Kernels.vector()}) {
            for (Schedule schedule : List.of(Schedule.FEW, Schedule.CROWDED, Schedule.BURST, Schedule.SPREADING)) {
                float[] dense = run(true, k, schedule);
                float[] sparse = run(false, k, schedule);
                assertArrayEquals(sparse, dense, k.name() + ", " + schedule);
                float[] untouched = projection(new SpikeSource("a", PRE), new SpikeSource("b", POST), true, k).toDense();
                int changed = 0;
                for (int s = 0; s < dense.length; s++) {
                    changed += dense[s] != untouched[s] ? 1 : 0;
                }
                assertTrue(changed >= 20, "STDP must change weights (" + changed + " changed)");
            }
        }
    }

    /**
     * Twelve presentations, each followed by a normalisation: with the STDP paths reporting the columns they write
     * ({@link io.somnus.synapse.SettledColumns}), normalising only the open columns gives the weights of normalising
     * every column every time (the reference takes {@link Projection#weights()} first, which opens all). Besides the
     * mixed trains above, trains whose pre neurons spike only in the first half of a presentation and post neurons
     * only in the second (potentiation alone writes: through a few fired pre neurons or all of them),
     * and the reverse (depression alone). With few post neurons firing most columns settle and are skipped.
     */
    @Test
    void normalisingTheColumnsStdpWroteGivesTheWeightsOfNormalisingAll() {
        for (Kernels k : new Kernels[] {Kernels.scalar(), Kernels.vector()}) {
            for (Schedule schedule : Schedule.values()) {
                int[] skipped = new int[1];
                float[] tracked = runNormalised(k, schedule, false, skipped);
                float[] all = runNormalised(k, schedule, true, new int[1]);
                String where = k.name() + ", " + schedule;
                assertArrayEquals(all, tracked, where);
                float[] untouched = projection(new SpikeSource("a", PRE), new SpikeSource("b", POST), true, k).toDense();
                WeightNormalisationTest.normalise(untouched, PRE, POST, TOTAL); // twice, as the runs settle
                WeightNormalisationTest.normalise(untouched, PRE, POST, TOTAL);
                assertFalse(Arrays.equals(untouched, tracked), where + ": STDP must change weights");
                assertTrue(schedule.writesEveryColumn() || skipped[0] > 5 * POST,
                        where + ": " + skipped[0] + " columns skipped");
            }
        }
    }

    /** Who spikes when: {@link #mixedTrains} (the first four) or {@link #phasedTrains}. */
    private enum Schedule {
        FEW, CROWDED, BURST, SPREADING, FEW_PRE_THEN_POST, ALL_PRE_THEN_POST, POST_THEN_PRE;

        /** Too many post neurons fire for the listed path: the dense walk writes every column, so none settles. */
        boolean writesEveryColumn() {
            return this == CROWDED || this == BURST || this == SPREADING;
        }
    }

    private static SpikeTrain[] trains(long seed, Schedule schedule) {
        return switch (schedule) {
            case FEW, CROWDED, BURST, SPREADING -> mixedTrains(seed, schedule);
            default -> phasedTrains(seed, schedule);
        };
    }

    private static SpikeTrain[] phasedTrains(long seed, Schedule schedule) {
        SplittableRandom r = new SplittableRandom(seed);
        SpikeTrain pre = new SpikeTrain();
        SpikeTrain post = new SpikeTrain();
        pre.reset(STEPS);
        post.reset(STEPS);
        boolean preFirst = schedule != Schedule.POST_THEN_PRE;
        int[] firing = {r.nextInt(POST), r.nextInt(POST)}; // others each time, so that written columns settle between
        for (int t = 0; t < STEPS; t++) {
            if (t < STEPS / 2 == preFirst) {
                for (int i = 0; i < PRE; i++) {
                    if ((schedule == Schedule.ALL_PRE_THEN_POST || i % 8 == 0) && r.nextDouble() < 0.1) {
                        pre.add(t, i);
                    }
                }
            } else {
                for (int j : firing) {
                    if (r.nextDouble() < 0.08) {
                        post.add(t, j);
                    }
                }
            }
        }
        pre.finish();
        post.finish();
        return new SpikeTrain[] {pre, post};
    }

    private static float[] runNormalised(Kernels kernels, Schedule schedule, boolean openAll, int[] skipped) {
        Projection p = projection(new SpikeSource("pre", PRE), new SpikeSource("post", POST), true, kernels);
        WeightNormalisation normalisation = new WeightNormalisation(TOTAL);
        SplittableRandom rng = new SplittableRandom(1);
        for (int presentation = 0; presentation < 12; presentation++) {
            present(p, trains(presentation, schedule), rng);
            if (openAll) {
                p.weights();
            }
            for (int j = 0; j < POST; j++) {
                skipped[0] += p.settledColumns().isSettled(j) ? 1 : 0;
            }
            normalisation.apply(p);
        }
        return p.toDense();
    }

    private static final double TOTAL = 18;

    @Test
    void firedListsEachNeuronOnceInOrderOfItsFirstSpikeUntilReset() {
        SpikeSource s = new SpikeSource("s", 10);
        SpikeTrain t = new SpikeTrain();
        t.reset(3);
        t.add(0, 4);
        t.add(0, 2);
        t.add(1, 4);
        t.add(1, 9);
        t.add(2, 2);
        t.finish();
        s.play(t);
        SplittableRandom rng = new SplittableRandom(1);
        for (int step = 0; step < 3; step++) {
            s.integrate(step, 0.5, 0, rng);
        }
        assertEquals(3, s.firedCount());
        assertArrayEquals(new int[] {4, 2, 9}, Arrays.copyOf(s.fired(), 3));
        s.resetState();
        assertEquals(0, s.firedCount());
        assertFalse(s.lastSpikeStep()[4] >= 0);
    }
}
