package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.LabeledImages;
import io.somnus.encoding.BernoulliEncoder;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.ValidationStream;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.CurrentLifScheme;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code readout.validation_stream: carried}: the authors' validation batch after an epoch gets the training stream's
 * I_syn and a, V at rest and the threshold array as first filled ({@code src/big_comb.py:2332-2333, 2362-2380
 * @40b7d33}). By hand on one current-LIF neuron with the authors' forward Euler and spike test.
 */
class ValidationStreamTest {
    private static Network oneNeuron() {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 1, CurrentLifParameters.PAPER, Kernels.preferred(),
                CurrentLifScheme.AUTHORS);
        return new Network(1.0, in, List.<Population>of(in, e), List.of(), Map.of());
    }

    @Test
    void theCopyStartsWithTheTrainingCurrentAndAdaptationAndVAtRest() {
        Network training = oneNeuron();
        CurrentLifPopulation e = (CurrentLifPopulation) training.population("e");
        e.current()[0] = 0.25f;
        e.adaptation()[0] = 60f;
        e.membrane()[0] = -20f;
        Network copy = training.copyForEvaluation();
        copy.resetState();
        TrainingStreamReadout.carriedValidationStart(training, copy, true);
        CurrentLifPopulation c = (CurrentLifPopulation) copy.population("e");
        assertEquals(0.25f, c.current()[0]);
        assertEquals(60f, c.adaptation()[0]);
        assertEquals((float) CurrentLifParameters.PAPER.vRestMv(), c.membrane()[0]);
        // first step, forward Euler from V = −70 with I = 0.25 and no input: V = −70 + R·I·dt/τ_m = −70 + 7.5/30
        // = −69.75 mV, below θ₀: no spike (the threshold is the next test's)
        copy.stepStream(false, 0, new SplittableRandom(1));
        assertEquals(Population.NEVER, c.lastSpikeStep()[0]);
    }

    @Test
    void theFirstStepTestsTheBaseThreshold() {
        // a = 60: the carried threshold is clip(−55 + 60, −90, 0) = 0 mV. V from rest with a large current I = 40:
        // forward Euler, V = −70 + (R·I)/τ_m = −70 + 30·40/30 = −30 mV (I decays after V is integrated): above θ₀,
        // below 0 mV: a spike only against θ₀ (baseThreshold)
        for (boolean base : new boolean[] {false, true}) {
            Network training = oneNeuron();
            CurrentLifPopulation e = (CurrentLifPopulation) training.population("e");
            e.current()[0] = 40f;
            e.adaptation()[0] = 60f;
            Network copy = training.copyForEvaluation();
            copy.resetState();
            TrainingStreamReadout.carriedValidationStart(training, copy, base);
            copy.stepStream(false, 0, new SplittableRandom(1));
            CurrentLifPopulation c = (CurrentLifPopulation) copy.population("e");
            assertEquals(base ? 0 : Population.NEVER, c.lastSpikeStep()[0], "base threshold " + base);
        }
    }

    @Test
    void carriedNeedsTheTrainingStreamReadoutAndCurrentLifNeurons() {
        StdpRunConfig frozen = PresetConfigs.of("paper-code", "readout.source", "frozen");
        Network net = NetworkFactory.build(frozen, 225, new SplittableRandom(1), Kernels.scalar());
        ConfigException a = assertThrows(ConfigException.class, () -> StreamStarts.checkValidationStream(net, frozen));
        assertTrue(a.getMessage().startsWith("readout.validation_stream: "), a.getMessage());
        StdpRunConfig dc = PresetConfigs.of("diehl-cook", "readout.source", "training",
                "readout.validation_stream", "carried");
        Network conductance = NetworkFactory.build(dc, 784, new SplittableRandom(1), Kernels.scalar());
        ConfigException b = assertThrows(ConfigException.class, () -> StreamStarts.checkValidationStream(conductance, dc));
        assertTrue(b.getMessage().contains("population e"), b.getMessage());
        StdpRunConfig code = PresetConfigs.of("paper-code");
        assertEquals(ValidationStream.CARRIED, code.readout().validationStream());
        StreamStarts.checkValidationStream(NetworkFactory.build(code, 225, new SplittableRandom(1), Kernels.scalar()), code);
    }

    /**
     * paper-code's test stream (from rest, no noise) with its input-only first step, as the authors' final test batch
     * (src/big_comb.py:3001-3004, 3083-3102 @40b7d33), gives the spikes an integrating first step gives: from rest with
     * nothing delivered that step leaves V at rest (V∞ = V_rest + R·0), I and a at 0, and the second step integrates
     * the first row either way (an input row reaches the update after the step it plays).
     */
    @Test
    void aStreamFromRestGetsTheSameSpikesWithEitherFirstStep() {
        float[][] images = new float[4][225];
        SplittableRandom r = new SplittableRandom(7);
        for (float[] im : images) {
            for (int k = 0; k < im.length; k++) {
                im[k] = r.nextDouble() < 0.3 ? 1f : 0f;
            }
        }
        LabeledImages test = new LabeledImages("t", 15, 15, images, new int[] {0, 1, 1, 2}, 3, Map.of());
        double[][] counts = null;
        for (String first : new String[] {"input_only", "integrates"}) {
            StdpRunConfig cfg = PresetConfigs.of("paper-code", "simulation.stream_first_step", first,
                    "simulation.steps_per_image", 60);
            Network net = NetworkFactory.build(cfg, 225, new SplittableRandom(3), Kernels.scalar());
            double[][] x = TrainingStreamReadout.streamSegments(net, test, new BernoulliEncoder(), cfg, 11).features();
            if (counts == null) {
                counts = x;
                assertTrue(Arrays.stream(x).flatMapToDouble(Arrays::stream).sum() > 0, "some spikes");
            } else {
                assertArrayEquals(counts, x, first);
            }
        }
    }
}
