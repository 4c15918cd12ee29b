package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.somnus.experiment.config.ConfigException;
import io.somnus.network.Network;
import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.ConductanceLifPopulation;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The authors' batch start (src/big_comb.py:1962, 1997-2015 @40b7d33): V = 0 mV, everything else carried. */
class StreamStartsTest {
    @Test
    void theCarriedStartZeroesTheMembraneAndKeepsCurrentAdaptationSpikeTimesAndClock() {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 2, CurrentLifParameters.PAPER);
        Network net = new Network(1.0, in, List.<Population>of(in, e), List.of(), Map.of());
        SplittableRandom rng = new SplittableRandom(1);
        e.current()[1] = 40f; // V∞ = −70 + 30·40 → the neuron fires within a few steps
        for (int t = 0; t < 5; t++) {
            net.stepStream(false, 0, rng);
        }
        float current = e.current()[1];
        float adaptation = e.adaptation()[1];
        int lastSpike = e.lastSpikeStep()[1];
        StreamStarts.carriedWithMembraneAtZero(net);
        assertEquals(0f, e.membrane()[0]);
        assertEquals(0f, e.membrane()[1]);
        assertEquals(current, e.current()[1]);
        assertEquals(adaptation, e.adaptation()[1]);
        assertEquals(lastSpike, e.lastSpikeStep()[1]);
        assertEquals(true, adaptation > 0 && lastSpike >= 0, "the neuron spiked before the start");
        // the stream clock runs on: the next step is step 5, one after the last
        net.stepStream(false, 0, rng);
        // first step from 0 mV (exponential Euler, I ≈ 0 for neuron 0): V = −70 + 70·e^(−1/30), far above θ: it fires
        assertEquals(5, e.lastSpikeStep()[0]);
    }

    @Test
    void onlyCurrentLifNeuronsHaveIt() {
        SpikeSource in = new SpikeSource("input", 1);
        ConductanceLifPopulation e = new ConductanceLifPopulation("e", 2, ConductanceLifParameters.DIEHL_COOK_EXCITATORY);
        Network net = new Network(1.0, in, List.<Population>of(in, e), List.of(), Map.of());
        assertThrows(ConfigException.class, () -> StreamStarts.checkCarried(net));
    }
}
