package io.somnus.examples;

import io.somnus.data.DatasetRegistry;
import io.somnus.data.LabeledImages;
import io.somnus.data.LoadOptions;
import io.somnus.data.Preprocess;
import io.somnus.data.Split;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgEvaluation;
import io.somnus.sg.SgListener;
import io.somnus.sg.SgResult;
import io.somnus.sg.SgTrainer;
import java.util.SplittableRandom;

/**
 * The surrogate-gradient SNN from {@code somnus-core} alone: a dataset's first images resized to the paper's 15×15
 * (not normalised: the SG-SNN takes pixels in [0, 1], {@link Preprocess#PAPER_SG}), one epoch of minibatch Adam on a
 * smaller hidden layer than the paper's 1000, then the test set's accuracy and firing rates. One epoch on a few hundred
 * images is a start, not a trained network: it scored 0.12–0.20 on Fashion-MNIST (chance 0.1) and 0.25–0.43 on
 * geomfig (chance 0.25) as the hidden size, learning rate and batch changed; the paper trains 50 epochs on 6 000.
 *
 * <p>{@code examples/run SgOneEpoch [dataset] [train_images] [test_images] [hidden]}: fashion-mnist, 300, 200, 100
 * (README, "Examples").
 */
public final class SgOneEpoch {
    /**
     * The trained configuration, its epoch's figures and the test set's accuracy and firing rates.
     *
     * @param config the SG-SNN's configuration as trained: the defaults with the images' inputs and classes, the
     *     hidden size asked for, one epoch and batches of 16
     * @param result the one epoch's training figures (its loss, wall times; no validation, so NaN validation accuracy)
     * @param test the trained network on the test images: accuracy in [0, 1] and firing rates (Hz)
     */
    public record Outcome(SgConfig config, SgResult result, SgEvaluation test) {
    }

    private SgOneEpoch() {
    }

    /** Loads, trains one epoch, tests; prints and returns what it found. */
    public static Outcome run(String dataset, int trainImages, int testImages, int hidden, long seed) {
        DatasetRegistry registry = new DatasetRegistry();                       // the cache, /usr/share/datasets, …
        LabeledImages train = Preprocess.PAPER_SG.apply(
                registry.loadFromLocations(dataset, Split.TRAIN, LoadOptions.DEFAULTS.withLimit(trainImages)));
        LabeledImages test = Preprocess.PAPER_SG.apply(
                registry.loadFromLocations(dataset, Split.TEST, LoadOptions.DEFAULTS.withLimit(testImages)));
        SgConfig cfg = SgConfig.builder().inputs(train.pixels()).outputs(train.numClasses()).hidden(hidden)
                .epochs(1).batchSize(16).build();                              // batch 16: ~20 Adam steps, not 3
        SgTrainer trainer = new SgTrainer();
        SgResult result = trainer.train(train, /* validation */ null, cfg, new SplittableRandom(seed), SgListener.NONE);
        SgEvaluation evaluation = trainer.evaluate(test);                      // accuracy and firing rates
        System.out.println(train + " → " + cfg.inputs() + " → " + hidden + " → " + cfg.outputs());
        System.out.printf("one epoch: training loss %.4f; on %s accuracy %.3f (chance %.3f), firing rates %s Hz%n",
                result.epochs().get(0).trainLoss(), test, evaluation.accuracy(), 1.0 / test.numClasses(),
                evaluation.firingRatesHz());
        return new Outcome(cfg, result, evaluation);
    }

    /** {@code [dataset] [train_images] [test_images] [hidden]}. */
    public static void main(String[] args) {
        run(args.length > 0 ? args[0] : "fashion-mnist", args.length > 1 ? Integer.parseInt(args[1]) : 300,
                args.length > 2 ? Integer.parseInt(args[2]) : 200, args.length > 3 ? Integer.parseInt(args[3]) : 100, 7);
    }
}
