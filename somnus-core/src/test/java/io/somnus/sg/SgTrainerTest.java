package io.somnus.sg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.LabeledImages;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Training: a separable task learnt, the same seed giving the same run, the sleep the schedules ask for and its
 * bookkeeping, and the errors a user can make.
 */
class SgTrainerTest {

    /** 4×4 images of three classes: class c lights row block c (bright) over a dim noisy background. */
    static LabeledImages blocks(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] images = new float[n][16];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            int c = k % 3;
            labels[k] = c;
            for (int i = 0; i < 16; i++) {
                boolean on = i / 4 == c || (c == 2 && i / 4 == 3);
                images[k][i] = (float) (on ? 0.7 + 0.3 * rng.nextDouble() : 0.3 * rng.nextDouble());
            }
        }
        return new LabeledImages("blocks", 4, 4, images, labels, 3, Map.of());
    }

    static SgConfig.Builder tiny() {
        return SgConfig.builder().inputs(16).hidden(24).outputs(3).steps(12).batchSize(16).epochs(3)
                .learningRate(1e-2).sleep(new SgSleepConfig(2, 50, 4, 3.0, 0.01, 0.012, 20, 1e-3, 0.2, 0.999));
    }

    @Test
    void learnsASeparableTask() {
        for (SgInputEncoding enc : SgInputEncoding.values()) {
            SgConfig cfg = tiny().encoding(enc).poissonRateHz(500).epochs(6).build();
            SgTrainer trainer = new SgTrainer();
            SgResult r = trainer.train(blocks(300, 1), blocks(90, 2), cfg, new SplittableRandom(3), SgListener.NONE);
            // Accuracy thresholds, not tolerances: the blocks are linearly separable by a wide margin, so any
            // training that works reaches 100 % (it does with native OpenBLAS and Java BLAS); 0.9 allows 9 of 90.
            assertTrue(r.validationAccuracy() >= 0.9, enc + ": validation accuracy " + r.validationAccuracy());
            assertTrue(trainer.accuracy(blocks(90, 4)) >= 0.9, enc + ": test accuracy");
            assertTrue(r.epochs().get(5).trainLoss() < r.epochs().get(0).trainLoss(), enc + ": loss falls");
            assertEquals(SgTrainer.blasImplementation(), r.blas());
            assertTrue(SgTrainer.blasGflops() > 0);
        }
    }

    /** The per-step loss of the authors' code (with their arctan surrogate) trains too; its value is ~T per-image CEs. */
    @Test
    void perStepLossLearnsASeparableTask() {
        SgConfig cfg = tiny().loss(SgLoss.PER_STEP_SPIKES).surrogate(SgSurrogate.ARCTAN).epochs(6).build();
        SgTrainer trainer = new SgTrainer();
        SgResult r = trainer.train(blocks(300, 1), blocks(90, 2), cfg, new SplittableRandom(3), SgListener.NONE);
        assertTrue(r.validationAccuracy() >= 0.9, "validation accuracy " + r.validationAccuracy());
        assertTrue(r.epochs().get(5).trainLoss() < r.epochs().get(0).trainLoss(), "loss falls");
        // each step's logits are 0/1 spikes, so its CE is at most log 3 + 1; the loss sums 12 of them
        assertTrue(r.epochs().get(0).trainLoss() <= 12 * Math.log(3) + 12, "summed over 12 steps");
    }

    @Test
    void sameSeedGivesIdenticalResultsAndAnotherSeedDoesNot() {
        SgConfig cfg = tiny().encoding(SgInputEncoding.BERNOULLI).recurrent(true).sleepRatio(0.5).build();
        SgResult a = new SgTrainer().train(blocks(120, 1), blocks(30, 2), cfg, new SplittableRandom(9), SgListener.NONE);
        SgResult b = new SgTrainer().train(blocks(120, 1), blocks(30, 2), cfg, new SplittableRandom(9), SgListener.NONE);
        SgResult c = new SgTrainer().train(blocks(120, 1), blocks(30, 2), cfg, new SplittableRandom(10), SgListener.NONE);
        assertEquals(a.weights().keySet(), b.weights().keySet());
        boolean differs = false;
        for (String k : a.weights().keySet()) {
            assertArrayEquals(a.weights().get(k), b.weights().get(k), k);
            differs |= !Arrays.equals(a.weights().get(k), c.weights().get(k));
        }
        assertTrue(differs, "another seed gives other weights");
        for (int e = 0; e < cfg.epochs(); e++) {
            assertEquals(a.epochs().get(e).trainLoss(), b.epochs().get(e).trainLoss());
            assertEquals(a.epochs().get(e).validationAccuracy(), b.epochs().get(e).validationAccuracy());
            assertEquals(a.epochs().get(e).slept(), b.epochs().get(e).slept());
        }
        assertEquals(a.sleepSteps(), b.sleepSteps());
        assertEquals(a.validation().firingRatesHz(), b.validation().firingRatesHz());
    }

    @Test
    void sleepIsCountedAndTheAchievedFractionReported() {
        int n = 60;
        SgConfig always = tiny().sleepRatio(1.0).build();
        SgResult r = new SgTrainer().train(blocks(n, 1), null, always, new SplittableRandom(1), SgListener.NONE);
        long wake = (long) n * 12 * 3;
        long sleep = 3L * 2 * 50;
        assertEquals(wake, r.wakeSteps());
        assertEquals(sleep, r.sleepSteps());
        assertEquals((double) sleep / (sleep + wake), r.achievedSleepFraction(), 1e-15);
        assertEquals(3, r.sleepEpisodes().size());
        assertTrue(r.epochs().stream().allMatch(SgEpoch::slept));
        assertTrue(Double.isNaN(r.validationAccuracy()));
        assertTrue(r.sleepFiringRatesHz().get("h") > 0, "noise drives the hidden layer during sleep");
        SgSleepEpisode first = r.sleepEpisodes().get(0);
        assertEquals(0, first.samples().get(0).step());
        assertEquals(100, first.samples().get(first.samples().size() - 1).step());

        SgConfig never = tiny().sleepRatio(0.0).build();
        SgResult z = new SgTrainer().train(blocks(n, 1), null, never, new SplittableRandom(1), SgListener.NONE);
        assertEquals(0, z.sleepSteps());
        assertEquals(0.0, z.achievedSleepFraction());
        assertTrue(z.sleepFiringRatesHz().isEmpty());
    }

    /**
     * {@link SgSleepSchedule#EVERY_MINIBATCHES}: one episode after minibatches 0, k, 2k, … of training (k = ⌊1/f⌋),
     * counted across epochs; with {@code dropLast} the incomplete last minibatch is not trained (nor counted).
     */
    @Test
    void everyMinibatchesSleepsAfterMinibatchesZeroKTwoK() {
        int n = 100; // batches of 16: six full ones and one of 4
        SgSleepConfig oneIteration = new SgSleepConfig(1, 12, 4, 0.5, 0.01, 0.012, 20, 1e-3, 0.2, 0.999);
        SgConfig.Builder b = tiny().sleepSchedule(SgSleepSchedule.EVERY_MINIBATCHES).sleep(oneIteration);
        double[] fractions = {1.0, 0.6, 0.5, 0.4, 0.3, 0.25, 0.125, 0.0};
        int[] ks = {1, 1, 2, 2, 3, 4, 8, 0}; // ⌊1/f⌋; 0: never
        for (int i = 0; i < fractions.length; i++) {
            for (boolean dropLast : new boolean[] {false, true}) {
                SgConfig cfg = b.sleepRatio(fractions[i]).dropLast(dropLast).build();
                SgResult r = new SgTrainer().train(blocks(n, 1), null, cfg, new SplittableRandom(1), SgListener.NONE);
                int perEpoch = dropLast ? 6 : 7;
                String what = "f = " + fractions[i] + (dropLast ? ", drop last" : "");
                int total = 0;
                for (int e = 1; e <= 3; e++) { // global minibatches (e−1)·m … e·m − 1 that are multiples of k
                    int expected = 0;
                    for (int g = (e - 1) * perEpoch; g < e * perEpoch; g++) {
                        expected += ks[i] > 0 && g % ks[i] == 0 ? 1 : 0;
                    }
                    total += expected;
                    int epoch = e;
                    assertEquals(expected, r.sleepEpisodes().stream().filter(x -> x.afterEpoch() == epoch).count(),
                            what + ", epoch " + e);
                }
                assertEquals(total, r.sleepEpisodes().size(), what);
                assertEquals(total * 12L, r.sleepSteps(), what + ": one 12-step iteration per episode");
                assertEquals(3L * (dropLast ? 96 : n) * 12, r.wakeSteps(), what);
            }
        }
    }

    /** Ratios with the same ⌊1/f⌋ train identically, as in the authors' records (docs/fidelity.md, "Consequence"). */
    @Test
    void everyMinibatchesDependsOnTheFloorOfOneOverFOnly() {
        SgConfig.Builder b = tiny().sleepSchedule(SgSleepSchedule.EVERY_MINIBATCHES)
                .sleep(new SgSleepConfig(1, 12, 4, 0.5, 0.01, 0.012, 20, 1e-3, 0.2, 0.999));
        SgResult a = new SgTrainer().train(blocks(60, 1), null, b.sleepRatio(0.6).build(), new SplittableRandom(2),
                SgListener.NONE);
        SgResult c = new SgTrainer().train(blocks(60, 1), null, b.sleepRatio(1.0).build(), new SplittableRandom(2),
                SgListener.NONE);
        for (String k : a.weights().keySet()) {
            assertArrayEquals(a.weights().get(k), c.weights().get(k), k);
        }
        assertEquals(a.sleepSteps(), c.sleepSteps());
    }

    /** The first episode of {@link SgSleepSchedule#EVERY_MINIBATCHES} comes after minibatch 0 and its Adam step. */
    @Test
    void everyMinibatchesFirstEpisodeFollowsTheFirstAdamStep() {
        // identical images: the shuffle cannot change what the first minibatch holds
        LabeledImages same = blocks(1, 1);
        float[][] images = new float[48][];
        int[] labels = new int[48];
        Arrays.fill(images, same.images()[0]);
        Arrays.fill(labels, same.labels()[0]);
        LabeledImages data = new LabeledImages("same", 4, 4, images, labels, 3, Map.of());
        SgConfig sleeping = tiny().epochs(1).sleepSchedule(SgSleepSchedule.EVERY_MINIBATCHES).sleepRatio(0.25)
                .sleep(new SgSleepConfig(1, 12, 4, 0.5, 0.01, 0.012, 20, 1e-3, 0.2, 0.999)).build();
        AtomicReference<Map<String, float[]>> before = new AtomicReference<>();
        SgResult r = new SgTrainer().train(data, null, sleeping, new SplittableRandom(5), new SgListener() {
            @Override
            public void onEpoch(SgEpoch epoch) {
            }

            @Override
            public boolean wantsWeightSnapshots() {
                return true;
            }

            @Override
            public void onSleepEpisode(SgSleepEpisode episode) {
                if (episode.episode() == 1) {
                    before.set(episode.weightsBefore());
                }
            }
        });
        assertEquals(1, r.sleepEpisodes().size(), "3 minibatches, k = 4: after minibatch 0 only");
        // the same network trained on one minibatch (16 of the images) and never sleeping
        LabeledImages one = new LabeledImages("same", 4, 4, Arrays.copyOf(images, 16),
                Arrays.copyOf(labels, 16), 3, Map.of());
        SgTrainer awake = new SgTrainer();
        awake.train(one, null, sleeping.toBuilder().sleepRatio(0).build(), new SplittableRandom(5), SgListener.NONE);
        for (Map.Entry<String, float[]> e : awake.weights().entrySet()) {
            assertArrayEquals(e.getValue(), before.get().get(e.getKey()), e.getKey());
        }
    }

    @Test
    void sleepPullsWeightsTowardTheTarget() {
        // With a strong pull and no STDP, one episode brings every weight close to ±0.2: exactly the closed form
        // |w| = 0.2·(|w₀|/0.2)^(λⁿ) with one pull per iteration, n = 5 iterations of λ = 0.1 (exponent 10⁻⁵), from the
        // weights before the episode (which come out of BLAS training and so may differ between machines).
        double lambda = 0.1;
        int iterations = 5;
        SgConfig cfg = tiny().epochs(1).sleepRatio(1.0)
                .sleep(new SgSleepConfig(iterations, 100, 4, 3.0, 0, 0, 20, 0, 0.2, lambda)).build();
        SgListener snapshots = new SgListener() {
            @Override
            public void onEpoch(SgEpoch epoch) {
            }

            @Override
            public boolean wantsWeightSnapshots() {
                return true;
            }
        };
        SgResult r = new SgTrainer().train(blocks(60, 1), null, cfg, new SplittableRandom(2), snapshots);
        SgSleepEpisode episode = r.sleepEpisodes().get(0);
        double lambdaN = Math.pow(lambda, iterations);
        // Each pull rounds to float once and the pull shrinks earlier errors of ln|w|, so at most n + 1 roundings
        // of 2⁻²⁴ add up.
        double relative = (iterations + 1) * SgReferenceModel.U_FLOAT;
        for (String name : new String[] {"w_in_h", "w_h_out"}) {
            float[] w0 = episode.weightsBefore().get(name);
            float[] w = r.weights().get(name);
            for (int i = 0; i < w.length; i++) {
                double expected = w0[i] == 0 ? 0
                        : Math.copySign(0.2 * Math.pow(Math.abs(w0[i]) / 0.2, lambdaN), w0[i]);
                assertEquals(expected, w[i], relative * Math.abs(expected), name + "[" + i + "] from " + w0[i]);
                if (Math.abs(w0[i]) > 1e-3 && Math.abs(w0[i]) < 40) {
                    // λⁿ = 10⁻⁵: a weight between 1e-3 and 40 (|ln(|w₀|/0.2)| ≤ ln 200) lands within
                    // 0.2·(e^(λⁿ·ln 200) − 1) ≈ 1e-5 of ±0.2
                    assertEquals(0.2, Math.abs(w[i]), 0.2 * (Math.expm1(lambdaN * Math.log(200)) + relative), name);
                }
            }
        }
    }

    @Test
    void userErrorsNameTheCulprit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SgConfig.builder().beta(1.5).build());
        assertTrue(e.getMessage().contains("sg.beta") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SgConfig.builder().batchSize(0).build());
        assertTrue(e.getMessage().contains("sg.batch_size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SgSleepConfig(500, 100, 128, -1, 0.01, 0.012, 20, 1e-3, 0.2, 0.999));
        assertTrue(e.getMessage().contains("sg.sleep.membrane_noise"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SgSleepConfig(500, 100, 0, 3, 0.01, 0.012, 20, 1e-3, 0.2, 0.999));
        assertTrue(e.getMessage().contains("sg.sleep.batch_copies") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SgTrainer().train(blocks(10, 1), null,
                SgConfig.paperSg(), new SplittableRandom(1), SgListener.NONE));
        assertTrue(e.getMessage().contains("sg.inputs") && e.getMessage().contains("blocks")
                && e.getMessage().contains("16"), e.getMessage());
        float[][] bad = {{0.5f, 2f, 0f, 0f}};
        LabeledImages badSet = new LabeledImages("bad", 2, 2, bad, new int[] {0}, 2, Map.of());
        e = assertThrows(IllegalArgumentException.class, () -> new SgTrainer().train(badSet, null,
                SgConfig.builder().inputs(4).hidden(3).outputs(2).build(), new SplittableRandom(1), SgListener.NONE));
        assertTrue(e.getMessage().contains("bad") && e.getMessage().contains("2.0"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new SgTrainer().accuracy(blocks(3, 1)));
    }
}
