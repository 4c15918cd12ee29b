package io.somnus.experiment.sg;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.LabeledImages;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.model.PreparedData;
import io.somnus.experiment.run.StandardResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Images scaled by dataset.normalise_sum past 1 are refused naming that field, before the SG-SNN trains. */
class SgPixelRangeTest {
    private static LabeledImages twoPixels(String name, float a, float b) {
        return new LabeledImages(name, 1, 2, new float[][] {{a, b}}, new int[] {0}, 10);
    }

    private static SgRunConfig paperSg(double normaliseSum) {
        return Configs.bind(new StandardResolver().resolve(Map.of("preset", "paper-sg", "dataset.normalise_sum",
                normaliseSum)), SgRunConfig.class);
    }

    /**
     * Two pixels scaled to sum 2.5 can be 1.0 and 1.5: the test set's image 0 holds 1.5 and is named; a sum of 2 as
     * 1.0 + 1.0 passes, as does anything without normalisation (raw pixels are the trainer's to check).
     */
    @Test
    void aPixelScaledAboveOneIsRefusedNamingNormaliseSum() {
        LabeledImages ok = twoPixels("train", 1.0f, 1.0f);
        ConfigException e = assertThrows(ConfigException.class, () -> SgRun.requirePixelsAtMostOne(paperSg(2.5),
                new PreparedData(ok, ok, twoPixels("test", 1.0f, 1.5f))));
        assertTrue(e.getMessage().startsWith("dataset.normalise_sum = 2.5: scales image 0 of the test set (test) to a "
                + "pixel of 1.5"), e.getMessage());
        SgRun.requirePixelsAtMostOne(paperSg(2.0), new PreparedData(ok, ok, ok));
        LabeledImages bright = twoPixels("raw", 1.0f, 1.5f);
        SgRun.requirePixelsAtMostOne(paperSg(0), new PreparedData(bright, bright, bright));
    }
}
