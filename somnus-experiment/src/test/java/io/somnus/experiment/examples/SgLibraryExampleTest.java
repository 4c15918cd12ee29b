package io.somnus.experiment.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.GeomFig;
import io.somnus.data.LabeledImages;
import io.somnus.data.Split;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgListener;
import io.somnus.sg.SgResult;
import io.somnus.sg.SgSleepConfig;
import io.somnus.sg.SgTrainer;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** README's "The SG-SNN" example, run; the second test fails when the README's block and this differ. */
class SgLibraryExampleTest {
    private static final String HEADING = "### The SG-SNN";

    @Test
    void readmeExampleRuns() {
        // --- README: The SG-SNN ---
        LabeledImages train = GeomFig.generate(Split.TRAIN, 64, 15, 7);           // 15×15 = 225 inputs
        LabeledImages test = GeomFig.generate(Split.TEST, 32, 15, 7);
        SgConfig cfg = SgConfig.builder().inputs(train.pixels()).outputs(train.numClasses()).hidden(50)
                .epochs(1).batchSize(32)
                .sleepRatio(1.0)                                                  // sleep after each epoch, p = 1
                .sleep(SgSleepConfig.paper().toBuilder().iterations(20).batchCopies(8).build()) // a short episode
                .build();
        SgTrainer trainer = new SgTrainer();
        SgResult result = trainer.train(train, /* validation */ null, cfg, new SplittableRandom(7), SgListener.NONE);
        double accuracy = trainer.accuracy(test);
        Map<String, float[]> weights = trainer.weights();                         // [pre][post], e.g. w_in_h
        // --- end of the README example ---
        assertEquals(1, result.sleepEpisodes().size(), "one epoch, sleep after it with probability 1");
        assertEquals(20 * 100, result.sleepSteps(), "20 iterations of the paper's 100 steps");
        assertEquals(64 * 100, result.wakeSteps(), "64 images of the default 100 steps");
        assertTrue(accuracy >= 0 && accuracy <= 1, "an accuracy");
        assertEquals(225 * 50, weights.get("w_in_h").length);
        assertEquals(50 * 4, weights.get("w_h_out").length, "geomfig's 4 classes");
        SgResult awake = new SgTrainer().train(train, null, cfg.toBuilder().sleepRatio(0).build(),
                new SplittableRandom(7), SgListener.NONE);
        assertEquals(0, awake.sleepSteps(), "sleep ratio 0: never");
    }

    @Test
    void theReadmeShowsThisExampleLineForLine() throws Exception {
        ReadmeExample example = ReadmeExample.of(HEADING, SgLibraryExampleTest.class);
        example.assertShowsTheTestsCode("The SG-SNN");
        example.assertListsTheTestsImports();
    }
}
