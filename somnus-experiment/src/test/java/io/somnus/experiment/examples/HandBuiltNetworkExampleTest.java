package io.somnus.experiment.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.GeomFig;
import io.somnus.data.LabeledImages;
import io.somnus.encoding.BernoulliEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.sleep.DecayTarget;
import io.somnus.sleep.LogSpaceDecay;
import io.somnus.sleep.SleepPhase;
import io.somnus.sleep.SleepSettings;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** README's "A network built by hand" example, run; the second test fails when the README's block and this differ. */
class HandBuiltNetworkExampleTest {
    private static final String HEADING = "### A network built by hand";

    @Test
    void readmeExampleRuns() {
        // --- README: A network built by hand ---
        SplittableRandom rng = new SplittableRandom(7);
        LabeledImages images = GeomFig.generate(10, 15, 7);                        // 10 images of 15×15 pixels
        SpikeSource input = new SpikeSource("input", images.pixels());
        CurrentLifPopulation e = new CurrentLifPopulation("e", 40, CurrentLifParameters.PAPER);
        CurrentLifPopulation i = new CurrentLifPopulation("i", 10,
                CurrentLifParameters.PAPER.toBuilder().vThresholdMv(-58).build()); // one parameter changed, by name
        SynapseList inToE = Connector.fixedProbability(0.2).connect(input.size(), e.size(), false, rng);
        float[] w = new float[inToE.size()];
        Arrays.fill(w, 0.15f);                                                      // one weight per synapse
        Projection inputE = new Projection("input_e", input, e, Receptor.EXCITATORY, inToE, w, 1e-4f,
                Float.POSITIVE_INFINITY).withPlasticity(NearestPairStdp.builder(1.0).eta(5e-4).build());
        float[] eToI = new float[e.size() * i.size()];
        Arrays.fill(eToI, 0.4f);
        float[] iToE = new float[i.size() * e.size()];
        Arrays.fill(iToE, -0.5f);                                                   // current-based inhibition: < 0
        Projection ei = new Projection("e_i", e, i, Receptor.EXCITATORY, SynapseList.allToAll(e.size(), i.size()),
                eToI, 1e-4f, Float.POSITIVE_INFINITY);
        Projection ie = new Projection("i_e", i, e, Receptor.INHIBITORY, SynapseList.allToAll(i.size(), e.size()),
                iToE, Float.NEGATIVE_INFINITY, -1e-4f);                                 // lateral inhibition E→I→E
        Network net = new Network(1.0, input, List.of(input, e, i), List.of(inputE, ei, ie), Map.of());
        SpikeCounter eSpikes = net.count(e);                                        // wake and sleep, from now on
        SleepPhase sleep = new SleepPhase(SleepSettings.builder(new LogSpaceDecay(0.99997, 0), DecayTarget.CONSTANT,
                0.2).noiseStdMv(2).earlyEndTolerance(0.001).build());               // the paper's sleep
        Map<Projection, Double> setPoints = new HashMap<>();
        setPoints.put(inputE, inputE.totalAbsWeight());                             // Σ|w| before learning
        SpikeTrain spikes = new SpikeTrain();
        List<SleepPhase.Episode> episodes = new ArrayList<>();
        for (int k = 0; k < images.size(); k++) {
            new BernoulliEncoder().encode(images.images()[k], 1.0, 100, 1.0, rng, spikes); // 100 steps of 1 ms
            net.present(spikes, /* plastic */ true, rng);
            if ((k + 1) % 5 == 0) {                                                 // sleep after every 5 images
                episodes.add(sleep.run(net, 2000, setPoints, rng, List.of(eSpikes), SleepPhase.Observer.NONE));
            }
        }
        int[] perNeuron = eSpikes.counts();                                         // a copy
        float[] learned = inputE.weights();                                         // the live weights: read only
        // --- end of the README example ---
        assertEquals(2, episodes.size(), "10 images, a sleep after every 5");
        assertTrue(episodes.stream().allMatch(ep -> ep.steps() > 0 && ep.steps() <= 2000), "each episode slept");
        assertEquals(eSpikes.total(), Arrays.stream(perNeuron).asLongStream().sum());
        assertEquals(40, perNeuron.length);
        assertTrue(eSpikes.total() > 0, "the excitatory population spiked");
        boolean changed = false;
        for (float x : learned) {
            assertTrue(x >= 1e-4f, "each weight within its bounds");
            changed |= x != 0.15f;
        }
        assertTrue(changed, "STDP and sleep changed the input weights");
        // the two static projections are not plastic, so this sleep leaves them as they were (it decays plastic ones)
        for (float x : ei.weights()) {
            assertEquals(0.4f, x);
        }
    }

    @Test
    void theReadmeShowsThisExampleLineForLine() throws Exception {
        ReadmeExample example = ReadmeExample.of(HEADING, HandBuiltNetworkExampleTest.class);
        example.assertShowsTheTestsCode("A network built by hand");
        example.assertListsTheTestsImports();
    }
}
