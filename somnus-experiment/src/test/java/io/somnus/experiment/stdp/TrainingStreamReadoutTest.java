package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.LabeledImages;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The authors' segments: runs of equal labels merged into their mean, a sleep ending a run. */
class TrainingStreamReadoutTest {
    @Test
    void runsOfEqualLabelsAreMergedAndSleepSplitsThem() {
        double[][] x = {{1, 0}, {3, 2}, {5, 4}, {7, 6}, {9, 8}, {11, 10}};
        int[] labels = {2, 2, 1, 1, 1, 2};
        boolean[] sleptAfter = {false, false, false, true, false, false};
        TrainingStreamReadout.Segments s = TrainingStreamReadout.group(x, labels, sleptAfter);
        // [2 2] → mean of rows 0, 1; [1 1 | sleep | 1] → rows 2, 3 then row 4; [2] → row 5
        assertArrayEquals(new int[] {2, 1, 1, 2}, s.labels());
        assertArrayEquals(new double[] {2, 1}, s.features()[0]);
        assertArrayEquals(new double[] {6, 5}, s.features()[1]);
        assertArrayEquals(new double[] {9, 8}, s.features()[2]);
        assertArrayEquals(new double[] {11, 10}, s.features()[3]);
    }

    /**
     * The test stream runs on a copy whose θ is frozen, as the frozen readout's evaluation: diehl-cook's E neurons
     * (conductance LIF, θ₊ = 0.05 mV a spike, θ decaying with τ = 10⁷ ms) keep θ as trained, 1 mV each, through a
     * stream of bright images they spike to; not frozen, each spike would raise it and every step would decay it.
     */
    @Test
    void theTestStreamsCopyKeepsItsThetaAsTrained() {
        StdpRunConfig cfg = PresetConfigs.of("diehl-cook", "readout.source", "training", "populations.e.size", 10);
        Network net = NetworkFactory.build(cfg, 784, new SplittableRandom(1), Kernels.scalar());
        double[] trained = new double[10];
        Arrays.fill(trained, 1.0);
        System.arraycopy(trained, 0, net.population("e").learnedState().get("theta_mv"), 0, 10);
        float[][] images = new float[4][784];
        for (float[] image : images) {
            Arrays.fill(image, 1f);
        }
        LabeledImages test = new LabeledImages("bright", 28, 28, images, new int[] {0, 0, 1, 1}, 2);
        Network copy = TrainingStreamReadout.streamCopy(net);
        TrainingStreamReadout.Segments s = TrainingStreamReadout.stream(net, copy, test,
                Encoders.create(cfg.encoding()), cfg, 7, false);
        assertTrue(Arrays.stream(s.features()[0]).limit(10).sum() > 0, "the E neurons spiked");
        assertArrayEquals(trained, copy.population("e").learnedState().get("theta_mv"), "θ on the stream's copy");
        assertArrayEquals(trained, net.population("e").learnedState().get("theta_mv"), "θ of the network");
    }

    @Test
    void distinctNeighboursStayOnePerImage() {
        double[][] x = {{1}, {2}, {3}};
        TrainingStreamReadout.Segments s = TrainingStreamReadout.group(x, new int[] {0, 1, 0}, new boolean[3]);
        assertEquals(3, s.size());
        assertArrayEquals(new double[] {3}, s.features()[2]);
    }
}
