package io.somnus.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.encoding.SpikeTrain;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.SinceLastSpikeStdp;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The input-only first step off the clock, its row untimed ({@code firstRowUntimed}): the authors' batch integrates
 * row 0 at t = 1, one spike_times increment after the previous batch's t = T − 1 (or after their counters' start at
 * 0), and row 0 never enters spike_times ({@code src/train.py:253, 393-394, 412, 654-695}, {@code big_comb.py:1545
 * @40b7d33}). By hand on two input neurons onto one neuron e (weights 0.001, too weak to make it fire), whose membrane
 * starts at 0 mV so that it fires at its first update, then two streams: the first of 3 rows with no input spike, the
 * second of 2 rows with input 0 spiking in row 0. In their counts (one spike_times increment per update, t = 1, 2 of
 * batch 1 and t = 1 of batch 2): e fires at batch 1's t = 1 (spike_times 0); at t = 2 its spike visits both synapses,
 * e 1, inputs 2 (started at 0): Δ = −1, LTD L1 = η·e^(−1·dt/τ_LTD) on each; at batch 2's t = 1 row 0 of input 0 visits
 * its synapse, e 2, input 0 at 3 (row 0 not counted): Δ = −1, L1 again.
 */
class UntimedFirstRowTest {
    private static final double ETA = 8e-4;
    private static final double TAU_LTP_MS = 10;
    private static final double TAU_LTD_MS = 7.5;
    private static final float W0 = 0.001f;

    private final SpikeSource in = new SpikeSource("input", 2);
    private final CurrentLifPopulation e = new CurrentLifPopulation("e", 1, CurrentLifParameters.PAPER);
    private final Projection p;
    private final Network net;

    UntimedFirstRowTest() {
        SynapseList syn = new SynapseList(2);
        syn.add(0, 0);
        syn.add(1, 0);
        p = new Projection("input_e", in, e, Receptor.EXCITATORY, syn, new float[] {W0, W0}, 0f, 1f)
                .withPlasticity(new SinceLastSpikeStdp(ETA, TAU_LTP_MS, TAU_LTD_MS, 1, 1.0));
        net = new Network(1.0, in, List.<Population>of(in, e), List.of(p), Map.of());
        e.membrane()[0] = 0f;
    }

    private static SpikeTrain train(int steps, boolean inputZeroInRowZero) {
        SpikeTrain t = new SpikeTrain();
        t.reset(steps);
        if (inputZeroInRowZero) {
            t.add(0, 0);
        }
        t.finish();
        return t;
    }

    private static float change(double tauMs, int k) {
        return (float) (ETA * Math.exp(-k * 1.0 / tauMs));
    }

    /** Two streams as above, the second started as the authors' later batch (the last step's spikes dropped). */
    private void twoStreams(boolean untimed) {
        SplittableRandom rng = new SplittableRandom(1);
        net.presentContinuing(train(3, false), true, 0.0, rng, true, untimed);
        net.dropLastStepSpikes(Set.of(in, e));
        net.presentContinuing(train(2, true), true, 0.0, rng, true, untimed);
    }

    @Test
    void timesAcrossAStreamStartAreTheirsAndRowZeroIsNeverTimed() {
        twoStreams(true);
        assertEquals(0, e.lastSpikeStep()[0], "e fired at the first update, the clock's step 0");
        assertEquals(Population.NEVER, in.lastSpikeStep()[0], "row 0's spike has no spike time");
        float l1 = change(TAU_LTD_MS, 1);
        assertEquals((W0 - l1) - l1, p.weights()[0], 1e-12f);
        assertEquals(W0 - l1, p.weights()[1], 1e-12f);
    }

    @Test
    void theTimedStepIsOneStepLonger() {
        // the contrast (Somnus until 6 Dec 2026): the input-only step is step 0, e fires at step 1 and its spike
        // visits at step 2 with inputs never spiked at 2 − (−1) = 3, e at 1: Δ = −2; the second stream's input-only
        // step is step 3 (input 0 timed there) and step 4 visits with e at 4 − 1 = 3, input 0 at 1: Δ = +2, LTP
        twoStreams(false);
        assertEquals(1, e.lastSpikeStep()[0]);
        assertEquals(3, in.lastSpikeStep()[0]);
        float l2 = change(TAU_LTD_MS, 2);
        assertEquals((W0 - l2) + change(TAU_LTP_MS, 2), p.weights()[0], 1e-12f);
        assertEquals(W0 - l2, p.weights()[1], 1e-12f);
    }
}
