package io.somnus.encoding;

import static io.somnus.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EncoderTest {
    /** Counts spikes per input and per (step, input) over many presentations. */
    private static final class Tally {
        final long[] perInput;
        final long[][] perStep;
        final double[] sumSq;

        Tally(int steps, int inputs) {
            perInput = new long[inputs];
            perStep = new long[steps][inputs];
            sumSq = new double[inputs];
        }
    }

    private static Tally run(SpikeEncoder enc, float[] pixels, double intensity, int steps, double dt, int trials, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SpikeTrain train = new SpikeTrain();
        Tally t = new Tally(steps, pixels.length);
        int[] count = new int[pixels.length];
        for (int n = 0; n < trials; n++) {
            enc.encode(pixels, intensity, steps, dt, rng, train);
            Arrays.fill(count, 0);
            assertEquals(steps, train.numSteps());
            for (int s = 0; s < steps; s++) {
                int prev = -1;
                for (int k = train.start(s); k < train.end(s); k++) {
                    int src = train.source(k);
                    assertTrue(src > prev, "sources within a step are distinct and ascending");
                    prev = src;
                    t.perStep[s][src]++;
                    count[src]++;
                }
            }
            for (int i = 0; i < pixels.length; i++) {
                t.perInput[i] += count[i];
                t.sumSq[i] += (double) count[i] * count[i];
            }
        }
        return t;
    }

    /** Asserts a binomial count (n trials, probability p) within 5 sigma of its mean. */
    private static void assertBinomial(long observed, long n, double p, String what) {
        double mean = n * p;
        double sigma = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(observed - mean) <= 5 * sigma + 1e-9,
                what + ": observed " + observed + ", expected " + mean + " ± 5·" + sigma);
    }

    @Test
    void bernoulliMatchesPerStepProbability() {
        float[] pixels = {0f, 0.02f, 0.1f, 0.35f, 0.5f, 0.9f, 1f, 1.7f};
        int steps = 100;
        int trials = 3000;
        Tally t = run(new BernoulliEncoder(), pixels, 1.0, steps, 1.0, trials, 1);
        for (int i = 0; i < pixels.length; i++) {
            double p = Math.min(1, pixels[i]);
            assertBinomial(t.perInput[i], (long) steps * trials, p, "total spikes of input " + i);
            for (int s = 0; s < steps; s++) {
                assertBinomial(t.perStep[s][i], trials, p, "spikes of input " + i + " at step " + s);
            }
            // independence across steps: variance of the per-presentation count is steps·p·(1−p)
            double mean = t.perInput[i] / (double) trials;
            double var = t.sumSq[i] / trials - mean * mean;
            assertEquals(steps * p * (1 - p), var, 0.1 * steps * 0.25 + 1e-9, "count variance of input " + i);
        }
    }

    @Test
    void bernoulliIntensityScalesProbability() {
        Tally t = run(new BernoulliEncoder(), new float[]{0.2f}, 2.5, 50, 1.0, 2000, 2);
        assertBinomial(t.perInput[0], 50L * 2000, 0.5, "spikes at intensity 2.5");
    }

    @Test
    void poissonMatchesRateTimesDt() {
        // Diehl & Cook: 63.75 Hz for a pixel of 1, 350 ms at dt = 0.5 ms -> p = 0.031875 per step, 22.3 spikes
        PoissonEncoder enc = new PoissonEncoder(PoissonEncoder.DIEHL_COOK_MAX_RATE_HZ);
        float[] pixels = {0f, 0.25f, 0.5f, 1f};
        int steps = 700;
        int trials = 2000;
        Tally t = run(enc, pixels, 1.0, steps, 0.5, trials, 3);
        for (int i = 0; i < pixels.length; i++) {
            double p = pixels[i] * 63.75 * 0.5 / 1000;
            assertEquals(p, enc.probabilityPerStep(pixels[i], 1.0, 0.5), 1e-12);
            assertBinomial(t.perInput[i], (long) steps * trials, p, "total spikes of input " + i);
            for (int s = 0; s < steps; s += 50) {
                assertBinomial(t.perStep[s][i], trials, p, "input " + i + " step " + s);
            }
        }
        // mean count for a white pixel: 350 ms · 63.75 Hz = 22.3125
        assertEquals(22.3125, t.perInput[3] / (double) trials, 5 * Math.sqrt(700 * 0.031875 * (1 - 0.031875) / trials));
    }

    @Test
    void poissonIntensityAndCap() {
        PoissonEncoder enc = new PoissonEncoder(100);
        // 1 · 100 Hz · 4 · 1 ms = 0.4 per step; 1 · 100 Hz · 40 · 1 ms = 4 -> capped at 1
        Tally t = run(enc, new float[]{1f}, 4, 200, 1.0, 500, 4);
        assertBinomial(t.perInput[0], 200L * 500, 0.4, "intensity 4");
        Tally capped = run(enc, new float[]{1f}, 40, 200, 1.0, 10, 4);
        assertEquals(200L * 10, capped.perInput[0]);
        assertThrows(IllegalArgumentException.class, () -> new PoissonEncoder(-1));
        assertThrows(IllegalArgumentException.class, () -> new PoissonEncoder(Double.NaN));
    }

    /** A NaN or negative pixel, a NaN intensity or a dt of 0 encoded as silence, with no error. */
    @Test
    void poissonRefusesInputsThatGiveNoRate() {
        PoissonEncoder enc = new PoissonEncoder(PoissonEncoder.DIEHL_COOK_MAX_RATE_HZ);
        SpikeTrain t = new SpikeTrain();
        SplittableRandom rng = new SplittableRandom(1);
        Class<IllegalArgumentException> bad = IllegalArgumentException.class;
        assertRefused(bad, () -> enc.encode(new float[] {0.5f, Float.NaN}, 1, 10, 0.5, rng, t), "pixel 1 is NaN",
                "a Poisson rate needs a pixel >= 0");
        assertRefused(bad, () -> enc.encode(new float[] {-0.25f, 1}, 1, 10, 0.5, rng, t), "pixel 0 is -0.25");
        assertRefused(bad, () -> enc.encode(new float[] {1, 1}, 1, 10, 0, rng, t), "dt > 0 ms, got 0");
        assertRefused(bad, () -> enc.encode(new float[] {1, 1}, Double.NaN, 10, 0.5, rng, t), "intensity", "NaN");
    }

    /** The same for Bernoulli coding, where a NaN pixel or intensity encoded as silence and a negative one likewise. */
    @Test
    void bernoulliRefusesInputsThatGiveNoProbability() {
        BernoulliEncoder enc = new BernoulliEncoder();
        SpikeTrain t = new SpikeTrain();
        SplittableRandom rng = new SplittableRandom(1);
        Class<IllegalArgumentException> bad = IllegalArgumentException.class;
        assertRefused(bad, () -> enc.encode(new float[] {0.5f, Float.NaN}, 1, 10, 1, rng, t), "pixel 1 is NaN",
                "a spike probability needs a pixel >= 0");
        assertRefused(bad, () -> enc.encode(new float[] {-0.5f, 1}, 1, 10, 1, rng, t), "pixel 0 is -0.5");
        assertRefused(bad, () -> enc.encode(new float[] {1, 1}, Double.NaN, 10, 1, rng, t), "intensity", "NaN");
    }

    @Test
    void zeroImageGivesNoSpikes() {
        SpikeTrain train = new SpikeTrain();
        float[] zero = new float[784];
        SplittableRandom rng = new SplittableRandom(5);
        for (SpikeEncoder enc : new SpikeEncoder[]{new BernoulliEncoder(), new PoissonEncoder(63.75), new LatencyEncoder(0)}) {
            enc.encode(zero, 1.0, 100, 1.0, rng, train);
            assertEquals(0, train.totalSpikes(), enc.getClass().getSimpleName());
            assertEquals(100, train.numSteps());
            for (int s = 0; s < 100; s++) {
                assertEquals(train.start(s), train.end(s));
            }
        }
    }

    @Test
    void latencyTimingIsExact() {
        // numSteps = 11: step = round((1 − v)·10); v = 1 -> 0, 0.5 -> 5, 0.25 -> 7.5 -> 8 (half up), 0.875 -> 1.25 -> 1
        float[] pixels = {1f, 0.5f, 0.25f, 0.875f, 0.1f, 0f, 0.5f};
        SpikeTrain train = new SpikeTrain();
        new LatencyEncoder(0.2).encode(pixels, 1.0, 11, 1.0, new SplittableRandom(0), train);
        float[][] dense = DenseSpikes.dense(train, pixels.length);
        int[][] expected = {{0, 0}, {1, 5}, {2, 8}, {3, 1}, {6, 5}}; // input, step; 0.1 and 0 are below 0.2
        assertEquals(expected.length, train.totalSpikes());
        for (int[] e : expected) {
            assertEquals(1f, dense[e[1]][e[0]], 0f, "input " + e[0] + " at step " + e[1]);
        }
        // step 5 holds inputs 1 and 6 in order
        assertEquals(2, train.end(5) - train.start(5));
        assertEquals(1, train.source(train.start(5)));
        assertEquals(6, train.source(train.start(5) + 1));
        // intensity 2 doubles the value (capped at 1): 0.25 -> 0.5 -> step 5
        new LatencyEncoder(0.2).encode(new float[]{0.25f}, 2.0, 11, 1.0, new SplittableRandom(0), train);
        assertEquals(1, train.end(5) - train.start(5));
        assertThrows(IllegalArgumentException.class, () -> new LatencyEncoder(1));
    }

    @Test
    void sameSeedSameTrainOtherSeedOtherTrain() {
        float[] pixels = new float[100];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 10) / 10f;
        }
        for (SpikeEncoder enc : new SpikeEncoder[]{new BernoulliEncoder(), new PoissonEncoder(63.75)}) {
            float[] a = denseOf(enc, pixels, 7);
            float[] b = denseOf(enc, pixels, 7);
            float[] c = denseOf(enc, pixels, 8);
            assertArrayEquals(a, b, 0f);
            assertTrue(!Arrays.equals(a, c));
        }
    }

    private static float[] denseOf(SpikeEncoder enc, float[] pixels, long seed) {
        SpikeTrain train = new SpikeTrain();
        enc.encode(pixels, 1.0, 200, 1.0, new SplittableRandom(seed), train);
        float[] out = new float[200 * pixels.length];
        DenseSpikes.fill(train, pixels.length, out);
        return out;
    }

    /**
     * ofRatesHz reads each value as a rate in Hz: 250 Hz at dt 1 ms spikes with p = 0.25 per step, 1000 Hz at every
     * step, 0 Hz never; as {@code new PoissonEncoder(1.0)} would (the README's rates that are not images).
     */
    @Test
    void ofRatesHzTakesRatesInHz() {
        PoissonEncoder enc = PoissonEncoder.ofRatesHz();
        assertEquals(1.0, enc.maxRateHz());
        assertEquals(0.25, enc.probabilityPerStep(250f, 1.0, 1.0));
        SpikeTrain t = new SpikeTrain();
        enc.encode(new float[] {1000f, 0f, 1000f}, 1.0, 50, 1.0, new SplittableRandom(3), t);
        assertEquals(100, t.totalSpikes(), "two inputs at 1000 Hz spike at each of 50 steps of 1 ms, one at 0 Hz never");
        for (int step = 0; step < 50; step++) {
            assertEquals(2, t.end(step) - t.start(step), "step " + step);
        }
    }
}
