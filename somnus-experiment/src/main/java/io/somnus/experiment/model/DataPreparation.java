package io.somnus.experiment.model;

import io.somnus.data.DatasetDescriptor;
import io.somnus.data.DatasetException;
import io.somnus.data.DatasetRegistry;
import io.somnus.data.DatasetStatus;
import io.somnus.data.LabeledImages;
import io.somnus.data.LoadOptions;
import io.somnus.data.Preprocess;
import io.somnus.data.Split;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.DataSampling;
import io.somnus.experiment.config.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /**
     * The run's training, validation and test images, preprocessed as the {@code dataset} section asks
     * ({@code resize}, {@code normalise_sum}), from the datasets of the default {@link DatasetRegistry} (which may
     * download them); a {@link io.somnus.data.DatasetException} when the dataset cannot be found or read.
     */
    public static PreparedData prepare(RunConfig cfg) {
        return prepare(cfg, new DatasetRegistry());
    }

    /** As {@link #prepare(RunConfig)}, finding (or fetching) the datasets with {@code registry}. */
    public static PreparedData prepare(RunConfig cfg, DatasetRegistry registry) {
        Path dir = directory(cfg);
        if (cfg.dataset().sampling() == DataSampling.POOLED) {
            return pooled(cfg, registry, dir);
        }
        int nTrain = cfg.train().images();
        int nVal = cfg.train().validationImages();
        long needed = (long) nTrain + nVal; // both may be up to Integer.MAX_VALUE
        LabeledImages all = registry.load(cfg.dataset().name(), Split.TRAIN, dir, trainOptions(cfg));
        if (all.size() < needed) {
            throw new ConfigException("train.images + train.validation_images = " + nTrain + " + " + nVal + " = " + needed
                    + " but " + cfg.dataset().name() + " has only " + all.size() + " training images");
        }
        LabeledImages test = registry.load(cfg.dataset().name(), Split.TEST, dir, testOptions(cfg));
        if (test.size() < cfg.train().testImages()) {
            throw new ConfigException("train.test_images = " + cfg.train().testImages() + " but "
                    + cfg.dataset().name() + " has only " + test.size() + " test images");
        }
        Preprocess pre = preprocess(cfg);
        all = pre.apply(all);
        test = pre.apply(test);
        return new PreparedData(all.head(nTrain), all.slice(nTrain, nTrain + nVal), test);
    }

    /**
     * Reads the dataset files these runs will load, each split once with the largest limit any of them needs, so that
     * their {@link #prepare} finds them read (the registry keeps what it read per JVM; a run needing fewer images gets
     * the first ones of the larger read, the same images). Generated datasets are left to the runs; errors too (each
     * run reports its own).
     */
    public static void prefetch(List<RunConfig> configs, DatasetRegistry registry) {
        Map<Source, LoadOptions[]> loads = new LinkedHashMap<>();
        for (RunConfig cfg : configs) {
            if (isFile(registry, cfg.dataset().name())) {
                loads.merge(new Source(cfg.dataset().name(), directory(cfg)),
                        new LoadOptions[] {trainOptions(cfg), testOptions(cfg)},
                        (a, b) -> new LoadOptions[] {larger(a[0], b[0]), larger(a[1], b[1])});
            }
        }
        loads.forEach((source, options) -> {
            try {
                registry.load(source.name(), Split.TRAIN, source.dir(), options[0]);
                registry.load(source.name(), Split.TEST, source.dir(), options[1]);
            } catch (RuntimeException e) {
                // the runs load it again and report the error
            }
        });
    }

    /**
     * Refuses, before any of these runs starts, a dataset that none of them could load: not found (or one split only,
     * or two files that differ in case) where {@code registry} looks, and not downloadable, or not in the
     * {@code dataset.dir} a run names (where nothing is downloaded). A dataset that will be downloaded on first use
     * passes: whether the download works is the runs' to find out.
     *
     * @throws ConfigException naming the dataset, where it was looked for and how to get it
     */
    public static void checkFound(List<RunConfig> configs, DatasetRegistry registry) {
        for (Source source : configs.stream().map(c -> new Source(c.dataset().name(), directory(c))).distinct().toList()) {
            DatasetStatus status;
            try {
                status = registry.status(source.name(), source.dir());
            } catch (DatasetException e) {
                throw new ConfigException("dataset " + source.name() + ": " + e.getMessage());
            }
            switch (status.availability()) {
                case FOUND, PROCEDURAL -> { }
                case DOWNLOADABLE -> {
                    if (source.dir() != null) { // a run downloads nothing where it is told where the files are
                        throw new ConfigException("dataset '" + source.name() + "' cannot be loaded: not found in "
                                + "dataset.dir = " + source.dir() + ", the only place looked in when it is given (or its "
                                + "sub-folder " + source.name() + "); put the files there, or leave dataset.dir out to "
                                + "find them in the usual places or download them");
                    }
                }
                case MISSING, PARTIAL, AMBIGUOUS -> throw new ConfigException("dataset '" + source.name()
                        + "' cannot be loaded: " + status.detail());
            }
        }
    }

    /** A dataset as a run finds it: its name and the folder the run names (null: the usual places). */
    private record Source(String name, Path dir) {
    }

    private static boolean isFile(DatasetRegistry registry, String name) {
        try {
            return registry.descriptor(name).kind() != DatasetDescriptor.Kind.PROCEDURAL;
        } catch (RuntimeException e) {
            return false; // an unknown dataset: the run says so
        }
    }

    private static Path directory(RunConfig cfg) {
        return cfg.dataset().dir() == null || cfg.dataset().dir().isBlank() ? null : Path.of(cfg.dataset().dir());
    }

    /** The training split's load: train.images + train.validation_images, or every image for the authors' sampling. */
    private static LoadOptions trainOptions(RunConfig cfg) {
        long needed = (long) cfg.train().images() + cfg.train().validationImages();
        int limit = cfg.dataset().sampling() == DataSampling.POOLED ? 0 : (int) Math.min(needed, Integer.MAX_VALUE);
        return LoadOptions.DEFAULTS.withLimit(limit).withAllowUnverified(cfg.dataset().acceptsUnverified());
    }

    private static LoadOptions testOptions(RunConfig cfg) {
        int limit = cfg.dataset().sampling() == DataSampling.POOLED ? 0 : cfg.train().testImages();
        return LoadOptions.DEFAULTS.withLimit(limit).withAllowUnverified(cfg.dataset().acceptsUnverified());
    }

    /** The options that read more images (limit 0 = all), accepting unverified files if either does. */
    private static LoadOptions larger(LoadOptions a, LoadOptions b) {
        LoadOptions more = a.limit() == 0 || (b.limit() != 0 && a.limit() >= b.limit()) ? a : b;
        return more.withAllowUnverified(a.allowUnverified() || b.allowUnverified());
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
    public static List<Map<String, Object>> sources(PreparedData data) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<DatasetStatus.FileStatus> seen = new HashSet<>();
        for (LabeledImages set : List.of(data.train(), data.test())) {
            for (DatasetStatus.FileStatus f : set.sources()) {
                if (!seen.add(f)) {
                    continue; // pooled sampling: both sets read both splits' files
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("split", f.split().label());
                m.put("file", f.file().toAbsolutePath().toString());
                m.put("sha256", f.sha256());
                m.put("verified", f.verification() == DatasetStatus.Verification.VERIFIED);
                m.put("verification", f.verification().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                m.put("detail", f.detail());
                out.add(m);
            }
        }
        return out;
    }
}
