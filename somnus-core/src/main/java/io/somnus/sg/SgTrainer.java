package io.somnus.sg;

import io.somnus.core.SplittableState;
import io.somnus.data.LabeledImages;
import io.somnus.network.NonFiniteStateException;
import io.somnus.sleep.SleepClock;
import io.somnus.sleep.SleepSchedule.WakeUnit;
import io.somnus.sleep.SleepSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
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
 */
public final class SgTrainer {
    /** Steps between weight samples inside a sleep episode (taken at the end of the iteration that reaches them). */
    private static final int SLEEP_SAMPLE_EVERY = 5_000;

    private SgConfig config;
    private SgNetwork network;
    private long evalSeed;
    /** The parameters after the epoch with the best validation accuracy (aligned with {@code parameters()}). */
    private float[][] bestValidationParameters;

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
        checkData(train, cfg, "training");
        if (tasks != null) {
            checkTasks(tasks, train, cfg);
        }
        boolean validate = validation != null && validation.size() > 0;
        if (validate) {
            checkData(validation, cfg, "validation");
        }
        SplittableRandom initRng = rng.split();
        SplittableRandom shuffleRng = rng.split();
        SplittableRandom encodeRng = rng.split();
        SplittableRandom sleepDecisionRng = rng.split();
        SplittableRandom sleepNoiseRng = rng.split();
        this.evalSeed = rng.nextLong();
        this.config = cfg;
        this.network = new SgNetwork(cfg, initRng);
        SgNetwork net = network;
        SgAdam adam = new SgAdam(net.parameters(), net.gradients(), cfg.learningRate(), cfg.adamBeta1(),
                cfg.adamBeta2(), cfg.adamEpsilon());
        // the four streams the epochs draw from; a checkpoint replaces each by its twin (SplittableState.drain)
        SplittableRandom[] streams = {shuffleRng, encodeRng, sleepDecisionRng, sleepNoiseRng};
        SleepClock clock = new SleepClock(
                cfg.sleepSchedule().schedule(cfg.sleepRatio(), cfg.sleep().episodeSteps(), new Current(streams, 2)));
        SgSleep sleep = clock.schedule().sleeps() ? new SgSleep(net, cfg.sleep(), cfg.dtMs()) : null;

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
        Slept slept = new Slept(net.layers);
        double trainSeconds = 0;
        SgEvaluation lastEval = new SgEvaluation(Double.NaN, 0, Map.of());
        BestValidationEpoch best = new BestValidationEpoch();
        this.bestValidationParameters = null;
        boolean invariant = cfg.encoding().timeInvariant();
        int first = 1;
        if (resume == null) {
            listener.onStart();
        } else {
            // the images of the checkpoint's task (of the last, for an epoch beyond the run's: restore refuses it)
            int[] expected = tasks == null ? order
                    : tasks.images(Math.min(taskCount - 1, Math.max(0, resume.epoch - 1) / cfg.epochs()));
            restore(resume, net, adam, expected, totalEpochs, streams, clock, slept, best, epochs, taskAccuracy);
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
            shuffle(order, streams[0]);
            double lossSum = 0;
            boolean sleptThisEpoch = false;
            for (int from = 0; from < trained; from += cfg.batchSize()) {
                int batch = Math.min(cfg.batchSize(), trained - from);
                cfg.encoding().encode(train.images(), order, from, batch, cfg.inputs(), cfg.steps(),
                        cfg.poissonRateHz(), cfg.dtMs(), streams[1], net.input);
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
                    sleep(sleep, due, clock, slept, streams[3], epoch, listener);
                    sleptThisEpoch = true;
                }
            }
            double epochTrainSeconds = (System.nanoTime() - epochStart) / 1e9;
            trainSeconds += epochTrainSeconds;

            long due = clock.wake(WakeUnit.EPOCH, 0);
            double accBefore = Double.NaN;
            if (due > 0) {
                if (validate) {
                    accBefore = evaluate(validation).accuracy();
                }
                sleep(sleep, due, clock, slept, streams[3], epoch, listener);
                sleptThisEpoch = true;
            }
            checkFinite(net, epoch, sleptThisEpoch);
            if (validate) {
                lastEval = evaluate(validation);
                if (best.offer(epoch, lastEval.accuracy())) {
                    bestValidationParameters = copy(net.parameters());
                }
            }
            if (tasks != null && epoch % cfg.epochs() == 0) {
                taskAccuracy[task] = taskAccuracies(tasks, task);
            }
            SgEpoch record = new SgEpoch(epoch, lossSum / trained, lastEval.accuracy(), sleptThisEpoch, accBefore,
                    clock.wakeSteps(), clock.sleepSteps(), clock.achievedFraction(), trained / epochTrainSeconds,
                    (System.nanoTime() - epochStart) / 1e9);
            epochs.add(record);
            listener.onEpoch(record);
            if (listener.wantsCheckpoints()) {
                long[] seeds = new long[streams.length];
                long[] gammas = new long[streams.length];
                for (int g = 0; g < streams.length; g++) { // read without reflection: no --add-opens needed
                    long[] state = SplittableState.drain(streams[g]);
                    streams[g] = SplittableState.rebuild(state[0], state[1]);
                    seeds[g] = state[0];
                    gammas[g] = state[1];
                }
                listener.onCheckpoint(new SgCheckpoint(epoch, copy(net.parameters()), copy(adam.firstMoments()),
                        copy(adam.secondMoments()), adam.steps(), order.clone(), seeds, gammas,
                        clock.schedule().counted(), clock.wakeSteps(), clock.sleepSteps(), clock.episodes(),
                        clock.episodesEndedEarly(), slept.spikes.clone(), slept.seconds, slept.episodes,
                        trainSeconds, (System.nanoTime() - wallStart) / 1e9, lastEval, best.epoch, best.accuracy,
                        bestValidationParameters == null ? null : copy(bestValidationParameters), epochs,
                        copyRows(taskAccuracy)));
            }
        }
        Map<String, Double> sleepRates = new LinkedHashMap<>();
        if (clock.sleepSteps() > 0) {
            for (int l = 0; l < net.layers; l++) {
                if (net.spiking(l)) {
                    sleepRates.put(net.layerName(l),
                            hz(slept.spikes[l], (double) clock.sleepSteps() * sleep.copies() * net.sizes[l + 1]));
                }
            }
        }
        return new SgResult(cfg, epochs, slept.episodes, lastEval, weights(), shapes(), sleepRates, clock.wakeSteps(),
                clock.sleepSteps(), clock.achievedFraction(), best.epoch, best.accuracy, trainSeconds, slept.seconds,
                (System.nanoTime() - wallStart) / 1e9,
                trainSeconds > 0 ? (double) imagesToTrain / trainSeconds : 0.0, blasImplementation(),
                copyRows(taskAccuracy));
    }

    /** The accuracy on each task's evaluation images after task {@code last}; NaN for the tasks after it. */
    private double[] taskAccuracies(SgTasks tasks, int last) {
        double[] row = new double[tasks.tasks()];
        for (int t = 0; t < row.length; t++) {
            row[t] = t <= last ? evaluate(tasks.evaluation().get(t)).accuracy() : Double.NaN;
        }
        return row;
    }

    private static double[][] copyRows(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i] == null ? null : rows[i].clone();
        }
        return out;
    }

    private static void checkTasks(SgTasks tasks, LabeledImages train, SgConfig cfg) {
        for (int t = 0; t < tasks.tasks(); t++) {
            int[] images = tasks.trainImages().get(t);
            if (images.length == 0) {
                throw new IllegalArgumentException("SG-SNN: task " + (t + 1) + " has no training images");
            }
            if (cfg.dropLast() && images.length < cfg.batchSize()) {
                throw new IllegalArgumentException("SG-SNN: sg.drop_last leaves task " + (t + 1) + " nothing to train "
                        + "on: it has " + images.length + " training images, fewer than sg.batch_size = "
                        + cfg.batchSize() + "; lower sg.batch_size or set sg.drop_last to false");
            }
            for (int i : images) {
                if (i < 0 || i >= train.size()) {
                    throw new IllegalArgumentException("SG-SNN: task " + (t + 1) + " names training image " + i
                            + ", outside the training set of " + train.size());
                }
            }
            if (tasks.evaluation().get(t).size() == 0) {
                throw new IllegalArgumentException("SG-SNN: task " + (t + 1) + " has no evaluation images");
            }
            checkData(tasks.evaluation().get(t), cfg, "task " + (t + 1) + " evaluation");
        }
    }

    /**
     * Fisher–Yates shuffle of {@code order}. A method of its own, so that its loop (one pass per image; as the loop
     * that would fill {@code order}) does not make the JIT compile {@link #train}: that long method was compiled
     * again and again over a sweep's runs (≈ 6 CPU-s of C2 time in the quick study), while all it calls that matters
     * is compiled on its own anyway.
     */
    private static void shuffle(int[] order, SplittableRandom rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    /**
     * Draws on {@code streams[index]}, whichever generator is there now (a checkpoint puts a twin in its place): the
     * sleep schedule holds this, not the generator. Each method draws as SplittableRandom's own does.
     */
    private static final class Current implements RandomGenerator {
        private final SplittableRandom[] streams;
        private final int index;

        Current(SplittableRandom[] streams, int index) {
            this.streams = streams;
            this.index = index;
        }

        @Override
        public long nextLong() {
            return streams[index].nextLong();
        }

        @Override
        public int nextInt() {
            return streams[index].nextInt();
        }

        @Override
        public int nextInt(int bound) {
            return streams[index].nextInt(bound);
        }

        @Override
        public double nextDouble() {
            return streams[index].nextDouble();
        }

        @Override
        public boolean nextBoolean() {
            return streams[index].nextBoolean();
        }

        @Override
        public float nextFloat() {
            return streams[index].nextFloat();
        }

        @Override
        public double nextGaussian() {
            return streams[index].nextGaussian();
        }
    }

    /**
     * The epoch whose validation accuracy (after its sleep, if it slept) is the highest, the first of equals: the
     * only "best epoch" Somnus selects. Never chosen on test data (docs/sg.md, "Reported accuracy").
     */
    private static final class BestValidationEpoch {
        int epoch;
        double accuracy = Double.NaN;

        /** Whether {@code acc} after {@code e} beats every earlier epoch (the caller then snapshots the weights). */
        boolean offer(int e, double acc) {
            if (epoch == 0 || acc > accuracy) {
                epoch = e;
                accuracy = acc;
                return true;
            }
            return false;
        }
    }

    /** Puts a checkpoint's state into a freshly built run, after checking that it fits. */
    private void restore(SgCheckpoint c, SgNetwork net, SgAdam adam, int[] order, int totalEpochs,
                         SplittableRandom[] streams, SleepClock clock, Slept slept, BestValidationEpoch best,
                         List<SgEpoch> epochs, double[][] taskAccuracy) {
        if (c.epoch < 1 || c.epoch > totalEpochs) {
            throw new IllegalArgumentException("the checkpoint is after epoch " + c.epoch + ", but the run has epochs 1 to "
                    + totalEpochs);
        }
        float[][] params = net.parameters();
        fits("parameters", c.parameters, params);
        fits("Adam's first moments", c.adamFirst, params);
        fits("Adam's second moments", c.adamSecond, params);
        if (c.bestParameters != null) {
            fits("best validation epoch's parameters", c.bestParameters, params);
        }
        if (!samePermuted(c.order, order)) {
            throw new IllegalArgumentException("the checkpoint's image order is not a permutation of the " + order.length
                    + " training images" + (taskAccuracy.length > 0 ? " of its task" : ""));
        }
        if (c.taskAccuracy.length != taskAccuracy.length) {
            throw new IllegalArgumentException("the checkpoint has " + (c.taskAccuracy.length == 0 ? "no"
                    : String.valueOf(c.taskAccuracy.length)) + " continual tasks, the run " + taskAccuracy.length);
        }
        if (c.sleptSpikes.length != net.layers) {
            throw new IllegalArgumentException("the checkpoint has sleep spikes of " + c.sleptSpikes.length
                    + " layers, the network " + net.layers);
        }
        for (int g = 0; g < streams.length; g++) {
            if (c.gammas[g] != SplittableState.drain(streams[g])[1]) { // spent: replaced below
                throw new IllegalArgumentException("the checkpoint's generator " + g + " is not this run's: another seed");
            }
        }
        for (int i = 0; i < params.length; i++) {
            System.arraycopy(c.parameters[i], 0, params[i], 0, params[i].length);
        }
        adam.restore(c.adamFirst, c.adamSecond, c.adamSteps);
        System.arraycopy(copyRows(c.taskAccuracy), 0, taskAccuracy, 0, taskAccuracy.length);
        for (int g = 0; g < streams.length; g++) {
            streams[g] = SplittableState.rebuild(c.seeds[g], c.gammas[g]);
        }
        clock.schedule().restoreCounted(c.scheduleCounted);
        clock.restore(c.wakeSteps, c.sleepSteps, c.clockEpisodes, c.clockEndedEarly);
        System.arraycopy(c.sleptSpikes, 0, slept.spikes, 0, slept.spikes.length);
        slept.seconds = c.sleptSeconds;
        slept.episodes.addAll(c.episodes);
        best.epoch = c.bestEpoch;
        best.accuracy = c.bestAccuracy;
        bestValidationParameters = c.bestParameters == null ? null : copy(c.bestParameters);
        epochs.addAll(c.epochs);
    }

    private static void fits(String what, float[][] saved, float[][] params) {
        if (saved.length != params.length) {
            throw new IllegalArgumentException("the checkpoint's " + what + " are " + saved.length
                    + " arrays, the network has " + params.length);
        }
        for (int i = 0; i < params.length; i++) {
            if (saved[i].length != params[i].length) {
                throw new IllegalArgumentException("the checkpoint's " + what + ": array " + i + " has "
                        + saved[i].length + " values, the network's " + params[i].length);
            }
        }
    }

    /** Whether {@code order} holds the images of {@code images}, each once, in any order. */
    private static boolean samePermuted(int[] order, int[] images) {
        if (order.length != images.length) {
            return false;
        }
        int[] a = order.clone();
        int[] b = images.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        return Arrays.equals(a, b);
    }

    private static float[][] copy(float[][] arrays) {
        float[][] out = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i].clone();
        }
        return out;
    }

    /** The episodes of a run, their spikes per layer and their wall time. */
    private static final class Slept {
        final List<SgSleepEpisode> episodes = new ArrayList<>();
        final long[] spikes;
        double seconds;

        Slept(int layers) {
            spikes = new long[layers];
        }
    }

    /** Runs the episode of {@code steps} steps the schedule asked for during {@code epoch}, and records it. */
    private void sleep(SgSleep sleep, long steps, SleepClock clock, Slept slept, SplittableRandom noise, int epoch,
                       SgListener listener) {
        if (steps % sleep.stepsPerIteration() != 0) {
            throw new IllegalStateException("a sleep episode of " + steps + " steps is not a whole number of "
                    + sleep.stepsPerIteration() + "-step iterations");
        }
        int iterations = (int) (steps / sleep.stepsPerIteration());
        boolean snapshots = listener.wantsWeightSnapshots();
        Map<String, float[]> before = snapshots ? weights() : Map.of();
        List<SgSleepEpisode.Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        sleep.run(noise, iterations, SLEEP_SAMPLE_EVERY,
                (step, projection, totalAbs, mean) -> samples.add(new SgSleepEpisode.Sample(step, projection, totalAbs, mean)));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int l = 0; l < network.layers; l++) {
            if (network.spiking(l)) {
                rates.put(network.layerName(l),
                        hz(sleep.spikeCounts[l], (double) steps * sleep.copies() * network.sizes[l + 1]));
                slept.spikes[l] += sleep.spikeCounts[l];
            }
        }
        Map<String, float[]> after = snapshots ? weights() : Map.of();
        SgSleepEpisode episode = new SgSleepEpisode(slept.episodes.size() + 1, epoch, clock.steps(), (int) steps, seconds,
                sleep.drewAhead, Collections.unmodifiableMap(rates), List.copyOf(samples), before, after);
        clock.slept(steps, false);
        slept.seconds += seconds;
        slept.episodes.add(episode);
        listener.onSleepEpisode(episode);
    }

    private double hz(long spikes, double neuronSteps) {
        return spikes / neuronSteps * 1000.0 / config.dtMs();
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
        if (bestValidationParameters == null) {
            throw new IllegalStateException("SgTrainer: no best validation epoch: training had no validation data");
        }
        float[][] params = network.parameters();
        float[][] last = copy(params);
        try {
            for (int i = 0; i < params.length; i++) {
                System.arraycopy(bestValidationParameters[i], 0, params[i], 0, params[i].length);
            }
            return evaluate(data);
        } finally {
            for (int i = 0; i < params.length; i++) {
                System.arraycopy(last[i], 0, params[i], 0, params[i].length);
            }
        }
    }

    /**
     * Runs the trained network on {@code data} with learning off: accuracy and firing rates. Stochastic encodings
     * draw from a stream that restarts at every call, so the answer does not depend on earlier calls.
     */
    public SgEvaluation evaluate(LabeledImages data) {
        requireTrained();
        checkData(data, config, "evaluation");
        SgNetwork net = network;
        int n = data.size();
        int[] order = IntStream.range(0, n).toArray();
        int[] predicted = new int[net.maxBatch];
        long[] spikes = new long[net.layers];
        SplittableRandom rng = new SplittableRandom(evalSeed);
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
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int l = 0; l < net.layers; l++) {
            if (net.spiking(l)) {
                rates.put(net.layerName(l), hz(spikes[l], (double) n * config.steps() * net.sizes[l + 1]));
            }
        }
        return new SgEvaluation(n == 0 ? Double.NaN : (double) correct / n, n, rates);
    }

    /** Stops training when a weight or bias has become NaN or infinite (checked once per epoch; changes nothing). */
    private static void checkFinite(SgNetwork net, int epoch, boolean slept) {
        for (int l = 0; l < net.layers; l++) {
            String post = net.layerName(l);
            check(net.w[l], "w_" + net.preName(l) + "_" + post, epoch, slept);
            check(net.b[l], "b_" + post, epoch, slept);
            if (net.v[l] != null) {
                check(net.v[l], "w_" + post + "_" + post, epoch, slept);
            }
        }
    }

    private static void check(float[] values, String name, int epoch, boolean slept) {
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw new NonFiniteStateException("the SG-SNN diverged: " + name + "[" + k + "] is "
                        + values[k] + " after epoch " + epoch + (slept ? " and its sleep episode" : "")
                        + "; lower sg.learning_rate or the sleep settings (sg.sleep.learning_rate)");
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
        SgNetwork net = network;
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int l = 0; l < net.layers; l++) {
            String post = net.layerName(l);
            out.put("w_" + net.preName(l) + "_" + post, transpose(net.w[l], net.sizes[l + 1], net.sizes[l]));
            out.put("b_" + post, net.b[l].clone());
            if (net.v[l] != null) {
                out.put("w_" + post + "_" + post, transpose(net.v[l], net.sizes[l + 1], net.sizes[l + 1]));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Shapes of {@link #weights()}: {@code [pre, post]} for weights, {@code [post]} for biases. */
    public Map<String, int[]> shapes() {
        requireTrained();
        SgNetwork net = network;
        Map<String, int[]> out = new LinkedHashMap<>();
        for (int l = 0; l < net.layers; l++) {
            String post = net.layerName(l);
            out.put("w_" + net.preName(l) + "_" + post, new int[] {net.sizes[l], net.sizes[l + 1]});
            out.put("b_" + post, new int[] {net.sizes[l + 1]});
            if (net.v[l] != null) {
                out.put("w_" + post + "_" + post, new int[] {net.sizes[l + 1], net.sizes[l + 1]});
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The configuration of the last {@link #train} call. */
    public SgConfig config() {
        requireTrained();
        return config;
    }

    SgNetwork network() {
        return network;
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    private void requireTrained() {
        if (network == null) {
            throw new IllegalStateException("SgTrainer: call train(...) before evaluating or exporting");
        }
    }

    private static void checkData(LabeledImages data, SgConfig cfg, String role) {
        if (data == null) {
            throw new IllegalArgumentException("SG-SNN: no " + role + " images given");
        }
        if (role.equals("training") && data.size() == 0) {
            throw new IllegalArgumentException("SG-SNN: the training set " + data.name() + " is empty");
        }
        if (role.equals("training") && cfg.dropLast() && data.size() < cfg.batchSize()) {
            throw new IllegalArgumentException("SG-SNN: sg.drop_last leaves nothing to train on: the training set "
                    + data.name() + " has " + data.size() + " images, fewer than sg.batch_size = " + cfg.batchSize()
                    + "; lower sg.batch_size or set sg.drop_last to false");
        }
        if (data.pixels() != cfg.inputs()) {
            throw new IllegalArgumentException("sg.inputs is " + cfg.inputs() + " but the " + role + " set "
                    + data.name() + " has " + data.pixels() + " pixels per image (" + data.height() + "×"
                    + data.width() + "); resize the images or set sg.inputs to " + data.pixels());
        }
        if (data.numClasses() > cfg.outputs()) {
            throw new IllegalArgumentException("sg.outputs is " + cfg.outputs() + " but the " + role + " set "
                    + data.name() + " has " + data.numClasses() + " classes; set sg.outputs to at least "
                    + data.numClasses());
        }
        float[][] images = data.images();
        int[] labels = data.labels();
        for (int i = 0; i < images.length; i++) {
            if (labels[i] < 0 || labels[i] >= cfg.outputs()) {
                throw new IllegalArgumentException("the " + role + " set " + data.name() + " has label " + labels[i]
                        + " at image " + i + "; labels must be in [0, " + cfg.outputs() + ")");
            }
            float[] img = images[i];
            if (img.length != cfg.inputs()) {
                throw new IllegalArgumentException("the " + role + " set " + data.name() + " has an image of "
                        + img.length + " pixels at index " + i + "; expected " + cfg.inputs());
            }
            for (float p : img) {
                if (!(p >= 0f && p <= 1f)) {
                    throw new IllegalArgumentException("the " + role + " set " + data.name() + " has pixel value "
                            + p + " in image " + i + "; SG-SNN inputs must be in [0, 1] (a pixel-sum normalisation "
                            + "such as Preprocess.PAPER's, the STDP-SNN's, can exceed 1: resize only, as "
                            + "Preprocess.PAPER_SG)");
                }
            }
        }
    }
}
