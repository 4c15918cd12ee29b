package io.somnus.sg;

import io.somnus.data.LabeledImages;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Manual measurement of the SG-SNN on Fashion-MNIST (not a test). Usage:
 * <pre>
 *   java -cp ... io.somnus.sg.SgBench PRESET TRAIN_IMAGES EPOCHS SLEEP_RATIO SEED [TEST_IMAGES]
 * </pre>
 * PRESET is {@code sg-fc} (28×28 images) or {@code paper-sg} (resized to 15×15). The test set is evaluated after
 * every epoch (passed as the validation set), so each epoch line carries the test accuracy after that epoch.
 */
public final class SgBench {
    private SgBench() {}

    public static void main(String[] args) throws Exception {
        String preset = args[0];
        int trainN = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        double sleepRatio = Double.parseDouble(args[3]);
        long seed = Long.parseLong(args[4]);
        int testN = args.length > 5 ? Integer.parseInt(args[5]) : 10_000;
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        SgConfig base = switch (preset) {
            case "sg-fc" -> SgConfig.sgFc();
            case "paper-sg" -> SgConfig.paperSg();
            default -> throw new IllegalArgumentException("preset must be sg-fc or paper-sg, got " + preset);
        };
        int resize = preset.equals("paper-sg") ? 15 : 0;
        SgConfig cfg = base.toBuilder().epochs(epochs).sleepRatio(sleepRatio).build();
        LabeledImages train = FashionMnistIdx.read(dir, "train", trainN, resize);
        LabeledImages test = FashionMnistIdx.read(dir, "t10k", testN, resize);
        System.out.printf(Locale.ROOT, "preset=%s train=%d test=%d epochs=%d sleepRatio=%.2f seed=%d blas=%s%n",
                preset, train.size(), test.size(), epochs, sleepRatio, seed, SgTrainer.blasImplementation());
        System.out.printf(Locale.ROOT, "OPENBLAS_NUM_THREADS=%s java=%s%n", System.getenv("OPENBLAS_NUM_THREADS"),
                System.getProperty("java.version"));
        SgTrainer trainer = new SgTrainer();
        SgResult r = trainer.train(train, test, cfg, new SplittableRandom(seed), new SgListener() {
            @Override
            public void onEpoch(SgEpoch e) {
                System.out.printf(Locale.ROOT,
                        "epoch %d loss %.4f test_acc %.4f slept %s acc_before_sleep %.4f img/s %.0f epoch_s %.1f sleep_steps %d frac %.4f%n",
                        e.epoch(), e.trainLoss(), e.validationAccuracy(), e.slept(), e.validationAccuracyBeforeSleep(),
                        e.imagesPerSecond(), e.epochSeconds(), e.sleepSteps(), e.achievedSleepFraction());
            }

            @Override
            public void onSleepEpisode(SgSleepEpisode s) {
                StringBuilder w = new StringBuilder();
                for (SgSleepEpisode.Sample x : s.samples()) {
                    if (x.step() == 0 || x.step() == s.steps()) {
                        w.append(String.format(Locale.ROOT, " %s@%d:|w|=%.1f", x.projection(), x.step(), x.totalAbs()));
                    }
                }
                System.out.printf(Locale.ROOT, "sleep episode %d after epoch %d: %d steps in %.2f s, rates %s%s%n",
                        s.episode(), s.afterEpoch(), s.steps(), s.seconds(), s.firingRatesHz(), w);
            }
        });
        System.out.printf(Locale.ROOT,
                "final test_acc %.4f train_s %.1f sleep_s %.1f wall_s %.1f img/s %.0f wake_rates_hz %s sleep_rates_hz %s achieved_sleep_fraction %.4f%n",
                r.validationAccuracy(), r.trainSeconds(), r.sleepSeconds(), r.wallSeconds(), r.imagesPerSecond(),
                r.validation().firingRatesHz(), r.sleepFiringRatesHz(), r.achievedSleepFraction());
    }
}
