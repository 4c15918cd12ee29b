package io.somnus.sg;

import static io.somnus.sg.SgTrainerTest.tiny;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the network reports of itself beside its dynamics (SgNetworkMatchesReferenceTest has those). */
class SgNetworkTest {
    /**
     * A layer's firing rate is its spikes over its own neurons' steps, in Hz: 16 → 24 → 3 at dt = 0.5 ms, 50 steps a
     * neuron (e.g. 10 images × T = 5): h fired 600 spikes, 600 / (50 · 24) per step = 0.5, so 1 000 Hz; out 9 spikes,
     * 9 / (50 · 3) = 0.06 per step, 120 Hz. A membrane readout's output layer never spikes and has no rate.
     */
    @Test
    void firingRatesAreSpikesPerNeuronStepInHertz() {
        long[] spikes = {600, 9};
        SgNetwork counts = new SgNetwork(tiny().dtMs(0.5).build(), new SplittableRandom(1));
        Map<String, Double> rates = counts.firingRatesHz(spikes, 50, 0.5);
        assertEquals(List.of("h", "out"), List.copyOf(rates.keySet()));
        assertEquals(1000.0, rates.get("h"), 1e-9);
        assertEquals(120.0, rates.get("out"), 1e-9);
        SgNetwork membrane = new SgNetwork(tiny().dtMs(0.5).loss(SgLoss.MEMBRANE).build(), new SplittableRandom(1));
        assertEquals(Map.of("h", 1000.0), membrane.firingRatesHz(spikes, 50, 0.5));
    }
}
