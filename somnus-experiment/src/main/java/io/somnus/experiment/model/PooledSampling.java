package io.somnus.experiment.model;

import io.somnus.data.DatasetStatus;
import io.somnus.data.LabeledImages;
import io.somnus.data.Preprocess;
import io.somnus.experiment.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code dataset.sampling: pooled}, the authors' sampling ({@code get_data.py:386-403 @40b7d33}): a dataset's training
 * and test splits pooled, shuffled, and cut into training, validation and test images in that order.
 */
final class PooledSampling {
    /** The run seed's stream reserved for data sampling: independent of the streams the models split from the seed. */
    static final long SAMPLING_STREAM = 0x5A3B1E5DA7A5EEDL;

    private PooledSampling() {
    }

    /**
     * The two splits pooled (training split first) in the order {@link #shuffledPool} draws from {@code seed}, cut into
     * {@code nTrain} training, {@code nVal} validation and {@code nTest} test images, each preprocessed with {@code pre};
     * every set records both splits' files.
     *
     * @throws ConfigException if the splits hold fewer images than asked for
     */
    static PreparedData split(LabeledImages train, LabeledImages test, int nTrain, int nVal, int nTest, long seed,
                              Preprocess pre) {
        long needed = (long) nTrain + nVal + nTest;
        if (train.size() + test.size() < needed) {
            throw new ConfigException("dataset.sampling = pooled: train.images + train.validation_images + train.test_images = "
                    + needed + " but " + train.name() + " has only " + (train.size() + test.size())
                    + " images in its two splits");
        }
        int[] order = shuffledPool(train.size() + test.size(), seed);
        List<DatasetStatus.FileStatus> files = new ArrayList<>(train.sources());
        files.addAll(test.sources());
        return new PreparedData(pre.apply(pick(train, test, order, 0, nTrain, files)),
                pre.apply(pick(train, test, order, nTrain, nTrain + nVal, files)),
                pre.apply(pick(train, test, order, nTrain + nVal, nTrain + nVal + nTest, files)));
    }

    /**
     * The pool's indices (training split 0..n−1, then the test split) in a Fisher–Yates order drawn from the seed's
     * sampling stream. Their code draws from NumPy's global generator (np.random.shuffle after np.random.seed(42 + run),
     * main.py:15-17), which cannot be matched: the same seed does not give their images.
     */
    static int[] shuffledPool(int total, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ SAMPLING_STREAM);
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        for (int i = total - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static LabeledImages pick(LabeledImages train, LabeledImages test, int[] order, int from, int to,
                                      List<DatasetStatus.FileStatus> files) {
        float[][] images = new float[to - from][];
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
            int k = order[i];
            LabeledImages split = k < train.size() ? train : test;
            int at = k < train.size() ? k : k - train.size();
            images[i - from] = split.images()[at];
            labels[i - from] = split.labels()[at];
        }
        Map<String, String> sha = new LinkedHashMap<>(train.sha256());
        sha.putAll(test.sha256());
        return new LabeledImages(train.name(), train.height(), train.width(), images, labels, train.numClasses(), sha, files);
    }
}
