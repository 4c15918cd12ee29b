package io.somnus.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.Refusals;
import io.somnus.data.LabeledImages;
import io.somnus.data.Preprocess;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Images an SG-SNN run cannot take are refused, naming the set and the way out. */
class SgDataCheckTest {
    /**
     * A set preprocessed as the STDP-SNN's (Preprocess.PAPER: a pixel sum of 22.5, so one lit pixel of 225 becomes
     * 22.5) is refused with the way out named; Preprocess.PAPER_SG (resized, not normalised) keeps it in [0, 1] and
     * trains.
     */
    @Test
    void aPixelSumNormalisedSetIsRefusedNamingTheSgPreprocess() {
        float[][] images = new float[4][225];
        int[] labels = {0, 1, 0, 1};
        for (int k = 0; k < 4; k++) {
            images[k][k % 2] = 1f;
        }
        LabeledImages raw = new LabeledImages("one-pixel", 15, 15, images, labels, 2, Map.of());
        SgConfig cfg = SgConfig.builder().inputs(225).hidden(4).outputs(2).steps(5).batchSize(2).epochs(1).build();
        LabeledImages summed = Preprocess.PAPER.apply(raw);
        assertEquals(22.5f, summed.images()[0][0], 1e-4f);
        Refusals.assertRefused(IllegalArgumentException.class, () -> new SgTrainer().train(summed, null, cfg,
                new SplittableRandom(1), SgListener.NONE), "pixel value 22.5", "Preprocess.PAPER_SG");
        LabeledImages resized = Preprocess.PAPER_SG.apply(raw);
        assertEquals(1f, resized.images()[0][0]);
        assertEquals(1, new SgTrainer().train(resized, null, cfg, new SplittableRandom(1), SgListener.NONE).epochs().size());
    }
}
