package io.somnus.sg;

import io.somnus.data.LabeledImages;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Runs a trained network on images with learning off: its accuracy and firing rates. Stochastic encodings draw from a
 * stream that restarts from the run's evaluation seed at every call, so evaluating twice gives the same answer.
 */
final class SgEvaluator {
    private final SgNetwork network;
    private final SgConfig config;
    private final long seed;

    /** Evaluates {@code network}, built from {@code config}, encoding on a stream from {@code seed}. */
    SgEvaluator(SgNetwork network, SgConfig config, long seed) {
        this.network = network;
        this.config = config;
        this.seed = seed;
    }

    /** The network as it is now, run on {@code data}. */
    SgEvaluation evaluate(LabeledImages data) {
        SgDataCheck.images(data, config, "evaluation");
        SgNetwork net = network;
        int n = data.size();
        int[] order = IntStream.range(0, n).toArray();
        int[] predicted = new int[net.maxBatch];
        long[] spikes = new long[net.layers];
        SplittableRandom rng = new SplittableRandom(seed);
        boolean invariant = config.encoding().timeInvariant();
        int correct = 0;
        for (int from = 0; from < n; from += net.maxBatch) {
            int batch = Math.min(net.maxBatch, n - from);
            config.encoding().encode(data.images(), order, from, batch, config.inputs(), config.steps(),
                    config.poissonRateHz(), config.dtMs(), rng, net.input);
            net.forward(batch, invariant);
            net.predict(batch, predicted);
            net.countSpikes(batch, spikes);
            for (int r = 0; r < batch; r++) {
                if (predicted[r] == data.labels()[from + r]) {
                    correct++;
                }
            }
        }
        return new SgEvaluation(n == 0 ? Double.NaN : (double) correct / n, n,
                net.firingRatesHz(spikes, (double) n * config.steps(), config.dtMs()));
    }

    /**
     * The network with {@code parameters} (aligned with {@link SgNetwork#parameters()}) in place of its own, run on
     * {@code data}; its own are put back afterwards.
     */
    SgEvaluation evaluateWith(float[][] parameters, LabeledImages data) {
        float[][] own = SgCheckpoint.copy(network.parameters());
        try {
            network.setParameters(parameters);
            return evaluate(data);
        } finally {
            network.setParameters(own);
        }
    }

    /** The accuracy on each task's evaluation images after task {@code last}; NaN for the tasks after it. */
    double[] taskAccuracies(SgTasks tasks, int last) {
        double[] row = new double[tasks.tasks()];
        for (int t = 0; t < row.length; t++) {
            row[t] = t <= last ? evaluate(tasks.evaluation().get(t)).accuracy() : Double.NaN;
        }
        return row;
    }
}
