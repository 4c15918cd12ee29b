package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.NetworkState;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpikeExchangeTest {
    @Test
    void theNetworkFilesAreSetByName() {
        Path in = Path.of("in.npz");
        Path out = Path.of("out.npz");
        assertEquals(new SpikeExchange(null, null, in, out), SpikeExchange.NONE.withNetworkIn(in).withNetworkOut(out));
        Path export = Path.of("export");
        assertEquals(new SpikeExchange(export, null, null, out), new SpikeExchange(export, null).withNetworkOut(out));
    }

    @Test
    void aRunGivenWithNetworkOutSavesANetworkThatReadsBack(@TempDir Path tmp) throws Exception {
        ObjectNode tree = new StandardResolver().resolve(Map.of("preset", "paper", "dataset.name", "geomfig",
                "train.images", 6, "train.validation_images", 2, "train.test_images", 4, "train.checkpoints", 1,
                "train.eval_threads", 1));
        Path saved = tmp.resolve("network.npz");
        new StandardRunExecutor(Kernels.preferred(), SpikeExchange.NONE.withNetworkOut(saved))
                .execute(tree, tmp.resolve("run"), RunProgress.NONE);
        assertTrue(Files.isRegularFile(saved), "the run saved its network");
        StdpRunConfig cfg = Configs.bind(tree, StdpRunConfig.class);
        Network net = NetworkFactory.buildForRun(cfg, 225, Kernels.preferred());
        float[] w = net.projection("input_e").weights();
        assertEquals(0.15f, w[0], "the preset's initial input weight (paper.yaml: init constant, weight 0.15)");
        NetworkState.read(saved, net);
        float[] trained = net.projection("input_e").weights();
        boolean learned = false;
        for (float x : trained) {
            learned |= x != 0.15f;
        }
        assertTrue(learned, "the restored weights are the trained ones, not the initial 0.15");
        assertNotEquals(0, trained.length);
        // the README's network, drawn from the seed's stream itself, has other synapses: refused, naming the remedy
        Network other = NetworkFactory.build(cfg, 225, new SplittableRandom(cfg.seed()), Kernels.preferred());
        FileFormatException e = Assertions.assertThrows(
                FileFormatException.class, () -> NetworkState.read(saved, other));
        assertTrue(e.getMessage().contains("NetworkFactory.buildForRun"), e.getMessage());
    }
}
