package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.stdp.Measurements;
import io.somnus.kernel.Kernels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An STDP run tells its progress through training and then through the final evaluation (spike counts of the readout
 * and test images, then each readout's fit), which takes minutes for wide networks.
 */
class RunProgressPhasesTest {
    @TempDir
    Path tmp;

    private record Update(String phase, long done, long total) { }

    @Test
    void theFinalEvaluationReportsEachStepAfterTraining() throws Exception {
        List<Update> updates = new ArrayList<>();
        RunProgress recording = (phase, done, total) -> updates.add(new Update(phase, done, total));
        Map<String, Object> settings = Map.of("preset", "diehl-cook", "populations.e.size", 20,
                "dataset.name", "geomfig", "train.images", 6, "train.validation_images", 6, "train.test_images", 6,
                "train.checkpoints", 1, "train.eval_threads", 1);
        new StandardRunExecutor(Kernels.scalar()).execute(new StandardResolver().resolve(settings), tmp.resolve("run"),
                recording);

        int lastTrain = -1;
        for (int i = 0; i < updates.size(); i++) {
            if (updates.get(i).phase().equals("train")) {
                lastTrain = i;
            }
        }
        assertTrue(lastTrain >= 0, "training progress: " + updates);
        List<Update> evaluate = updates.subList(lastTrain + 1, updates.size());
        int steps = 2 + 3; // spike counts twice, then diehl-cook's three readouts (vote, linear, pca-logistic)
        assertEquals(steps + 1, evaluate.size(), "one update per step after training, and one at the start: " + evaluate);
        for (int k = 0; k <= steps; k++) {
            assertEquals(new Update(Measurements.FINAL_PHASE, k, steps), evaluate.get(k));
        }
    }
}
