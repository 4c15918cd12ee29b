package io.somnus.experiment.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgEpoch;
import io.somnus.sg.SgLoss;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An SG-SNN whose last epoch's training loss is above a uniform guess's is warned of; a healthy one is not. */
class SgLossCheckTest {
    @TempDir
    Path tmp;

    /** The yardstick by hand: ln 10 = 2.302585…; with per_step_spikes over 25 steps, 25 × that = 57.5646…. */
    @Test
    void theYardstickIsTheCrossEntropyOfEqualScores() {
        assertEquals(2.302585092994046, SgLossCheck.guessingLoss(SgLoss.SPIKE_COUNT, 25, 10), 1e-15);
        assertEquals(2.302585092994046, SgLossCheck.guessingLoss(SgLoss.MEMBRANE, 25, 10), 1e-15);
        assertEquals(57.56462732485115, SgLossCheck.guessingLoss(SgLoss.PER_STEP_SPIKES, 25, 10), 1e-12);
        assertEquals(Optional.empty(), SgLossCheck.lossAboveGuessing(2.30, SgLoss.SPIKE_COUNT, 25, 10, 0.05, 1e-3));
        assertEquals(Optional.empty(), SgLossCheck.lossAboveGuessing(57.5, SgLoss.PER_STEP_SPIKES, 25, 10, 0.05, 1e-3));
        // silent outputs score every class alike: ln 4 up to rounding (the quick study's paper-sg f = 0.5 seed 3's last
        // epoch, 1.386294361119892 against ln 4 = 1.3862943611198906), no better than a guess but not worse
        assertEquals(Optional.empty(), SgLossCheck.lossAboveGuessing(1.386294361119892, SgLoss.SPIKE_COUNT, 100, 4,
                0.179, 1e-3));
        String w = SgLossCheck.lossAboveGuessing(13.44, SgLoss.SPIKE_COUNT, 25, 10, 49.9, 10).orElseThrow();
        assertTrue(w.startsWith("the SG-SNN's last epoch's mean training loss, 13.44, is above 2.303 (ln 10)"), w);
        // the learning rate spelt as every message spells a configuration's number (NumberText): 10, not 10.0
        assertTrue(w.endsWith(". Its largest weight |w| is 49.9 (sg.learning_rate = 10): a learning rate too large "
                + "drives the weights so far that the surrogate gradient no longer trains them; a sleep that undoes the "
                + "training can do it too"), w);
        assertTrue(SgLossCheck.lossAboveGuessing(13.44, SgLoss.SPIKE_COUNT, 25, 10, 49.9, 2.5e-5).orElseThrow()
                .contains("(sg.learning_rate = 2.5e-5)"));
        assertTrue(SgLossCheck.lossAboveGuessing(57.6, SgLoss.PER_STEP_SPIKES, 25, 10, 1, 1e-3).orElseThrow()
                .contains("is above 57.56 (25·ln 10, over its 25 steps)"));
    }

    private static SgEpoch epoch(int number, double trainLoss) {
        return new SgEpoch(number, trainLoss, 0.5, false, Double.NaN, 0, 0, 0, 0, 0);
    }

    /**
     * The continual protocol checks each task's last epoch: 3 tasks of 2 epochs, spike-count loss over 10 classes
     * (ln 10 = 2.3026), losses 3.0 1.0 | 3.0 2.5 | 3.0 0.5: task 2 ends above ln 10 (2.5), the run's last epoch (0.5)
     * below; task 1's first epoch (3.0) is no task's end. Checked as one task, the last epoch, nothing is warned of.
     */
    @Test
    void eachContinualTaskIsCheckedAtItsLastEpoch() {
        SgConfig sg = SgConfig.builder().inputs(4).hidden(3).outputs(10).steps(25).loss(SgLoss.SPIKE_COUNT)
                .learningRate(1e-3).build();
        List<SgEpoch> epochs = List.of(epoch(1, 3.0), epoch(2, 1.0), epoch(3, 3.0), epoch(4, 2.5), epoch(5, 3.0),
                epoch(6, 0.5));
        Map<String, float[]> weights = Map.of("w_in_h", new float[] {0.5f, -2f}, "b_h", new float[] {9f});
        String w = SgLossCheck.of(sg, epochs, weights, 2).orElseThrow();
        assertTrue(w.startsWith("the SG-SNN's mean training loss at the end of a task (of 3 tasks: task 2 2.500) is "
                + "above 2.303 (ln 10)"), w);
        assertTrue(w.contains("|w| is 2.00 (sg.learning_rate = 0.001)"), w);
        assertEquals(Optional.empty(), SgLossCheck.of(sg, epochs, weights, 6));
        assertEquals(Optional.empty(), SgLossCheck.of(sg, epochs, weights));
        List<SgEpoch> two = List.of(epoch(1, 2.4), epoch(2, 2.0), epoch(3, 1.0), epoch(4, 2.31));
        assertTrue(SgLossCheck.of(sg, two, weights, 1).orElseThrow()
                .contains("at the end of tasks (of 4 tasks: task 1 2.400, task 4 2.310)"));
    }

    private ObjectNode tiny(double learningRate) {
        Map<String, Object> s = new HashMap<>(Map.of("preset", "sg-fc", "dataset.name", "geomfig", "train.images", 300,
                "train.validation_images", 50, "train.test_images", 50, "sg.epochs", 2, "sg.learning_rate", learningRate));
        return new StandardResolver().resolve(s);
    }

    /**
     * sg-fc on geomfig at sg.learning_rate = 10 (weights driven to |w| ≈ 50, finite): summary.json warns, its loss
     * above ln 4 (geomfig has 4 classes); at the preset's 10⁻³ it has no warnings field at all (as every run before).
     */
    @Test
    void aLearningRateThatBlowsTheWeightsUpIsWarnedOfInTheSummary() throws Exception {
        Path blown = tmp.resolve("blown");
        new StandardRunExecutor().execute(tiny(10), blown, RunProgress.NONE);
        JsonNode s = Mappers.JSON.readTree(blown.resolve(RunDirectory.SUMMARY).toFile());
        assertEquals(1, s.path("warnings").size(), s.toString());
        assertTrue(s.path("warnings").get(0).asText().contains("is above 1.386 (ln 4), the loss of a uniform guess over its 4 classes"), s.toString());
        Path fine = tmp.resolve("fine");
        new StandardRunExecutor().execute(tiny(1e-3), fine, RunProgress.NONE);
        assertFalse(Mappers.JSON.readTree(fine.resolve(RunDirectory.SUMMARY).toFile()).has("warnings"));
    }
}
