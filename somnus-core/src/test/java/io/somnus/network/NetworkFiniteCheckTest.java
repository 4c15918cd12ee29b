package io.somnus.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The run stops, naming the culprit, once a state or weight is NaN or infinite; a finite network is untouched. */
class NetworkFiniteCheckTest {
    private record Built(Network net, CurrentLifPopulation e, Projection plastic, Projection fixed) { }

    private static Built build() {
        SpikeSource in = new SpikeSource("input", 20);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 10, CurrentLifParameters.PAPER);
        Projection inE = projection("input_e", in, e);
        inE.withPlasticity(new NearestPairStdp(5e-4, 1, 1, 7.5, 7.5, 1, 1.0));
        Projection eE = projection("e_e", e, e);
        Network net = new Network(1.0, in, List.<Population>of(in, e), List.of(inE, eE), Map.of());
        return new Built(net, e, inE, eE);
    }

    private static Projection projection(String name, Population pre, Population post) {
        SynapseList syn = Connector.fixedProbability(0.5).connect(pre.size(), post.size(), pre == post, new SplittableRandom(3));
        float[] w = new float[syn.size()];
        Arrays.fill(w, 0.2f);
        return new Projection(name, pre, post, Receptor.EXCITATORY, syn, w, 1e-4f, Float.POSITIVE_INFINITY);
    }

    @Test
    void aFiniteNetworkPassesAndIsLeftAsItWas() {
        Built b = build();
        float[] before = b.plastic().weights().clone();
        float[] v = b.e().membrane().clone();
        b.net().checkFinite(() -> "after training image 1 (simulation step 100)", true);
        assertArrayEquals(before, b.plastic().weights());
        assertArrayEquals(v, b.e().membrane());
    }

    @Test
    void aNonFiniteWeightNamesTheProjectionTheSynapseAndWhen() {
        Built b = build();
        b.plastic().weights()[3] = Float.NaN;
        NonFiniteStateException e = assertThrows(NonFiniteStateException.class,
                () -> b.net().checkFinite(() -> "after training image 7 (simulation step 700)", false));
        assertTrue(e.getMessage().contains("projection input_e: weight of synapse 3")
                && e.getMessage().contains("is NaN after training image 7 (simulation step 700)"), e.getMessage());
    }

    @Test
    void aNonFiniteMembraneNamesThePopulation() {
        Built b = build();
        b.e().membrane()[4] = Float.POSITIVE_INFINITY;
        NonFiniteStateException e = assertThrows(NonFiniteStateException.class,
                () -> b.net().checkFinite(() -> "after training image 2 (simulation step 200)", false));
        assertTrue(e.getMessage().contains("population e: membrane potential (mV) of neuron 4 is Infinity"), e.getMessage());
    }

    @Test
    void staticWeightsAreCheckedWhenAskedFor() {
        Built b = build();
        b.fixed().weights()[0] = Float.NEGATIVE_INFINITY;
        b.net().checkFinite(() -> "awake", false); // awake, a static projection cannot change
        NonFiniteStateException e = assertThrows(NonFiniteStateException.class,
                () -> b.net().checkFinite(() -> "at the end of sleep episode 1", true));
        assertTrue(e.getMessage().contains("projection e_e"), e.getMessage());
    }
}
