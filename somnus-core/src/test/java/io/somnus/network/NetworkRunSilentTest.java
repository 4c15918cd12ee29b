package io.somnus.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.GaussianDraws;
import io.somnus.encoding.PoissonEncoder;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.AllToAllStdp;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Network#runSilent}: the network on its own activity, input silent, as sleep drives it without the decay. */
class NetworkRunSilentTest {
    private static final double DT_MS = 0.5;
    private static final float REST_MV = (float) CurrentLifParameters.PAPER.vRestMv();

    /** 8 inputs onto 4 LIF neurons through all-to-all STDP (weights 0.2 … 0.9), a raster on each population. */
    private record Net(Network net, SpikeSource input, CurrentLifPopulation lif, Projection plastic,
                       SpikeRaster inputRaster, SpikeRaster lifRaster) {
        static Net build() {
            SpikeSource input = new SpikeSource("input", 8);
            CurrentLifPopulation lif = new CurrentLifPopulation("lif", 4, CurrentLifParameters.PAPER);
            float[] w = new float[input.size() * lif.size()];
            for (int s = 0; s < w.length; s++) {
                w[s] = 0.2f + 0.7f * s / (w.length - 1);
            }
            Projection p = Projection.named("input_lif").from(input).to(lif).receptor(Receptor.EXCITATORY)
                    .synapses(SynapseList.allToAll(input.size(), lif.size())).weights(w).bounds(0f, 1f).build()
                    .withPlasticity(AllToAllStdp.builder(DT_MS).eta(0.01).build());
            Network net = new Network(DT_MS, input, List.of(input, lif), List.of(p), Map.of());
            return new Net(net, input, lif, p, net.raster(input), net.raster(lif));
        }
    }

    /**
     * Without noise and with the input silent, nothing drives a network at rest: every membrane stays at V_rest at
     * every step, nothing spikes, and the plastic weights do not move, bit for bit.
     */
    @Test
    void aNetworkAtRestStaysAtRestAndItsWeightsStand() {
        Net n = Net.build();
        StateMonitor v = n.net().state(n.lif(), "v");
        float[] before = n.plastic().weights().clone();
        n.net().runSilent(100, /* plastic */ true, new SplittableRandom(1));
        assertEquals(200, v.stepsRecorded(), "100 ms of 0.5 ms steps");
        for (int k = 0; k < n.lif().size(); k++) {
            for (double mv : v.trace(k)) {
                assertEquals(REST_MV, mv, 0.0, "neuron " + k);
            }
        }
        assertEquals(0, n.inputRaster().spikeSteps().length, "the input is silent");
        assertEquals(0, n.lifRaster().spikeSteps().length, "nothing drives the neurons");
        assertArrayEquals(before, n.plastic().weights());
    }

    /**
     * After a driven run, the silent run goes on in the same stream (its steps follow the driven run's) and the input
     * plays nothing of the driven run's train: no input spike after the driven run's last step.
     */
    @Test
    void aSilentRunGoesOnFromADrivenRunWithTheInputSilent() {
        Net n = Net.build();
        float[] rates = new float[n.input().size()];
        Arrays.fill(rates, 200f);
        SplittableRandom rng = new SplittableRandom(2);
        n.net().run(50, PoissonEncoder.ofRatesHz(), rates, true, rng);   // 100 steps
        int driven = n.inputRaster().spikeSteps().length;
        assertTrue(driven > 0, "the driven run's input spiked");
        n.net().runSilent(50, true, rng);
        assertEquals(200, n.inputRaster().stepsRecorded(), "one stream of 100 + 100 steps");
        assertEquals(driven, n.inputRaster().spikeSteps().length, "no input spike in the silent run");
        assertTrue(Arrays.stream(n.inputRaster().spikeSteps()).allMatch(t -> t < 100), "the driven run's steps only");
    }

    /**
     * Membrane noise σ from rest, no input: after the first step each neuron is at V_rest + σ·z_i, z_i the i-th
     * Gaussian draw of the run's generator (the exponential step keeps V_rest where no current flows).
     */
    @Test
    void theFirstNoisyStepMovesEachMembraneFromRestByItsDraw() {
        Net n = Net.build();
        double sigmaMv = 2.0;
        SplittableRandom rng = new SplittableRandom(3);
        double[] z = new double[n.lif().size()];
        GaussianDraws.fill(new SplittableRandom(3), z, 0, z.length);          // the same draws
        n.net().runSilent(DT_MS, false, sigmaMv, 0.0, rng);
        for (int k = 0; k < z.length; k++) {
            assertEquals(REST_MV + (float) (sigmaMv * z[k]), n.lif().membrane()[k], 0f, "neuron " + k);
        }
    }

    /**
     * A spontaneous input rate r: each input neuron spikes at a step with probability r·dt/1000, drawn here as the
     * network's input draws it (a uniform per neuron per step, in order), with no noise drawn between.
     */
    @Test
    void aSpontaneousInputRateSpikesEachInputWithItsProbabilityPerStep() {
        Net n = Net.build();
        double rateHz = 100;
        double p = rateHz * DT_MS / 1000;
        SplittableRandom rng = new SplittableRandom(4);
        SplittableRandom byHand = new SplittableRandom(4);                    // the same draws
        StringBuilder expected = new StringBuilder();
        for (int step = 0; step < 40; step++) {
            for (int i = 0; i < n.input().size(); i++) {
                if (byHand.nextDouble() < p) {
                    expected.append(step).append(':').append(i).append(' ');
                }
            }
        }
        n.net().runSilent(20, false, 0.0, rateHz, rng);
        StringBuilder got = new StringBuilder();
        for (int k = 0; k < n.inputRaster().spikeSteps().length; k++) {
            got.append(n.inputRaster().spikeSteps()[k]).append(':').append(n.inputRaster().spikeNeurons()[k]).append(' ');
        }
        assertTrue(expected.length() > 0, "some spontaneous spikes");
        assertEquals(expected.toString(), got.toString());
        // the rate ends with the run: a silent run after it has no input spike
        n.net().runSilent(20, false, rng);
        assertTrue(Arrays.stream(n.inputRaster().spikeSteps()).allMatch(t -> t < 40), "no spike after the rate's run");
    }

    /** A duration of no whole steps, a negative or infinite noise or rate: refused by name, before any step. */
    @Test
    void refusesABadDurationNoiseOrRateByNameAndLeavesTheNetworkAsItWas() {
        Net n = Net.build();
        SplittableRandom rng = new SplittableRandom(5);
        for (double bad : new double[] {0.7, 0, -1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> n.net().runSilent(bad, true, rng));
            assertTrue(e.getMessage().startsWith("durationMs") && e.getMessage().contains("0.5 ms"), e.getMessage());
        }
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException noise = assertThrows(IllegalArgumentException.class,
                    () -> n.net().runSilent(10, true, bad, 0, rng));
            assertTrue(noise.getMessage().startsWith("noiseStdMv"), noise.getMessage());
            IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                    () -> n.net().runSilent(10, true, 0, bad, rng));
            assertTrue(rate.getMessage().startsWith("inputRateHz"), rate.getMessage());
        }
        assertEquals(0, n.inputRaster().stepsRecorded(), "no step taken");
    }
}
