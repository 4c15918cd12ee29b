package io.somnus.synapse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.SpikeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Connecting populations rather than sizes (PyNN's {@code Projection(pre, post, connector)}). */
class ConnectorTest {
    private static List<String> pairs(SynapseList s) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < s.size(); k++) {
            out.add(s.pre(k) + "→" + s.post(k));
        }
        return out;
    }

    /** Within one population: no self-connections, as samePopulation = true gives. */
    @Test
    void onePopulationToItselfHasNoSelfConnections() {
        CurrentLifPopulation e = new CurrentLifPopulation("e", 3, CurrentLifParameters.PAPER);
        assertEquals(List.of("0→1", "0→2", "1→0", "1→2", "2→0", "2→1"),
                pairs(Connector.allToAll().connect(e, e, new SplittableRandom(1))));
        SynapseList random = Connector.fixedProbability(1.0).connect(e, e, new SplittableRandom(1));
        assertEquals(6, random.size(), "p = 1 connects every pair but the 3 self-pairs");
    }

    /** Between two populations: their sizes, and the same draws as the sizes' call with the same seed. */
    @Test
    void twoPopulationsConnectAsTheirSizes() {
        SpikeSource input = new SpikeSource("input", 3);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 3, CurrentLifParameters.PAPER);
        assertEquals(9, Connector.allToAll().connect(input, e, new SplittableRandom(1)).size(), "3 × 3, self-pairs too");
        assertEquals(pairs(Connector.fixedProbability(0.5).connect(3, 3, false, new SplittableRandom(9))),
                pairs(Connector.fixedProbability(0.5).connect(input, e, new SplittableRandom(9))));
    }
}
