package io.somnus.experiment.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.DatasetCatalog;
import io.somnus.data.DatasetLocations;
import io.somnus.data.DatasetRegistry;
import io.somnus.data.DatasetStatus;
import io.somnus.data.LabeledImages;
import io.somnus.data.LoadOptions;
import io.somnus.data.Preprocess;
import io.somnus.data.Split;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.run.StandardResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dataset.sampling: the first images of each split, or the authors' shuffled pool of both splits. */
class DataPreparationTest {
    private static RunConfig config(String sampling, long seed, int trainImages) {
        Map<String, Object> s = new HashMap<>();
        s.put("preset", "paper");
        s.put("dataset.name", "geomfig");
        s.put("dataset.resize", 0);
        s.put("dataset.normalise_sum", 0);
        s.put("dataset.sampling", sampling);
        s.put("seed", seed);
        s.put("train.images", trainImages);
        s.put("train.validation_images", 20);
        s.put("train.test_images", 200);
        return Configs.bind(new StandardResolver().resolve(s));
    }

    private static RunConfig config(String dataset) {
        Map<String, Object> s = new HashMap<>();
        s.put("preset", "paper");
        s.put("dataset.name", dataset);
        return Configs.bind(new StandardResolver().resolve(s));
    }

    /**
     * A sweep over a dataset found nowhere that cannot be downloaded (notMNIST) ran and failed each of its runs alone,
     * after "the file is valid" from --dry-run; the runs' datasets are now checked once, before any runs, and such a
     * dataset refused by name, with where to put its files. One split alone is refused too; a generated dataset, and
     * one downloaded on first use, pass (offline, a download fails in the run, which says so).
     */
    @Test
    void checkFoundRefusesADatasetNoRunCouldLoad(@TempDir Path cache) throws Exception {
        DatasetRegistry registry = new DatasetRegistry(DatasetCatalog.builtIn(), new DatasetLocations(cache, List.of()),
                (source, target) -> {
                    throw new IOException("offline");
                });
        List<RunConfig> runs = List.of(config("geomfig"), config("mnist"), config("notmnist"));
        ConfigException e = assertThrows(ConfigException.class, () -> DataPreparation.checkFound(runs, registry));
        assertTrue(e.getMessage().startsWith("dataset 'notmnist' cannot be loaded: not found"), e.getMessage());
        assertTrue(e.getMessage().contains(cache.resolve("notmnist").toString()), e.getMessage());
        DataPreparation.checkFound(runs.subList(0, 2), registry);   // generated; downloadable: nothing thrown
        // a dataset.dir given is the only place looked in: nothing is downloaded there
        Map<String, Object> inDir = new HashMap<>(Map.of("preset", "paper", "dataset.name", "mnist", "dataset.dir",
                Files.createDirectory(cache.resolve("empty")).toString()));
        ConfigException there = assertThrows(ConfigException.class, () -> DataPreparation.checkFound(
                List.of(Configs.bind(new StandardResolver().resolve(inDir))), registry));
        assertTrue(there.getMessage().startsWith("dataset 'mnist' cannot be loaded: not found in dataset.dir = "
                + cache.resolve("empty")), there.getMessage());

        Path dir = Files.createDirectories(cache.resolve("notmnist"));
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), new byte[0]);
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[0]);
        ConfigException partial = assertThrows(ConfigException.class, () -> DataPreparation.checkFound(runs, registry));
        assertTrue(partial.getMessage().startsWith("dataset 'notmnist' cannot be loaded: only the train split found"),
                partial.getMessage());
    }

    /** A split whose image {@code i} is the single pixel {@code base + i} (so every image says where it came from). */
    private static LabeledImages split(int n, int base) {
        float[][] images = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            images[i] = new float[]{base + i};
            labels[i] = (base + i) % 10;
        }
        return new LabeledImages("marked", 1, 1, images, labels, 10, Map.of());
    }

    /**
     * Pooled: 70 training-split images (marked 0..69) and 30 test-split ones (1000..1029); 40 + 10 + 30 images are 80
     * distinct members of the pool in the order of {@link PooledSampling#shuffledPool}, both splits feed every set
     * (about 3/10 of the training images come from the test split), the same seed gives the same images and another
     * seed others.
     */
    @Test
    void pooledDrawsFromBothSplitsBySeed() {
        LabeledImages train = split(70, 0);
        LabeledImages test = split(30, 1000);
        PreparedData d = PooledSampling.split(train, test, 40, 10, 30, 5, Preprocess.NONE);
        int[] order = PooledSampling.shuffledPool(100, 5);
        int at = 0;
        Set<Float> used = new HashSet<>();
        int trainFromTest = 0;
        for (LabeledImages part : new LabeledImages[]{d.train(), d.validation(), d.test()}) {
            for (int i = 0; i < part.size(); i++, at++) {
                float expected = order[at] < 70 ? order[at] : 1000 + order[at] - 70;
                assertEquals(expected, part.images()[i][0], 0f, "image " + i);
                assertEquals((int) expected % 10, part.labels()[i]);
                assertTrue(used.add(expected), "pool image " + expected + " used twice");
                trainFromTest += part == d.train() && expected >= 1000 ? 1 : 0;
            }
        }
        assertEquals(80, at);
        assertEquals(List.of(40, 10, 30), List.of(d.train().size(), d.validation().size(), d.test().size()));
        assertTrue(trainFromTest > 3 && trainFromTest < 22, "training images from the test split: " + trainFromTest);
        assertArrayEquals(d.test().labels(), PooledSampling.split(train, test, 40, 10, 30, 5, Preprocess.NONE).test().labels());
        assertFalse(Arrays.equals(d.train().labels(),
                PooledSampling.split(train, test, 40, 10, 30, 6, Preprocess.NONE).train().labels()), "another seed");
    }

    /** First: the head of the training split, the next images for validation, the head of the test split, any seed. */
    @Test
    void firstTakesTheHeadOfEachSplit() {
        DatasetRegistry registry = new DatasetRegistry();
        LabeledImages train = registry.load("geomfig", Split.TRAIN, null, LoadOptions.DEFAULTS.withLimit(320));
        LabeledImages test = registry.load("geomfig", Split.TEST, null, LoadOptions.DEFAULTS.withLimit(200));
        PreparedData d = DataPreparation.prepare(config("first", 9, 300), registry);
        assertArrayEquals(train.images()[299], d.train().images()[299]);
        assertArrayEquals(train.images()[300], d.validation().images()[0]);
        assertArrayEquals(test.images()[199], d.test().images()[199]);
        assertArrayEquals(d.train().labels(), DataPreparation.prepare(config("first", 10, 300), registry).train().labels());
    }

    @Test
    void pooledRefusesMoreImagesThanBothSplitsHold() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PooledSampling.split(split(70, 0), split(30, 1000), 80, 10, 11, 1, Preprocess.NONE));
        assertTrue(e.getMessage().contains("dataset.sampling = pooled") && e.getMessage().contains("= 101 but marked has only 100"),
                e.getMessage());
    }

    /**
     * The shuffle is Fisher–Yates: over 24 000 seeds every one of the 24 orders of 4 items comes up about 1 000 times
     * (a χ² with 23 degrees of freedom below 60, p ≈ 4·10⁻⁵ under uniformity), and each order is a permutation.
     */
    @Test
    void everyOrderIsEquallyLikely() {
        Map<String, Integer> counts = new HashMap<>();
        for (long seed = 0; seed < 24_000; seed++) {
            int[] o = PooledSampling.shuffledPool(4, seed);
            int[] sorted = o.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[]{0, 1, 2, 3}, sorted);
            counts.merge(Arrays.toString(o), 1, Integer::sum);
        }
        assertEquals(24, counts.size());
        double chi2 = 0;
        for (int c : counts.values()) {
            chi2 += (c - 1000.0) * (c - 1000.0) / 1000.0;
        }
        assertTrue(chi2 < 60, "χ² = " + chi2);
    }

    /**
     * prefetch reads each split of a dataset once, with the largest limit its runs need; the runs' own loads then
     * decode nothing (they get the first images of that read). Generated datasets are left to the runs. On a copy of
     * Fashion-MNIST (scripts/install-deps) in a folder of its own, which nothing in this JVM has read before.
     */
    @Test
    void afterPrefetchTheRunsDecodeNothing(@TempDir Path copy) throws Exception {
        DatasetRegistry registry = new DatasetRegistry();
        var fashion = registry.status(null, false).stream().filter(st -> st.name().equals("fashion-mnist")
                && st.availability() == DatasetStatus.Availability.FOUND).findFirst();
        Assumptions.assumeTrue(fashion.isPresent(), "Fashion-MNIST is not installed");
        for (var f : fashion.get().files()) {
            Files.copy(f.file(), copy.resolve(f.file().getFileName()));
        }
        List<RunConfig> runs = List.of(fashion(copy, 30, 10, 20), fashion(copy, 60, 10, 40), config("first", 1, 40));
        long before = DatasetRegistry.filesDecoded();
        DataPreparation.prefetch(runs, registry);
        assertEquals(before + 2, DatasetRegistry.filesDecoded(), "one read of each split");
        for (RunConfig run : runs) {
            PreparedData d = DataPreparation.prepare(run, registry);
            assertEquals(run.train().images(), d.train().size());
            assertEquals(run.train().testImages(), d.test().size());
        }
        assertEquals(before + 2, DatasetRegistry.filesDecoded(), "files decoded again after the prefetch");
    }

    private static RunConfig fashion(Path dir, int train, int validation, int test) {
        Map<String, Object> s = new HashMap<>();
        s.put("preset", "paper");
        s.put("dataset.name", "fashion-mnist");
        s.put("dataset.dir", dir.toString());
        s.put("train.images", train);
        s.put("train.validation_images", validation);
        s.put("train.test_images", test);
        return Configs.bind(new StandardResolver().resolve(s));
    }
}
