package io.somnus.experiment.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.GeomFig;
import io.somnus.data.LabeledImages;
import io.somnus.encoding.PoissonEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.stdp.NetworkFactory;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.ConductanceLifPopulation;
import io.somnus.synapse.Projection;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained network saved and restored into a network rebuilt from the same configuration and seed: the same
 * weights and θ, bit for bit, and so the same spikes on a frozen presentation; a network of another seed (other
 * synapses) or a file of another structure is refused, naming what differs, and left as it was. Delays per synapse
 * are restored with the weights.
 */
class NetworkStateTest {
    private static final int INPUTS = 784;

    /** diehl-cook at N_e = 20 (adaptive θ, dense and all-but-self projections), seeded. */
    private static Network network(long seed) {
        return network(seed, Map.of());
    }

    private static Network network(long seed, Map<String, Object> settings) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("preset", "diehl-cook");
        s.put("seed", seed);
        s.put("populations.e.size", 20);
        s.putAll(settings);
        StdpRunConfig cfg = Configs.bind(new StandardResolver().resolve(s), StdpRunConfig.class);
        return NetworkFactory.build(cfg, INPUTS, new SplittableRandom(seed), Kernels.scalar());
    }

    private static SpikeTrain spikes(float[] image, long seed) {
        SpikeTrain t = new SpikeTrain();
        new PoissonEncoder(63.75).encode(image, 1.0, 700, 0.5, new SplittableRandom(seed), t);
        return t;
    }

    private static int[] frozenSpikes(Network net, float[] image) {
        SpikeCounter c = net.count(net.population("e"));
        net.present(spikes(image, 99), false, new SplittableRandom(5));
        net.detach(c);
        return c.counts().clone();
    }

    @Test
    void aRestoredNetworkHasTheSameWeightsThetaAndSpikes(@TempDir Path tmp) throws Exception {
        LabeledImages images = GeomFig.generate(6, 28, 3);
        Network trained = network(7);
        for (int k = 0; k < 5; k++) {
            trained.present(spikes(images.images()[k], k), true, new SplittableRandom(k));
        }
        Path file = tmp.resolve("network.npz");
        NetworkState.write(trained, file);
        Network restored = network(7);
        double[] thetaBefore = ((ConductanceLifPopulation) restored.population("e")).theta().clone();
        NetworkState.read(file, restored);
        double[] theta = ((ConductanceLifPopulation) trained.population("e")).theta();
        assertFalse(Arrays.equals(thetaBefore, theta), "training should have moved θ");
        assertArrayEquals(theta, ((ConductanceLifPopulation) restored.population("e")).theta());
        for (Projection p : trained.projections()) {
            assertArrayEquals(p.weights(), restored.projection(p.name()).weights(), p.name());
        }
        int[] spikes = frozenSpikes(trained, images.images()[5]);
        assertTrue(Arrays.stream(spikes).sum() > 0, "the comparison needs E spikes");
        assertArrayEquals(spikes, frozenSpikes(restored, images.images()[5]));
        // the file is numpy's: its arrays are named by projection and population
        assertTrue(Npz.read(file).containsKey("population.e.theta_mv"));
        assertEquals(NpyArray.DType.INT32, Npz.read(file).get("projection.input_e.pre").dtype());
    }

    /**
     * A projection with a delay per synapse saves its delays beside its synapses and restores them with the weights:
     * another seed draws the same all-to-all synapses but other delays, and takes the saved ones, so it spikes as the
     * trained network does. A file with delays and a network without them (or the reverse), and a delay no
     * NetworkState wrote, are refused.
     */
    @Test
    void aDelayPerSynapseIsSavedAndRestored(@TempDir Path tmp) throws Exception {
        Map<String, Object> delays = Map.of("projections.input_e.delay_ms", 0.5, "projections.input_e.delay_max_ms", 10.0);
        LabeledImages images = GeomFig.generate(4, 28, 3);
        Network trained = network(7, delays);
        for (int k = 0; k < 3; k++) {
            trained.present(spikes(images.images()[k], k), true, new SplittableRandom(k));
        }
        Path file = tmp.resolve("network.npz");
        NetworkState.write(trained, file);
        int[] savedDelays = trained.projection("input_e").synapseDelays().stepsPerSynapse();
        assertArrayEquals(savedDelays, Npz.read(file).get("projection.input_e.delay_steps").ints());
        Network otherSeed = network(8, delays);
        assertFalse(Arrays.equals(savedDelays, otherSeed.projection("input_e").synapseDelays()
                .stepsPerSynapse()), "seed 8 should draw other delays");
        NetworkState.read(file, otherSeed);
        assertArrayEquals(savedDelays, otherSeed.projection("input_e").synapseDelays().stepsPerSynapse());
        assertArrayEquals(trained.projection("input_e").weights(), otherSeed.projection("input_e").weights());
        int[] spikes = frozenSpikes(trained, images.images()[3]);
        assertTrue(Arrays.stream(spikes).sum() > 0, "the comparison needs E spikes");
        assertArrayEquals(spikes, frozenSpikes(otherSeed, images.images()[3]));

        FileFormatException none = assertThrows(FileFormatException.class, () -> NetworkState.read(file, network(7)));
        assertTrue(none.getMessage().contains("projection input_e has a delay per synapse in the file and none in this "
                + "network: set projections.input_e.delay_ms and delay_max_ms as the network was trained with"),
                none.getMessage());
        Path plain = tmp.resolve("plain.npz");
        NetworkState.write(network(7), plain);
        FileFormatException some = assertThrows(FileFormatException.class, () -> NetworkState.read(plain,
                network(7, delays)));
        assertTrue(some.getMessage().contains("projection input_e has a delay per synapse in this network and none in "
                + "the file"), some.getMessage());
        // the delays count steps of the step they were saved at: refused at another
        Map<String, Object> finer = new LinkedHashMap<>(delays);
        finer.put("simulation.dt_ms", 0.25);
        finer.put("projections.input_e.delay_ms", 0.25);
        FileFormatException dt = assertThrows(FileFormatException.class, () -> NetworkState.read(file, network(7, finer)));
        assertTrue(dt.getMessage().contains("projection input_e's delays were saved in steps of 0.5 ms, and this network "
                + "steps 0.25 ms"), dt.getMessage());
        assertEquals(0.5, Npz.read(file).get("simulation.dt_ms").doubles()[0]);
        Map<String, NpyArray> arrays = new LinkedHashMap<>(Npz.read(file));
        int[] zero = savedDelays.clone();
        zero[5] = 0;
        arrays.put("projection.input_e.delay_steps", NpyArray.of(zero, zero.length));
        Path broken = tmp.resolve("broken.npz");
        Npz.write(broken, arrays);
        Network untouched = network(8, delays);
        float[] before = untouched.projection("input_e").weights().clone();
        FileFormatException bad = assertThrows(FileFormatException.class, () -> NetworkState.read(broken, untouched));
        assertTrue(bad.getMessage().contains("projection input_e's synapse 5 has a delay of 0 steps there"),
                bad.getMessage());
        assertArrayEquals(before, untouched.projection("input_e").weights());
    }

    /**
     * Normalisation scales without clipping (as Diehl &amp; Cook's code does), so a normalised projection's weights may
     * lie past its upper bound until the rule next clips them: such a network is saved and restored, not refused.
     */
    @Test
    void aNormalisedWeightPastItsUpperBoundIsRestored(@TempDir Path tmp) throws Exception {
        Network trained = network(7);
        trained.projection("input_e").weights()[3] = 1.5f; // w_max 1.0, normalised to 78 per column
        Path file = tmp.resolve("network.npz");
        NetworkState.write(trained, file);
        Network restored = network(7);
        NetworkState.read(file, restored);
        assertEquals(1.5f, restored.projection("input_e").weights()[3]);
        trained.projection("input_e").weights()[3] = -0.5f; // below its lower bound 0: refused still
        NetworkState.write(trained, file);
        FileFormatException e = assertThrows(FileFormatException.class, () -> NetworkState.read(file, network(7)));
        assertTrue(e.getMessage().contains("projection input_e's synapse 3 has weight -0.5"), e.getMessage());
    }

    /** A NaN θ (a damaged file) is refused before the run starts, naming the array and the neuron. */
    @Test
    void aNonFiniteLearnedStateIsRefusedAndLeftAsItWas(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("network.npz");
        NetworkState.write(network(7), file);
        Map<String, NpyArray> arrays = new LinkedHashMap<>(Npz.read(file));
        double[] theta = new double[20];
        theta[4] = Double.NaN;
        arrays.put("population.e.theta_mv", NpyArray.of(theta, 20));
        Path damaged = tmp.resolve("damaged.npz");
        Npz.write(damaged, arrays);
        Network net = network(7);
        float[] before = net.projection("input_e").weights().clone();
        FileFormatException e = assertThrows(FileFormatException.class, () -> NetworkState.read(damaged, net));
        assertTrue(e.getMessage().startsWith(damaged + ": population.e.theta_mv of population e's neuron 4 is NaN"),
                e.getMessage());
        assertArrayEquals(before, net.projection("input_e").weights());
        theta[4] = Double.NEGATIVE_INFINITY;
        arrays.put("population.e.theta_mv", NpyArray.of(theta, 20));
        Npz.write(damaged, arrays);
        FileFormatException inf = assertThrows(FileFormatException.class, () -> NetworkState.read(damaged, network(7)));
        assertTrue(inf.getMessage().contains("neuron 4 is -Infinity"), inf.getMessage());
    }

    @Test
    void aNetworkOfOtherSynapsesIsRefusedAndLeftAsItWas(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("network.npz");
        Network paper = paperNetwork(7);
        paper.projection("e_e").weights()[0] = 0.123f;
        NetworkState.write(paper, file);
        Network other = paperNetwork(8); // fixed-probability connectors: another seed draws other synapses
        float[] before = other.projection("input_e").weights().clone();
        FileFormatException e = assertThrows(FileFormatException.class, () -> NetworkState.read(file, other));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains("input_e"), e.getMessage());
        assertTrue(e.getMessage().contains("build the network from the configuration and seed it was trained with"),
                e.getMessage());
        assertArrayEquals(before, other.projection("input_e").weights());
        // missing and extra arrays are named
        Map<String, NpyArray> arrays = new LinkedHashMap<>(Npz.read(file));
        arrays.remove("projection.e_i.post");
        Path missing = tmp.resolve("missing.npz");
        Npz.write(missing, arrays);
        FileFormatException lacking = assertThrows(FileFormatException.class, () -> NetworkState.read(missing,
                paperNetwork(7)));
        assertTrue(lacking.getMessage().contains("no array projection.e_i.post"), lacking.getMessage());
        arrays = new LinkedHashMap<>(Npz.read(file));
        arrays.put("population.e.theta_mv", NpyArray.of(new double[200], 200));
        Path extra = tmp.resolve("extra.npz");
        Npz.write(extra, arrays);
        FileFormatException surplus = assertThrows(FileFormatException.class, () -> NetworkState.read(extra,
                paperNetwork(7)));
        assertTrue(surplus.getMessage().contains("holds population.e.theta_mv, which this network has no place for"),
                surplus.getMessage());
        // weights outside the restoring network's bounds, and a run's weights.npz, are refused too
        Path narrow = tmp.resolve("narrow.npz");
        Network wide = paperNetwork(7);
        wide.projection("input_e").weights()[3] = 30f;
        NetworkState.write(wide, narrow);
        FileFormatException bounds = assertThrows(FileFormatException.class, () -> NetworkState.read(narrow,
                paperNetworkWithInputBound(7, 20.0)));
        assertTrue(bounds.getMessage().contains("projection input_e's synapse 3 has weight 30.0, outside this network's "
                + "bounds [1.0E-4, 20.0]"), bounds.getMessage());
        Path dense = tmp.resolve("weights.npz");
        Npz.write(dense, Map.of("input_e", NpyArray.of(new float[6], 2, 3)));
        FileFormatException notSaved = assertThrows(FileFormatException.class, () -> NetworkState.read(dense,
                paperNetwork(7)));
        assertTrue(notSaved.getMessage().contains("holds no saved network") && notSaved.getMessage().contains(
                "a run's weights.npz is not one") && notSaved.getMessage().contains("withNetworkOut"),
                notSaved.getMessage());
        Network same = paperNetwork(7);
        NetworkState.read(file, same);
        assertEquals(0.123f, same.projection("e_e").weights()[0]);
    }

    private static Network paperNetwork(long seed) {
        StdpRunConfig cfg = Configs.bind(new StandardResolver().resolve(Map.of("preset", "paper", "seed", seed)),
                StdpRunConfig.class);
        return NetworkFactory.build(cfg, 225, new SplittableRandom(seed), Kernels.scalar());
    }

    private static Network paperNetworkWithInputBound(long seed, double wMax) {
        StdpRunConfig cfg = Configs.bind(new StandardResolver().resolve(Map.of("preset", "paper", "seed", seed,
                "projections.input_e.w_max", wMax)), StdpRunConfig.class);
        return NetworkFactory.build(cfg, 225, new SplittableRandom(seed), Kernels.scalar());
    }
}
