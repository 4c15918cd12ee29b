package io.somnus.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The input encodings: the spike probability each gives a pixel, over many steps. */
class SgInputEncodingTest {
    @Test
    void bernoulliAndPoissonSpikeAtTheirProbabilities() {
        float[][] img = {{0f, 0.25f, 1f, 0.5f}};
        int steps = 20_000;
        float[] out = new float[steps * 4];
        SgInputEncoding.BERNOULLI.encode(img, new int[] {0}, 0, 1, 4, steps, 0, 1, new SplittableRandom(1), out);
        double[] mean = new double[4];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < 4; i++) {
                mean[i] += out[t * 4 + i] / steps;
            }
        }
        assertEquals(0.0, mean[0]);
        assertEquals(0.25, mean[1], 0.01);
        assertEquals(1.0, mean[2], 1e-6);
        assertEquals(0.5, mean[3], 0.01);
        // Poisson, 100 Hz at dt = 1 ms: p = pixel·0.1.
        SgInputEncoding.POISSON.encode(img, new int[] {0}, 0, 1, 4, steps, 100, 1, new SplittableRandom(1), out);
        double m = 0;
        for (int t = 0; t < steps; t++) {
            m += out[t * 4 + 2] / steps;
        }
        assertEquals(0.1, m, 0.01);
    }
}
