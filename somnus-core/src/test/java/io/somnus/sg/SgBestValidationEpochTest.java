package io.somnus.sg;

import static io.somnus.sg.SgTrainerTest.blocks;
import static io.somnus.sg.SgTrainerTest.tiny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.LabeledImages;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The best validation epoch: chosen on validation data, the first of equals, and run as that epoch's model. */
class SgBestValidationEpochTest {
    /**
     * The best epoch is the first argmax of the per-epoch validation accuracies (computed here from the epoch
     * records), and the accuracy reported for it is that epoch's model: a run stopped after that many epochs gives
     * the same test accuracy. The final model is left in place. The blocks are learnt perfectly after a few epochs,
     * so later epochs tie with the best and the first of equals must win (the best epoch is then not the last).
     */
    @Test
    void bestEpochIsChosenOnValidationAndIsThatEpochsModel() {
        SgConfig cfg = tiny().epochs(5).build();
        LabeledImages validation = blocks(60, 2);
        LabeledImages test = blocks(90, 4);
        SgTrainer trainer = new SgTrainer();
        SgResult r = trainer.train(blocks(120, 1), validation, cfg, new SplittableRandom(5), SgListener.NONE);
        int argmax = 1;
        for (SgEpoch e : r.epochs()) {
            if (e.validationAccuracy() > r.epochs().get(argmax - 1).validationAccuracy()) {
                argmax = e.epoch();
            }
        }
        assertTrue(argmax < cfg.epochs(), "the case has its best validation epoch before the last: "
                + r.epochs().stream().map(SgEpoch::validationAccuracy).toList());
        assertEquals(argmax, r.bestValidationEpoch());
        assertEquals(r.epochs().get(argmax - 1).validationAccuracy(), r.bestValidationAccuracy());
        double finalTest = trainer.accuracy(test);

        SgTrainer stopped = new SgTrainer();
        stopped.train(blocks(120, 1), validation, cfg.toBuilder().epochs(argmax).build(), new SplittableRandom(5),
                SgListener.NONE);
        assertEquals(stopped.accuracy(test), trainer.evaluateAtBestValidationEpoch(test).accuracy(),
                "the model of epoch " + argmax);
        assertEquals(finalTest, trainer.accuracy(test), "the final model is restored");
    }

    @Test
    void noValidationDataMeansNoBestEpoch() {
        SgTrainer trainer = new SgTrainer();
        SgResult r = trainer.train(blocks(30, 1), null, tiny().epochs(1).build(), new SplittableRandom(1),
                SgListener.NONE);
        assertEquals(0, r.bestValidationEpoch());
        assertTrue(Double.isNaN(r.bestValidationAccuracy()));
        assertThrows(IllegalStateException.class, () -> trainer.evaluateAtBestValidationEpoch(blocks(30, 2)));
    }
}
