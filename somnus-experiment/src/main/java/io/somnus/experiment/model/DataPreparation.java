package io.somnus.experiment.model;

import io.somnus.data.DatasetRegistry;
import io.somnus.data.LabeledImages;
import io.somnus.data.LoadOptions;
import io.somnus.data.Preprocess;
import io.somnus.data.Split;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.DataSampling;
import io.somnus.experiment.config.RunConfig;
import java.nio.file.Path;

/**
 * Loads and preprocesses a run's images. With {@code dataset.sampling: first}: the first {@code train.images} of
 * the training split for training, the next {@code train.validation_images} for validation, the first
 * {@code train.test_images} of the test split for testing. With {@code pooled} (the authors' code,
 * {@code get_data.py:386-403 @40b7d33}): both splits pooled (training split first), shuffled with a stream of the
 * run's seed, and cut into training, validation and test images in that order, so a test image may come from the
 * training split and the reverse. Procedural data uses a fixed data seed (0), so every run sees the same images,
 * as with a real dataset.
 */
public final class DataPreparation {
    private DataPreparation() { }

    public static PreparedData prepare(RunConfig cfg) {
        return prepare(cfg, new DatasetRegistry());
    }

    /** As {@link #prepare(RunConfig)}, finding (or fetching) the datasets with {@code registry}. */
    public static PreparedData prepare(RunConfig cfg, DatasetRegistry registry) {
        Path dir = cfg.dataset().dir() == null || cfg.dataset().dir().isBlank() ? null : Path.of(cfg.dataset().dir());
        if (cfg.dataset().sampling() == DataSampling.POOLED) {
            return pooled(cfg, registry, dir);
        }
        int nTrain = cfg.train().images();
        int nVal = cfg.train().validationImages();
        long needed = (long) nTrain + nVal; // both may be up to Integer.MAX_VALUE
        int limit = (int) Math.min(needed, Integer.MAX_VALUE);
        LabeledImages all = registry.load(cfg.dataset().name(), Split.TRAIN, dir, LoadOptions.DEFAULTS.withLimit(limit)
                .withAllowUnverified(cfg.dataset().acceptsUnverified()));
        if (all.size() < needed) {
            throw new ConfigException("train.images + train.validation_images = " + nTrain + " + " + nVal + " = " + needed
                    + " but " + cfg.dataset().name() + " has only " + all.size() + " training images");
        }
        LabeledImages test = registry.load(cfg.dataset().name(), Split.TEST, dir, LoadOptions.DEFAULTS.withLimit(cfg.train().testImages())
                .withAllowUnverified(cfg.dataset().acceptsUnverified()));
        if (test.size() < cfg.train().testImages()) {
            throw new ConfigException("train.test_images = " + cfg.train().testImages() + " but "
                    + cfg.dataset().name() + " has only " + test.size() + " test images");
        }
        Preprocess pre = preprocess(cfg);
        all = pre.apply(all);
        test = pre.apply(test);
        return new PreparedData(all.head(nTrain), all.slice(nTrain, nTrain + nVal), test);
    }

    private static Preprocess preprocess(RunConfig cfg) {
        return new Preprocess(cfg.dataset().resize(), cfg.dataset().normaliseSum(), cfg.dataset().resizeFilter());
    }

    /** The authors' sampling: see the class comment. */
    private static PreparedData pooled(RunConfig cfg, DatasetRegistry registry, Path dir) {
        LoadOptions all = LoadOptions.DEFAULTS.withAllowUnverified(cfg.dataset().acceptsUnverified());
        LabeledImages train = registry.load(cfg.dataset().name(), Split.TRAIN, dir, all);
        LabeledImages test = registry.load(cfg.dataset().name(), Split.TEST, dir, all);
        return PooledSampling.split(train, test, cfg.train().images(), cfg.train().validationImages(),
                cfg.train().testImages(), cfg.seed(), preprocess(cfg));
    }

    /**
     * Where each file of a run's data came from, for provenance.json: split, path, SHA-256 and whether it matched a
     * published checksum ({@code verified}) or was accepted without ({@code mismatch}, {@code no reference}: only
     * with dataset.allow_unverified). Empty for generated data.
     */
    public static java.util.List<java.util.Map<String, Object>> sources(PreparedData data) {
        java.util.List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
        java.util.Set<io.somnus.data.DatasetStatus.FileStatus> seen = new java.util.HashSet<>();
        for (io.somnus.data.LabeledImages set : java.util.List.of(data.train(), data.test())) {
            for (io.somnus.data.DatasetStatus.FileStatus f : set.sources()) {
                if (!seen.add(f)) {
                    continue; // pooled sampling: both sets read both splits' files
                }
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("split", f.split().label());
                m.put("file", f.file().toAbsolutePath().toString());
                m.put("sha256", f.sha256());
                m.put("verified", f.verification() == io.somnus.data.DatasetStatus.Verification.VERIFIED);
                m.put("verification", f.verification().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                m.put("detail", f.detail());
                out.add(m);
            }
        }
        return out;
    }
}
