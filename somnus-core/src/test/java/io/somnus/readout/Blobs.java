package io.somnus.readout;

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
