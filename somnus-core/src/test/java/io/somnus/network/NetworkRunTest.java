package io.somnus.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.encoding.PoissonEncoder;
import io.somnus.encoding.SpikeTrain;
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

/** {@link Network#run}: a duration in ms, the same spikes as the step-by-step way. */
class NetworkRunTest {
    private static final double DT_MS = 0.5;
    private static final float[] RATES_HZ = new float[20];

    static {
        for (int i = 0; i < RATES_HZ.length; i++) {
            RATES_HZ[i] = 10f + 5f * i;                                   // 10 … 105 Hz
        }
    }

    /** 20 Poisson inputs onto 5 LIF neurons through all-to-all STDP, with a raster on the neurons. */
    private record Net(Network net, SpikeSource input, Projection plastic, SpikeRaster raster) {
        static Net build() {
            SpikeSource input = new SpikeSource("poisson", RATES_HZ.length);
            CurrentLifPopulation lif = new CurrentLifPopulation("lif", 5, CurrentLifParameters.PAPER);
            float[] w = new float[input.size() * lif.size()];
            Arrays.fill(w, 0.6f);
            Projection p = Projection.named("input_lif").from(input).to(lif).receptor(Receptor.EXCITATORY)
                    .synapses(SynapseList.allToAll(input.size(), lif.size())).weights(w).bounds(0f, 1f).build()
                    .withPlasticity(AllToAllStdp.builder(DT_MS).eta(0.01).build());
            Network net = new Network(DT_MS, input, List.of(input, lif), List.of(p), Map.of());
            return new Net(net, input, p, net.raster(lif));
        }
    }

    /**
     * Two runs of 150 ms and 50 ms against the same 300 and 100 steps encoded by hand and stepped one by one on the
     * stream's clock: the same spike steps and neurons, and the same learned weights, bit for bit.
     */
    @Test
    void runForADurationGivesTheSpikesOfStepByStep() {
        Net byRun = Net.build();
        SplittableRandom rng = new SplittableRandom(3);
        byRun.net().run(150, PoissonEncoder.ofRatesHz(), RATES_HZ, true, rng);
        byRun.net().run(50, PoissonEncoder.ofRatesHz(), RATES_HZ, true, rng);

        Net byStep = Net.build();
        SplittableRandom same = new SplittableRandom(3);
        int clock = 0;
        for (int steps : new int[] {300, 100}) {                         // 150 ms and 50 ms at dt 0.5 ms
            SpikeTrain train = new SpikeTrain();
            PoissonEncoder.ofRatesHz().encode(RATES_HZ, 1.0, steps, DT_MS, same, train);
            byStep.input().play(train, clock);
            for (int t = 0; t < steps; t++) {
                byStep.net().stepStream(true, 0.0, same);
            }
            byStep.input().play(null);
            clock += steps;
        }

        assertEquals(400, byRun.raster().stepsRecorded());
        assertTrue(byRun.raster().spikeSteps().length > 0, "the neurons fired");
        assertArrayEquals(byStep.raster().spikeSteps(), byRun.raster().spikeSteps());
        assertArrayEquals(byStep.raster().spikeNeurons(), byRun.raster().spikeNeurons());
        assertArrayEquals(byStep.plastic().weights(), byRun.plastic().weights());
        assertTrue(Arrays.stream(byRun.raster().spikeSteps()).anyMatch(t -> t >= 300), "the second run goes on");
    }

    /** A duration that is no positive whole number of steps, or values not one per input neuron, is refused by name. */
    @Test
    void refusesADurationOfNoWholeStepsAndValuesOfAnotherCount() {
        Network net = Net.build().net();
        SplittableRandom rng = new SplittableRandom(1);
        for (double bad : new double[] {0.7, 0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.run(bad, PoissonEncoder.ofRatesHz(), RATES_HZ, false, rng));
            assertTrue(e.getMessage().startsWith("durationMs") && e.getMessage().contains("0.5 ms"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.run(10, PoissonEncoder.ofRatesHz(), new float[3], false, rng));
        assertTrue(e.getMessage().startsWith("values: 3 given") && e.getMessage().contains("poisson (20)"),
                e.getMessage());
    }
}
