package io.somnus.sleep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.encoding.SpikeTrain;
import io.somnus.network.Network;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SleepSettings#dropLastWakeInput()}: the authors zero the input spikes of the last wake step before the first
 * sleep step delivers them ({@code spikes_prev[:st] = 0}, src/train.py:508 @40b7d33), and only when that step runs.
 * By hand: one wake step in which the input neuron spikes onto one current-LIF neuron (w 0.9, I and V at rest), then
 * an episode of one step without noise or plasticity.
 */
class LastWakeInputTest {
    private static CurrentLifPopulation afterEpisode(boolean drop, long steps) {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 1, CurrentLifParameters.PAPER);
        SynapseList syn = new SynapseList(1);
        syn.add(0, 0);
        Projection p = new Projection("input_e", in, e, Receptor.EXCITATORY, syn, new float[] {0.9f}, 0f, 25f);
        Network net = new Network(1.0, in, List.<Population>of(in, e), List.of(p), Map.of());
        SpikeTrain t = new SpikeTrain();
        t.reset(1);
        t.add(0, 0);
        t.finish();
        net.presentContinuing(t, false, new SplittableRandom(1));
        SleepPhase phase = new SleepPhase(SleepSettings.builder(new LogSpaceDecay(0.99997, 0), DecayTarget.CONSTANT, 0.2)
                .plasticity(false).keepState(true).dropLastWakeInput(drop).build());
        phase.run(net, steps, Map.of(), new SplittableRandom(2), List.of(), SleepPhase.Observer.NONE);
        return e;
    }

    @Test
    void theFirstSleepStepDeliversNothingOfTheLastWakeStep() {
        // delivered: I = (0 + 0.9·gain)·e^(−dt/τ_syn) after the first sleep step, gain = dt/τ_syn = 1/30
        float gain = (float) CurrentLifParameters.PAPER.synapticGain();
        float decay = (float) Math.exp(-1.0 / CurrentLifParameters.PAPER.tauSynapseMs());
        assertEquals((0f + 0.9f * gain) * decay, afterEpisode(false, 1).current()[0]);
        assertEquals(0f, afterEpisode(true, 1).current()[0]);
    }

    @Test
    void anEpisodeOfNoStepDropsNothing() {
        // their loop tests the end before it zeroes: an episode that never steps leaves the input on its way
        assertEquals(0.9f, afterEpisode(true, 0).excitatoryInput()[0]);
    }
}
