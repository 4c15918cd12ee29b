package io.somnus.sg;

import io.somnus.data.LabeledImages;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Manual measurement of the SG-SNN on Fashion-MNIST (not a test). Usage:
 * <pre>
 *   java -cp ... io.somnus.sg.SgBench PRESET TRAIN_IMAGES EPOCHS SLEEP_RATIO SEED [TEST_IMAGES] [key=value ...]
 * </pre>
 * Overrides: {@code steps}, {@code lr}, {@code loss} (SPIKE_COUNT|MEMBRANE), {@code encoding}, {@code hidden},
 * {@code batch}, {@code slope}, {@code beta}, {@code recurrent}.
 * PRESET is {@code paper-sg} (the library's defaults, images resized to 15×15) or {@code full-size} (the same on
 * 28×28 images, 784 inputs); the sg-fc preset's network is {@code full-size hidden=200 steps=25 encoding=BERNOULLI
 * lr=5e-4} ({@code somnus train --preset sg-fc} runs the preset itself). The test set is evaluated after
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
            case "full-size" -> SgConfig.builder().inputs(784).build();
            case "paper-sg" -> SgConfig.paperSg();
            default -> throw new IllegalArgumentException("preset must be full-size or paper-sg, got " + preset);
        };
        int resize = preset.equals("paper-sg") ? 15 : 0;
        SgConfig.Builder builder = base.toBuilder().epochs(epochs).sleepRatio(sleepRatio);
        for (int i = 6; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            switch (kv[0]) {
                case "steps" -> builder.steps(Integer.parseInt(kv[1]));
                case "lr" -> builder.learningRate(Double.parseDouble(kv[1]));
                case "loss" -> builder.loss(SgLoss.valueOf(kv[1]));
                case "encoding" -> builder.encoding(SgInputEncoding.valueOf(kv[1]));
                case "hidden" -> builder.hidden(Integer.parseInt(kv[1]));
                case "batch" -> builder.batchSize(Integer.parseInt(kv[1]));
                case "slope" -> builder.surrogateSlope(Double.parseDouble(kv[1]));
                case "beta" -> builder.beta(Double.parseDouble(kv[1]));
                case "recurrent" -> builder.recurrent(Boolean.parseBoolean(kv[1]));
                default -> throw new IllegalArgumentException("unknown override " + kv[0]);
            }
        }
        SgConfig cfg = builder.build();
        LabeledImages train = FashionMnistIdx.read(dir, "train", trainN, resize);
        LabeledImages test = FashionMnistIdx.read(dir, "t10k", testN, resize);
        System.out.println(cfg);
        System.out.printf(Locale.ROOT, "preset=%s train=%d test=%d epochs=%d sleepRatio=%.2f seed=%d blas=%s%n",
                preset, train.size(), test.size(), epochs, sleepRatio, seed, SgTrainer.blasImplementation());
        System.out.printf(Locale.ROOT, "OPENBLAS_NUM_THREADS=%s OPENBLAS_CORETYPE=%s java=%s sgemm=%.1f GFLOP/s%n",
                System.getenv("OPENBLAS_NUM_THREADS"), System.getenv("OPENBLAS_CORETYPE"),
                System.getProperty("java.version"), SgTrainer.blasGflops());
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
