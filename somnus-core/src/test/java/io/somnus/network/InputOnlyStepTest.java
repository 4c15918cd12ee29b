package io.somnus.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Network#stepStreamInputOnly}: the authors' batch integrates its input row 0 at its first update
 * ({@code spikes_prev = spikes[0]}, src/train.py:393-394, 654-666 @40b7d33). By hand, on one input neuron that spikes in
 * row 0 onto one current-LIF neuron (w 0.9, PAPER parameters) whose membrane starts at 0 mV, as at their later batches.
 */
class InputOnlyStepTest {
    private static final double ETA = 8e-4;
    private static final double TAU_LTD_MS = 7.5;

    private final SpikeSource in = new SpikeSource("input", 1);
    private final CurrentLifPopulation e = new CurrentLifPopulation("e", 1, CurrentLifParameters.PAPER);
    private final Projection p;
    private final Network net;

    InputOnlyStepTest() {
        SynapseList syn = new SynapseList(1);
        syn.add(0, 0);
        p = new Projection("input_e", in, e, Receptor.EXCITATORY, syn, new float[] {0.9f}, 0.01f, 25f)
                .withPlasticity(new SinceLastSpikeStdp(ETA, 10, TAU_LTD_MS, 1, 1.0));
        net = new Network(1.0, in, List.<Population>of(in, e), List.of(p), Map.of());
        e.membrane()[0] = 0f;
    }

    /** An input spike in row 0 of a train of {@code steps} steps. */
    private static SpikeTrain rowZero(int steps) {
        SpikeTrain t = new SpikeTrain();
        t.reset(steps);
        t.add(0, 0);
        t.finish();
        return t;
    }

    @Test
    void theFirstStepOnlyPlaysTheInputAndTheSecondIntegratesIt() {
        SplittableRandom rng = new SplittableRandom(7);
        net.presentContinuing(rowZero(1), true, 2.0, rng, true);
        // nothing integrated: V stays at 0 mV although 0 mV is above θ (−55), no noise drawn, I still 0
        assertEquals(0f, e.membrane()[0]);
        assertEquals(0f, e.current()[0]);
        assertEquals(Population.NEVER, e.lastSpikeStep()[0]);
        assertEquals(new SplittableRandom(7).nextLong(), rng.nextLong(), "no draw at the input-only step");
        // row 0 is on its way and the input's spike is recorded at step 0
        assertEquals(0.9f, e.excitatoryInput()[0]);
        assertEquals(0, in.lastSpikeStep()[0]);
        assertEquals(0.9f, p.weights()[0], "no rule runs at the input-only step");
        // step 1 integrates it: I = (0 + 0.9·gain)·e^(−dt/τ_syn), and from 0 mV the neuron fires
        net.stepStream(false, 0, rng);
        float gain = (float) CurrentLifParameters.PAPER.synapticGain();
        float decay = (float) Math.exp(-1.0 / CurrentLifParameters.PAPER.tauSynapseMs());
        assertEquals((0f + 0.9f * gain) * decay, e.current()[0]);
        assertEquals(1, e.lastSpikeStep()[0]);
    }

    @Test
    void withoutItTheFirstStepIntegratesBeforeTheInputArrives() {
        // the contrast: the first step integrates from 0 mV with nothing delivered, fires at step 0, I stays 0
        net.presentContinuing(rowZero(1), false, 0.0, new SplittableRandom(7), false);
        assertEquals(0, e.lastSpikeStep()[0]);
        assertEquals(0f, e.current()[0]);
    }

    @Test
    void theSecondStepsStdpVisitsTheFirstRowOnce() {
        // step 1: pre spiked at step 0 (since 1), post fires at step 1 (since 0): Δ = 0 − 1 = −1, LTD η·e^(−dt/τ_LTD)
        net.presentContinuing(rowZero(2), true, 0.0, new SplittableRandom(7), true);
        assertEquals(1, e.lastSpikeStep()[0]);
        assertEquals(0.9 - ETA * Math.exp(-1.0 / TAU_LTD_MS), p.weights()[0], 1e-7);
    }

    @Test
    void aDelayedProjectionIsRefused() {
        SpikeSource src = new SpikeSource("input", 1);
        CurrentLifPopulation post = new CurrentLifPopulation("e", 1, CurrentLifParameters.PAPER);
        SynapseList syn = new SynapseList(1);
        syn.add(0, 0);
        Projection delayed = new Projection("input_e", src, post, Receptor.EXCITATORY, syn, new float[] {0.9f}, 0f, 25f)
                .withDelaySteps(2);
        Network n = new Network(1.0, src, List.<Population>of(src, post), List.of(delayed), Map.of());
        assertThrows(IllegalStateException.class, () -> n.stepStreamInputOnly(new SplittableRandom(1)));
    }
}
