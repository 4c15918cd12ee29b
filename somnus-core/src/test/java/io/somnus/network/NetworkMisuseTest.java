package io.somnus.network;

import static io.somnus.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.NumberText;
import io.somnus.data.LabeledImages;
import io.somnus.encoding.SpikeTrain;
import io.somnus.kernel.Kernels;
import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.ConductanceLifPopulation;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.plasticity.WeightNormalisation;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mistakes a user of the library API makes, each refused with a message that names what is wrong, where before they
 * ran on silently or stopped with a bare index error; and the monitors' reads that a later step or clear cannot change.
 */
class NetworkMisuseTest {
    private static final Kernels KERNELS = Kernels.scalar();
    private static CurrentLifPopulation neurons(String name, int size) {
        return new CurrentLifPopulation(name, size, NetworkTest.SIMPLE, KERNELS);
    }

    private static Projection allToAll(String name, Population pre, Population post, Receptor receptor, float w,
            float wMin, float wMax) {
        SynapseList syn = Connector.allToAll().connect(pre.size(), post.size(), false, new SplittableRandom(1));
        float[] weights = new float[syn.size()];
        Arrays.fill(weights, w);
        return new Projection(name, pre, post, receptor, syn, weights, wMin, wMax, KERNELS);
    }

    @Test
    void aPopulationOrProjectionNameTheNetworkLacksIsRefusedListingItsOwn() {
        SpikeSource in = new SpikeSource("in", 3);
        CurrentLifPopulation e = neurons("e", 2);
        Network net = new Network(1.0, in, List.of(in, e), List.of(allToAll("in_e", in, e, Receptor.EXCITATORY, 0.1f,
                0f, 1f)), Map.of());
        IllegalArgumentException pop = assertThrows(IllegalArgumentException.class, () -> net.population("E"));
        assertTrue(pop.getMessage().contains("no population named E") && pop.getMessage().contains("[in, e]"),
                pop.getMessage());
        IllegalArgumentException proj = assertThrows(IllegalArgumentException.class, () -> net.projection("input_e"));
        assertTrue(proj.getMessage().contains("no projection named input_e") && proj.getMessage().contains("[in_e]"),
                proj.getMessage());
    }

    @Test
    void aPositiveInhibitoryWeightOntoCurrentBasedNeuronsIsRefusedNotExciting() {
        SpikeSource in = new SpikeSource("in", 3);
        CurrentLifPopulation e = neurons("e", 2);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> allToAll("inh", in, e, Receptor.INHIBITORY, 0.3f, 0f, 1f));
        assertTrue(ex.getMessage().contains("projection inh: inhibitory onto current-based population e")
                && ex.getMessage().contains("synapse 0 has weight 0.3"), ex.getMessage());
        // negative weights inhibit there; onto conductance-based neurons the receptor does it
        allToAll("inh", in, e, Receptor.INHIBITORY, -0.3f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
        ConductanceLifPopulation c = new ConductanceLifPopulation("c", 2, ConductanceLifParameters.DIEHL_COOK_INHIBITORY,
                KERNELS);
        allToAll("inh_c", in, c, Receptor.INHIBITORY, 0.3f, 0f, 1f);
    }

    /**
     * A weight normalisation of a projection whose weights may be negative would flip their signs (a negative column sum
     * gives a negative scale), and one of a projection the network does not hold would act on it unseen: both refused.
     */
    @Test
    void aNormalisationThatWouldFlipSignsOrActOutsideTheNetworkIsRefused() {
        SpikeSource in = new SpikeSource("in", 3);
        CurrentLifPopulation e = neurons("e", 2);
        Projection inh = allToAll("inh", in, e, Receptor.INHIBITORY, -1f, -5f, 0f);
        IllegalArgumentException flip = assertThrows(IllegalArgumentException.class, () -> new Network(1.0, in,
                List.of(in, e), List.of(inh), Map.of(inh, new WeightNormalisation(2))));
        assertTrue(flip.getMessage().contains("projection inh: weight normalisation scales column sums of non-negative "
                + "weights, and synapse 0 has weight -1.0"), flip.getMessage());
        Projection exc = allToAll("exc", in, e, Receptor.EXCITATORY, 0.5f, 0f, 1f);
        Projection other = allToAll("other", in, e, Receptor.EXCITATORY, 0.5f, 0f, 1f);
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> new Network(1.0, in,
                List.of(in, e), List.of(exc), Map.of(other, new WeightNormalisation(2))));
        assertTrue(outside.getMessage().contains("projection other, which is not in the network's projections"),
                outside.getMessage());
        new Network(1.0, in, List.of(in, e), List.of(exc), Map.of(exc, new WeightNormalisation(2)));
    }

    /** A labelled set of no size or with a pixel no encoder can read, and membrane noise that is no deviation. */
    @Test
    void imagesOfNoSizeOrBadPixelsAndNoiseThatIsNoDeviationAreRefused() {
        assertRefused(IllegalArgumentException.class, () -> new LabeledImages("d", -28, -28,
                new float[][] {new float[784]}, new int[] {0}, 2, Map.of()), "d: images of -28 × -28 pixels");
        assertRefused(IllegalArgumentException.class, () -> new LabeledImages("d", 1, 2,
                new float[][] {{0.5f, Float.NaN}}, new int[] {0}, 2, Map.of()), "image 0's pixel 1 is NaN");
        SpikeSource in = new SpikeSource("in", 2);
        CurrentLifPopulation e = neurons("e", 2);
        Network net = new Network(1.0, in, List.of(in, e), List.of(allToAll("p", in, e, Receptor.EXCITATORY, 0.5f, 0f,
                1f)), Map.of());
        for (double sigma : new double[] {Double.NaN, -2}) {
            assertRefused(IllegalArgumentException.class, () -> net.step(0, false, sigma, new SplittableRandom(1)),
                    "membrane noise must be a standard deviation >= 0 mV and finite, got " + NumberText.of(sigma));
        }
        net.step(0, false, 2, new SplittableRandom(1));
        // a population without parameters or name is named, not a bare NullPointerException later
        NullPointerException npe = assertThrows(NullPointerException.class, () -> new CurrentLifPopulation("x", 2, null,
                KERNELS));
        assertTrue(npe.getMessage().contains("population x: parameters (e.g. CurrentLifParameters.PAPER)"),
                npe.getMessage());
        assertTrue(assertThrows(NullPointerException.class, () -> neurons(null, 2)).getMessage()
                .contains("a population needs a name"));
    }

    @Test
    void boundsThatHoldNoWeightAreRefused() {
        SpikeSource in = new SpikeSource("in", 3);
        CurrentLifPopulation e = neurons("e", 2);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> allToAll("in_e", in, e, Receptor.EXCITATORY, 0.3f, 1f, 0.5f));
        assertTrue(ex.getMessage().contains("projection in_e: weight bounds [1, 0.5]"), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> allToAll("in_e", in, e, Receptor.EXCITATORY, 0.3f, Float.NaN, 1f));
    }

    @Test
    void aProjectionFromOrToAPopulationOutsideTheNetworkIsRefused() {
        SpikeSource in = new SpikeSource("in", 3);
        CurrentLifPopulation e = neurons("e", 2);
        Projection inE = allToAll("in_e", in, e, Receptor.EXCITATORY, 0.3f, 0f, 1f);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new Network(1.0, in, List.of(in), List.of(inE), Map.of()));
        assertTrue(ex.getMessage().contains("projection in_e connects population e, which is not in the network's "
                + "populations [in]"), ex.getMessage());
    }

    @Test
    void twoPopulationsOrProjectionsOfOneNameAreRefused() {
        SpikeSource in = new SpikeSource("in", 3);
        CurrentLifPopulation e = neurons("e", 2);
        CurrentLifPopulation e2 = neurons("e", 2);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new Network(1.0, in, List.of(in, e, e2), List.of(), Map.of()));
        assertTrue(ex.getMessage().contains("two populations are named e"), ex.getMessage());
        Projection a = allToAll("p", in, e, Receptor.EXCITATORY, 0.3f, 0f, 1f);
        Projection b = allToAll("p", in, e, Receptor.EXCITATORY, 0.3f, 0f, 1f);
        ex = assertThrows(IllegalArgumentException.class,
                () -> new Network(1.0, in, List.of(in, e), List.of(a, b), Map.of()));
        assertTrue(ex.getMessage().contains("two projections are named p"), ex.getMessage());
    }

    @Test
    void aTrainWiderThanItsSourceOrUnfinishedIsRefusedByName() {
        SpikeSource in = new SpikeSource("in", 10);
        Network net = new Network(1.0, in, List.of(in), List.of(), Map.of());
        SplittableRandom rng = new SplittableRandom(1);
        // 12 pixels into 10 sources: index 11 is no source (10 to 15 would have been taken as padding before)
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> net.present(NetworkTest.atStepZero(5, 0, 11), false, rng));
        assertTrue(ex.getMessage().contains("source indices 0..11, but in has 10 sources"), ex.getMessage());
        SpikeTrain open = new SpikeTrain();
        open.reset(5);
        open.add(4, 2);
        ex = assertThrows(IllegalArgumentException.class, () -> net.present(open, false, rng));
        assertTrue(ex.getMessage().contains("not finished: call finish()"), ex.getMessage());
        // a spike past the train's last step is refused where it is added
        SpikeTrain t = new SpikeTrain();
        t.reset(5);
        ex = assertThrows(IllegalArgumentException.class, () -> t.add(9, 2));
        assertTrue(ex.getMessage().contains("a spike at step 9 in a train of 5 steps"), ex.getMessage());
        // and a train that fits plays: source 9 spikes at step 0
        SpikeRaster raster = net.raster(in);
        net.present(NetworkTest.atStepZero(5, 9), false, rng);
        assertArrayEquals(new int[] {9}, raster.spikeNeurons());
    }

    @Test
    void aCountersCountsAreACopyAndADetachedMonitorStopsRecording() {
        SpikeSource in = new SpikeSource("in", 3);
        Network net = new Network(1.0, in, List.of(in), List.of(), Map.of());
        SpikeCounter counter = net.count(in);
        SpikeRaster raster = net.raster(in);
        SplittableRandom rng = new SplittableRandom(1);
        net.present(NetworkTest.atStepZero(2, 0, 2), false, rng);
        int[] first = counter.counts();
        counter.clear();
        net.present(NetworkTest.atStepZero(2, 1), false, rng);
        assertArrayEquals(new int[] {1, 0, 1}, first, "the first image's counts, kept across a clear");
        assertArrayEquals(new int[] {0, 1, 0}, counter.counts());
        net.detach(raster);
        net.present(NetworkTest.atStepZero(2, 1), false, rng);
        assertEquals(3, raster.spikeNeurons().length, "no spike recorded after detaching");
        assertEquals(2, counter.total(), "the counter still records");
        assertThrows(IllegalArgumentException.class, () -> net.detach(raster));
    }

    /**
     * A network handed on (a run's, RunResult.network) drops every monitor at once and counts synaptic events from 0:
     * input source 1 spiking at step 0 reaches both post neurons of an all-to-all projection, 2 events per image.
     */
    @Test
    void detachingAllMonitorsStopsThemAndSynapticEventsCountFromZeroWhenCleared() {
        SpikeSource in = new SpikeSource("in", 3);
        CurrentLifPopulation post = new CurrentLifPopulation("post", 2, NetworkTest.SIMPLE, Kernels.scalar());
        Projection p = new Projection("in_post", in, post, Receptor.EXCITATORY,
                Connector.allToAll().connect(3, 2, false, new SplittableRandom(1)), new float[6],
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Kernels.scalar());
        Network net = new Network(1.0, in, List.of(in, post), List.of(p), Map.of());
        SpikeCounter counter = net.count(in);
        SpikeRaster raster = net.raster(in);
        StateMonitor v = net.state(post, "v");
        SplittableRandom rng = new SplittableRandom(1);
        net.present(NetworkTest.atStepZero(2, 1), false, rng);
        assertEquals(2, net.synapticEvents(), "one spike onto 2 synapses");
        net.detachMonitors();
        net.clearSynapticEvents();
        assertEquals(0, net.synapticEvents());
        net.present(NetworkTest.atStepZero(2, 1), false, rng);
        assertEquals(1, counter.total(), "the first image's spike only");
        assertArrayEquals(new int[] {1}, raster.spikeNeurons());
        assertEquals(2, v.stepsRecorded(), "the first image's 2 steps only");
        assertEquals(2, net.synapticEvents(), "the second image's events only");
        assertThrows(IllegalArgumentException.class, () -> net.detach(counter), "no longer attached");
    }

    /** A rule tabulated for another time step would run with its time constants off by the ratio. */
    @Test
    void aRuleBuiltForAnotherTimeStepIsRefused() {
        SpikeSource in = new SpikeSource("in", 3);
        CurrentLifPopulation e = neurons("e", 2);
        Projection p = allToAll("in_e", in, e, Receptor.EXCITATORY, 0.3f, 0f, 1f)
                .withPlasticity(new NearestPairStdp(5e-4, 1, 1, 7.5, 7.5, 1, 1.0));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new Network(0.1, in, List.of(in, e), List.of(p), Map.of()));
        assertTrue(ex.getMessage().contains("projection in_e: its nearest-pair rule was built for dt = 1 ms, the "
                + "network steps 0.1 ms"), ex.getMessage());
        new Network(1.0, in, List.of(in, e), List.of(p), Map.of());
    }

    /** Stepping from 0 again without a reset (spike times are kept in steps) is refused, not an index error later. */
    @Test
    void stepsThatDoNotIncreaseSinceTheResetAreRefused() {
        SpikeSource in = new SpikeSource("in", 3);
        CurrentLifPopulation e = neurons("e", 2);
        Network net = new Network(1.0, in, List.of(in, e), List.of(allToAll("in_e", in, e, Receptor.EXCITATORY, 0.3f,
                0f, 1f)), Map.of());
        SplittableRandom rng = new SplittableRandom(1);
        net.step(0, false, 0, rng);
        net.step(1, false, 0, rng);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> net.step(0, false, 0, rng));
        assertTrue(ex.getMessage().contains("network step 0 after step 1"), ex.getMessage());
        net.resetState();
        net.step(0, false, 0, rng);
        net.resetState();
        net.stepStream(false, 0, rng);
        net.stepStream(false, 0, rng); // the stream counts for itself
        assertThrows(IllegalArgumentException.class, () -> net.step(1, false, 0, rng), "the stream is at step 2");
    }

    /** Parameters that cannot describe the neuron or rule they build are refused by name. */
    @Test
    void impossibleNeuronAndRuleParametersAreRefused() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new CurrentLifParameters(10, 10, -10, -70, -80, -55, -100, 40, 0, 100, 0, 1.0));
        assertTrue(ex.getMessage().contains("resistance must be > 0, got -10"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
                () -> new NearestPairStdp(-5e-4, 1, 1, 7.5, 7.5, 1, 1.0));
        assertTrue(ex.getMessage().contains("needs η, A+ and A− >= 0"), ex.getMessage());
    }

    /** A time constant a population cannot integrate at the network's step is refused when the network is built. */
    @Test
    void aConductanceShorterThanTheNetworksStepIsRefusedAtConstruction() {
        SpikeSource in = new SpikeSource("in", 3);
        ConductanceLifPopulation e = new ConductanceLifPopulation("exc", 2,
                new ConductanceLifParameters(20, -65, -65, -50, 0, 0, -80, 0.2, 10, 2, 0, 1e7, 0), KERNELS);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new Network(0.5, in, List.of(in, e), List.of(), Map.of()));
        assertTrue(ex.getMessage().contains("population exc: tau_excitatory_ms = 0.2 ms is shorter than dt = 0.5 ms"),
                ex.getMessage());
        new Network(0.1, in, List.of(in, e), List.of(), Map.of());
    }

    /**
     * A null argument stopped with the message "null"; a monitor on a population outside the network was attached and
     * recorded nothing; a projection onto the input source was accepted (the configuration path refused it).
     */
    @Test
    void nullArgumentsForeignMonitorsAndSynapsesOntoTheInputAreRefused() {
        SpikeSource in = new SpikeSource("in", 3);
        CurrentLifPopulation e = neurons("e", 2);
        assertRefused(NullPointerException.class, () -> new Network(1.0, null, List.of(in), List.of(), Map.of()),
                "input");
        assertRefused(NullPointerException.class, () -> new Network(1.0, in, null, List.of(), Map.of()),
                "populations");
        assertRefused(NullPointerException.class, () -> new Network(1.0, in, List.of(in), null, Map.of()),
                "projections");
        Network net = new Network(1.0, in, List.of(in, e), List.of(), Map.of());
        CurrentLifPopulation stranger = neurons("stranger", 2);
        assertRefused(IllegalArgumentException.class, () -> net.count(stranger),
                "population stranger is not in this network", "[in, e]");
        assertRefused(IllegalArgumentException.class, () -> net.raster(stranger), "population stranger");
        assertRefused(IllegalArgumentException.class, () -> net.state(stranger, "v"), "population stranger");
        Projection back = allToAll("e_in", e, in, Receptor.EXCITATORY, 0.3f, 0f, 1f);
        assertRefused(IllegalArgumentException.class,
                () -> new Network(1.0, in, List.of(in, e), List.of(back), Map.of()),
                "projection e_in ends on the input source in");
    }
}
