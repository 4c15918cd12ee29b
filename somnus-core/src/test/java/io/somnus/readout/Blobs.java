package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/** Synthetic data for the readout tests: Gaussian blobs, one per class, in rate-like features. */
final class Blobs {
    final double[][] x;
    final int[] y;

    private Blobs(double[][] x, int[] y) {
        this.x = x;
        this.y = y;
    }

    /**
     * {@code n} samples of {@code classes} isotropic Gaussian blobs (std {@code noise}) in {@code d}
     * dimensions; blob c is centred on 10 + 4·e_{c mod d}, plus {@code constant} extra features that never
     * change (silent neurons).
     */
    static Blobs generate(long seed, int n, int d, int classes, double noise, int constant) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d + constant];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < d; j++) {
                x[i][j] = 10 + (j == y[i] % d ? 4 : 0) + noise * r.nextGaussian();
            }
        }
        return new Blobs(x, y);
    }

    /**
     * Fits {@code readout} on blobs whose labels are shuffled and tests it on others shuffled too, so that the test
     * labels are independent of the features: whatever the model learned, its expected accuracy is chance, 1/3 (with
     * 600 test samples the binomial std is about 0.02; the bound allows 0.1).
     */
    static void assertChanceOnShuffledLabels(Readout readout) {
        Blobs train = generate(1, 600, 10, 3, 1.0, 0).shuffledLabels(9);
        Blobs test = generate(2, 600, 10, 3, 1.0, 0).shuffledLabels(10);
        double accuracy = readout.fit(train.x, train.y, 3, 42).accuracy(test.x, test.y);
        assertTrue(accuracy > 1.0 / 3 - 0.1 && accuracy < 1.0 / 3 + 0.1, readout.name() + " accuracy " + accuracy);
    }

    /** Same features, labels permuted at random (Fisher–Yates). */
    Blobs shuffledLabels(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] s = y.clone();
        for (int i = s.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return new Blobs(x, s);
    }
}
