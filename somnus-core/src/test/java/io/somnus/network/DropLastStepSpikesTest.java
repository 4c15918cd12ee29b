package io.somnus.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.encoding.SpikeTrain;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Network#dropLastStepSpikes}: the authors' loop zeroes the spike vector it carries to the next step (the input
 * before a sleep episode, every neuron at a batch start), so those spikes are never delivered. Worked by hand: an
 * input neuron (w 0.9) and a second source (w 0.6) both spike at step 0 onto one current-LIF neuron.
 */
class DropLastStepSpikesTest {
    private static SpikeTrain spikeAtZero() {
        SpikeTrain t = new SpikeTrain();
        t.reset(1);
        t.add(0, 0);
        t.finish();
        return t;
    }

    private static Projection oneSynapse(String name, Population pre, Population post, float w) {
        SynapseList syn = new SynapseList(1);
        syn.add(0, 0);
        return new Projection(name, pre, post, Receptor.EXCITATORY, syn, new float[] {w}, 0f, 25f);
    }

    @Test
    void theDroppedPopulationsInputIsWithdrawnAndTheOthersStays() {
        SpikeSource in = new SpikeSource("input", 1);
        SpikeSource other = new SpikeSource("other", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 1, CurrentLifParameters.PAPER);
        Projection fromInput = oneSynapse("input_e", in, e, 0.9f);
        Projection fromOther = oneSynapse("other_e", other, e, 0.6f);
        Network net = new Network(1.0, in, List.<Population>of(in, other, e), List.of(fromInput, fromOther), Map.of());
        in.play(spikeAtZero());
        other.play(spikeAtZero());
        net.dropLastStepSpikes(Set.of(in)); // before the first step: nothing to take back
        net.stepStream(false, 0, new SplittableRandom(1));
        assertEquals(0.9f + 0.6f, e.excitatoryInput()[0], "both delivered at step 0, waiting for step 1");
        net.dropLastStepSpikes(Set.of(in));
        // as if only the other source had spiked: 0 + 0.6, the same float
        assertEquals(0.6f, e.excitatoryInput()[0]);
        assertEquals(0f, e.inhibitoryInput()[0]);
        assertEquals(2, net.synapticEvents(), "the rebuilt input is not counted twice");
        assertEquals(0, in.lastSpikeStep()[0], "the spike time stands");
        net.dropLastStepSpikes(Set.of(in, other, e));
        assertEquals(0f, e.excitatoryInput()[0], "every population dropped: nothing waits");
    }
}
