package io.somnus.experiment.run;

import io.somnus.data.DatasetRegistry;
import io.somnus.data.LabeledImages;
import io.somnus.data.LoadOptions;
import io.somnus.data.Preprocess;
import io.somnus.data.Split;
import io.somnus.experiment.ConfigException;
import io.somnus.experiment.config.RunConfig;
import java.nio.file.Path;

/**
 * Loads and preprocesses a run's images: the first {@code train.images} of the training split for
 * training, the next {@code train.validation_images} for validation, the first {@code train.test_images}
 * of the test split for testing. Procedural data uses a fixed data seed (0), so every run sees the same
 * images, as with a real dataset.
 */
public final class DataPreparation {
    private DataPreparation() { }

    public static PreparedData prepare(RunConfig cfg) {
        DatasetRegistry registry = new DatasetRegistry();
        Path dir = cfg.dataset().dir() == null || cfg.dataset().dir().isBlank() ? null : Path.of(cfg.dataset().dir());
        int nTrain = cfg.train().images();
        int nVal = cfg.train().validationImages();
        long needed = (long) nTrain + nVal; // both may be up to Integer.MAX_VALUE
        int limit = (int) Math.min(needed, Integer.MAX_VALUE);
        LabeledImages all = registry.load(cfg.dataset().name(), Split.TRAIN, dir, LoadOptions.DEFAULTS.withLimit(limit));
        if (all.size() < needed) {
            throw new ConfigException("train.images + train.validation_images = " + nTrain + " + " + nVal + " = " + needed
                    + " but " + cfg.dataset().name() + " has only " + all.size() + " training images");
        }
        LabeledImages test = registry.load(cfg.dataset().name(), Split.TEST, dir, LoadOptions.DEFAULTS.withLimit(cfg.train().testImages()));
        if (test.size() < cfg.train().testImages()) {
            throw new ConfigException("train.test_images = " + cfg.train().testImages() + " but "
                    + cfg.dataset().name() + " has only " + test.size() + " test images");
        }
        Preprocess pre = new Preprocess(cfg.dataset().resize(), cfg.dataset().normaliseSum());
        all = pre.apply(all);
        test = pre.apply(test);
        return new PreparedData(all.head(nTrain), all.slice(nTrain, nTrain + nVal), test);
    }
}
