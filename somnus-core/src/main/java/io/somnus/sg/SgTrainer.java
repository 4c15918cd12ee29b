package io.somnus.sg;

import io.somnus.core.SplittableState;
import io.somnus.data.LabeledImages;
import io.somnus.network.NonFiniteStateException;
import io.somnus.sleep.SleepClock;
import io.somnus.sleep.SleepSchedule.WakeUnit;
import io.somnus.sleep.SleepSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Trains a surrogate-gradient SNN ({@link SgNetwork} has the equations) with minibatch Adam and BPTT, optionally
 * sleeping after epochs or minibatches ({@link SgSleep}, {@link SgSleepSchedule}), and evaluates it afterwards. One trainer holds one network: the one of
 * its last {@link #train} call.
 *
 * <h2>Randomness</h2>
 * The passed-in generator is split, in this order, into independent streams for: weight initialisation, the
 * shuffling of each epoch, input encoding during training, the sleep decision of each epoch (the
 * {@link io.somnus.sleep.AfterEpochWithProbability} schedule: one uniform draw per epoch, drawn even when the ratio
 * is 0, so that runs differing only in the sleep ratio sleep after nested sets of epochs; split but unused by
 * {@link SgSleepSchedule#EVERY_MINIBATCHES}), sleep noise; then one long seeds evaluation encoding, which restarts
 * from that seed at every
 * evaluation so that evaluating twice gives the same answer. With the same seed, configuration and data a run is
 * reproduced bit for bit (OpenBLAS at one thread is deterministic).
 *
 * <h2>Sleep bookkeeping</h2>
 * The schedule is asked after every minibatch and every epoch ({@link io.somnus.sleep.SleepSchedule}); the episode it
 * asks for runs at once, and a {@link io.somnus.sleep.SleepClock} keeps the time. Wake steps are training images
 * seen × T (with {@link SgConfig#dropLast()} the left-out images are not seen); sleep steps are the simulated time of the episodes, iterations × steps per iteration ({@link SgSleep}: the batch copies of an iteration run side by side and do not add time); the
 * achieved sleep fraction is sleep / (sleep + wake) steps, which is what the results report, not the configured
 * ratio. Sleep firing rates are per neuron and copy.
 *
 * <h2>Its parts</h2>
 * This class runs the epochs and their minibatches (BPTT and an Adam step each) and asks the schedule when to sleep;
 * {@link SgDataCheck} refuses images the run cannot take, {@link SgStreams} holds the epochs' generators,
 * {@link SgSleepEpisodes} runs and records the episodes, {@link SgEvaluator} runs the network with learning off,
 * {@link SgBestValidationEpoch} keeps the best validation epoch, {@link SgResume} puts a checkpoint back and
 * {@link SgWeights} names the parameters for export.
 */
public final class SgTrainer {
    private SgConfig config;
    private SgNetwork network;
    private SgEvaluator evaluator;
    /** The epoch with the best validation accuracy and its parameters. */
    private SgBestValidationEpoch best;

    /** Class name of the BLAS implementation this JVM uses ({@code dev.ludovic.netlib.blas.JNIBLAS} = native). */
    public static String blasImplementation() {
        return SgBlas.implementation();
    }

    /**
     * What the SG-SNN's matrix products run on (BLAS implementation and library, OpenBLAS core type and threads,
     * CPU), for a run's provenance.json: SG-SNN numbers can differ in the last digits between these.
     */
    public static Map<String, Object> blasProvenance() {
        return SgBlas.provenance();
    }

    /**
     * Measured single-precision GEMM speed of that BLAS in GFLOP/s (takes about a tenth of a second). Single-threaded
     * OpenBLAS on a recent x86 core gives 50–100; a few GFLOP/s means the Java fallback or OpenBLAS's generic kernels
     * (set {@code OPENBLAS_CORETYPE}, e.g. {@code Haswell} or {@code SkylakeX}, before starting the JVM).
     */
    public static double blasGflops() {
        return SgBlas.measureGflops();
    }

    /**
     * Trains a fresh network.
     *
     * @param train      training images, {@code cfg.inputs()} pixels each, labels below {@code cfg.outputs()}
     * @param validation validation images evaluated after every epoch; null or empty for none
     * @param cfg        the configuration
     * @param rng        the run's generator (split, see the class comment)
     * @param listener   progress receiver ({@link SgListener#NONE} for none)
     */
    public SgResult train(LabeledImages train, LabeledImages validation, SgConfig cfg, SplittableRandom rng,
                          SgListener listener) {
        return train(train, validation, cfg, rng, listener, null);
    }

    /**
     * Trains a network, or goes on with one from {@code resume}: a checkpoint {@link SgListener#onCheckpoint} gave
     * after an epoch of a run with the same data, configuration and generator. The run then goes on with the next
     * epoch and ends with the same bits (weights, records, result) as if it had never stopped; the listener hears of
     * the epochs after the checkpoint's only ({@link SgListener#onStart} not at all).
     *
     * @param resume a checkpoint to go on from, or null to train from the start
     * @throws IllegalArgumentException when the checkpoint does not fit this network, data or generator
     * @throws IllegalStateException    when the generators' states cannot be read or set here (see
     *                                  {@link SplittableState#rebuildable()}) and checkpoints are asked for or given
     */
    public SgResult train(LabeledImages train, LabeledImages validation, SgConfig cfg, SplittableRandom rng,
                          SgListener listener, SgCheckpoint resume) {
        return train(train, validation, cfg, rng, listener, resume, null);
    }

    /**
     * As {@link #train(LabeledImages, LabeledImages, SgConfig, SplittableRandom, SgListener, SgCheckpoint)}, in the
     * continual protocol of {@code tasks} ({@link SgTasks}): {@code tasks.tasks()} × {@link SgConfig#epochs()} epochs,
     * numbered on across the tasks (the epochs' records, the sleep decisions and the checkpoints count them so), task k
     * training the epochs {@code k·E + 1 … (k + 1)·E} on its own images. With one task of every training image in
     * their order, the run is the one without tasks, bit for bit; task 0 trains as a run on its images alone.
     *
     * @param tasks the tasks, or null for none (every training image in every epoch)
     * @throws IllegalArgumentException when a task has no images, an index outside the training set, or (with
     *                                  {@link SgConfig#dropLast()}) fewer images than a minibatch
     */
    public SgResult train(LabeledImages train, LabeledImages validation, SgConfig cfg, SplittableRandom rng,
                          SgListener listener, SgCheckpoint resume, SgTasks tasks) {
        Objects.requireNonNull(listener, "listener (SgListener.NONE for none)");
        long wallStart = System.nanoTime();
        if ((resume != null || listener.wantsCheckpoints()) && !SplittableState.rebuildable()) {
            throw new IllegalStateException("SG-SNN resume snapshots need the generators' states, which this JDK's "
                    + "SplittableRandom does not let be taken and put back (JDK 17 to 25 do)");
        }
        SgDataCheck.images(train, cfg, "training");
        if (tasks != null) {
            SgDataCheck.tasks(tasks, train, cfg);
        }
        boolean validate = validation != null && validation.size() > 0;
        if (validate) {
            SgDataCheck.images(validation, cfg, "validation");
        }
        SplittableRandom initRng = rng.split();
        SgStreams streams = new SgStreams(rng);
        long evalSeed = rng.nextLong();
        this.config = cfg;
        this.network = new SgNetwork(cfg, initRng);
        this.evaluator = new SgEvaluator(network, cfg, evalSeed);
        this.best = new SgBestValidationEpoch();
        SgNetwork net = network;
        SgAdam adam = new SgAdam(net.parameters(), net.gradients(), cfg.learningRate(), cfg.adamBeta1(),
                cfg.adamBeta2(), cfg.adamEpsilon());
        SleepClock clock = new SleepClock(
                cfg.sleepSchedule().schedule(cfg.sleepRatio(), cfg.sleep().episodeSteps(), streams.sleepDecision()));
        SgSleepEpisodes slept = new SgSleepEpisodes(net, cfg, clock);

        int n = train.size();
        int taskCount = tasks == null ? 1 : tasks.tasks();
        int totalEpochs = cfg.epochs() * taskCount;
        // the images of each epoch, in the order its shuffle permutes: every image, or the task's
        int[] order = tasks == null ? IntStream.range(0, n).toArray() : tasks.images(0);
        double[][] taskAccuracy = new double[tasks == null ? 0 : taskCount][];
        long imagesToTrain = 0;
        for (int k = 0; k < taskCount; k++) {
            imagesToTrain += (long) cfg.trainedPerEpoch(tasks == null ? n : tasks.trainImages().get(k).length)
                    * cfg.epochs();
        }
        int[] labels = new int[cfg.batchSize()];
        List<SgEpoch> epochs = new ArrayList<>();
        double trainSeconds = 0;
        SgEvaluation lastEval = new SgEvaluation(Double.NaN, 0, Map.of());
        boolean invariant = cfg.encoding().timeInvariant();
        int first = 1;
        if (resume == null) {
            listener.onStart();
        } else {
            // the images of the checkpoint's task (of the last, for an epoch beyond the run's: restore refuses it)
            int[] expected = tasks == null ? order
                    : tasks.images(Math.min(taskCount - 1, Math.max(0, resume.epoch - 1) / cfg.epochs()));
            SgResume.restore(resume, net, adam, expected, totalEpochs, streams, clock, slept, best, epochs, taskAccuracy);
            order = resume.order.clone();
            trainSeconds = resume.trainSeconds;
            lastEval = resume.lastValidation;
            wallStart -= (long) (resume.wallSeconds * 1e9); // the time before the stop counts
            first = resume.epoch + 1;
        }
        for (int epoch = first; epoch <= totalEpochs; epoch++) {
            long epochStart = System.nanoTime();
            int task = (epoch - 1) / cfg.epochs();
            if (tasks != null && (epoch - 1) % cfg.epochs() == 0) {
                order = tasks.images(task); // a task starts: its images in their order, as a run on them alone
            }
            // images trained this epoch: all, or with dropLast all but the incomplete last minibatch
            int trained = cfg.trainedPerEpoch(order.length);
            streams.shuffle(order);
            double lossSum = 0;
            boolean sleptThisEpoch = false;
            for (int from = 0; from < trained; from += cfg.batchSize()) {
                int batch = Math.min(cfg.batchSize(), trained - from);
                cfg.encoding().encode(train.images(), order, from, batch, cfg.inputs(), cfg.steps(),
                        cfg.poissonRateHz(), cfg.dtMs(), streams.encoding(), net.input);
                for (int r = 0; r < batch; r++) {
                    labels[r] = train.labels()[order[from + r]];
                }
                double loss = net.lossAndGradients(batch, invariant, labels);
                if (!Double.isFinite(loss)) {
                    throw new NonFiniteStateException("the SG-SNN diverged: the loss is " + loss
                            + " in epoch " + epoch + ", minibatch " + (from / cfg.batchSize() + 1)
                            + "; lower sg.learning_rate or sg.surrogate_slope");
                }
                lossSum += loss * batch;
                adam.step();
                long due = clock.wake(WakeUnit.MINIBATCH, (long) batch * cfg.steps());
                if (due > 0) {
                    slept.sleep(due, streams.sleepNoise(), epoch, listener);
                    sleptThisEpoch = true;
                }
            }
            double epochTrainSeconds = (System.nanoTime() - epochStart) / 1e9;
            trainSeconds += epochTrainSeconds;

            long due = clock.wake(WakeUnit.EPOCH, 0);
            double accBefore = Double.NaN;
            if (due > 0) {
                if (validate) {
                    accBefore = evaluator.evaluate(validation).accuracy();
                }
                slept.sleep(due, streams.sleepNoise(), epoch, listener);
                sleptThisEpoch = true;
            }
            checkFinite(net, epoch, sleptThisEpoch);
            if (validate) {
                lastEval = evaluator.evaluate(validation);
                best.offer(epoch, lastEval.accuracy(), net.parameters());
            }
            if (tasks != null && epoch % cfg.epochs() == 0) {
                taskAccuracy[task] = evaluator.taskAccuracies(tasks, task);
            }
            SgEpoch record = new SgEpoch(epoch, lossSum / trained, lastEval.accuracy(), sleptThisEpoch, accBefore,
                    clock.wakeSteps(), clock.sleepSteps(), clock.achievedFraction(), trained / epochTrainSeconds,
                    (System.nanoTime() - epochStart) / 1e9);
            epochs.add(record);
            listener.onEpoch(record);
            if (listener.wantsCheckpoints()) {
                long[][] states = streams.checkpoint();
                listener.onCheckpoint(new SgCheckpoint(epoch, SgCheckpoint.copy(net.parameters()),
                        SgCheckpoint.copy(adam.firstMoments()), SgCheckpoint.copy(adam.secondMoments()), adam.steps(),
                        order.clone(), states[0], states[1],
                        clock.schedule().counted(), clock.wakeSteps(), clock.sleepSteps(), clock.episodes(),
                        clock.episodesEndedEarly(), slept.spikes.clone(), slept.seconds, slept.episodes,
                        trainSeconds, (System.nanoTime() - wallStart) / 1e9, lastEval, best.epoch, best.accuracy,
                        best.parameters == null ? null : SgCheckpoint.copy(best.parameters), epochs,
                        SgCheckpoint.copyRows(taskAccuracy)));
            }
        }
        return new SgResult(cfg, epochs, slept.episodes, lastEval, weights(), shapes(), slept.ratesHz(), clock.wakeSteps(),
                clock.sleepSteps(), clock.achievedFraction(), best.epoch, best.accuracy, trainSeconds, slept.seconds,
                (System.nanoTime() - wallStart) / 1e9,
                trainSeconds > 0 ? (double) imagesToTrain / trainSeconds : 0.0, blasImplementation(),
                SgCheckpoint.copyRows(taskAccuracy));
    }

    /** Accuracy of the trained network on {@code test} (learning off). */
    public double accuracy(LabeledImages test) {
        return evaluate(test).accuracy();
    }

    /**
     * The network as it was after the epoch of {@link SgResult#bestValidationEpoch()}, run on {@code data} as
     * {@link #evaluate} runs the final one; the final parameters are restored afterwards.
     *
     * @throws IllegalStateException when the last {@link #train} call had no validation data
     */
    public SgEvaluation evaluateAtBestValidationEpoch(LabeledImages data) {
        requireTrained();
        if (best.parameters == null) {
            throw new IllegalStateException("SgTrainer: no best validation epoch: training had no validation data");
        }
        return evaluator.evaluateWith(best.parameters, data);
    }

    /**
     * Runs the trained network on {@code data} with learning off: accuracy and firing rates. Stochastic encodings
     * draw from a stream that restarts at every call, so the answer does not depend on earlier calls.
     */
    public SgEvaluation evaluate(LabeledImages data) {
        requireTrained();
        return evaluator.evaluate(data);
    }

    /** Stops training when a weight or bias has become NaN or infinite (checked once per epoch; changes nothing). */
    private static void checkFinite(SgNetwork net, int epoch, boolean slept) {
        for (SgWeights.Parameter p : SgWeights.of(net)) {
            float[] values = p.values();
            for (int k = 0; k < values.length; k++) {
                if (!Float.isFinite(values[k])) {
                    throw new NonFiniteStateException("the SG-SNN diverged: " + p.name() + "[" + k + "] is "
                            + values[k] + " after epoch " + epoch + (slept ? " and its sleep episode" : "")
                            + "; lower sg.learning_rate or the sleep settings (sg.sleep.learning_rate)");
                }
            }
        }
    }

    /**
     * Copies of the parameters for export (NPZ / safetensors), in a fixed order. Weight matrices are dense
     * {@code [pre][post]} row-major as the run-directory layout asks (the transpose of PyTorch's
     * {@code nn.Linear.weight}): {@code w_in_h}, {@code w_h_h} (recurrent only), {@code w_h_out}; with more than
     * one hidden layer {@code w_in_h1}, {@code w_h1_h1}, {@code w_h1_h2}, …, {@code w_hD_out}. Biases {@code b_h}
     * (or {@code b_h1 …}) and {@code b_out}, one per post neuron.
     */
    public Map<String, float[]> weights() {
        requireTrained();
        return SgWeights.export(network);
    }

    /** Shapes of {@link #weights()}: {@code [pre, post]} for weights, {@code [post]} for biases. */
    public Map<String, int[]> shapes() {
        requireTrained();
        return SgWeights.shapes(network);
    }

    /** The configuration of the last {@link #train} call. */
    public SgConfig config() {
        requireTrained();
        return config;
    }

    SgNetwork network() {
        return network;
    }

    private void requireTrained() {
        if (network == null) {
            throw new IllegalStateException("SgTrainer: call train(...) before evaluating or exporting");
        }
    }
}
