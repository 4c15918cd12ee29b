package io.somnus.sg;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an SG-SNN training run depends on after an epoch, so that {@link SgTrainer#train} given it goes on with
 * the next epoch to the same bits as a run never stopped: the parameters, Adam's moments and step count, the image
 * order the next shuffle permutes, the state of every generator the epochs draw from (shuffle, encoding, sleep
 * decision, sleep noise: SplitMix64 seeds; the weight initialisation's is used up and the evaluation's restarts from
 * its seed), the sleep schedule's count, the sleep clock, the episodes slept (their numbers, not their weight copies),
 * the last validation, the best validation epoch and its parameters, the epochs' records, the continual protocol's
 * task-accuracy rows so far ({@link SgTasks}) and the time spent so far.
 * The arrays are copies, taken when the epoch ended.
 * <p>
 * {@link #write}/{@link #read} give it a binary form (big-endian, versioned); whoever stores it adds its own check
 * against damage and against another configuration.
 */
public final class SgCheckpoint {
    /** The binary form's version: a snapshot of another version is refused, not misread. */
    static final int FORMAT = 2;
    /** The version before the continual protocol's task accuracies: still read (it has none). */
    static final int FORMAT_WITHOUT_TASKS = 1;
    /** The generators a run's epochs draw from, in the order {@link SgStreams} splits them after the initialisation's. */
    static final int GENERATORS = 4;

    final int epoch;
    final float[][] parameters;
    final float[][] adamFirst;
    final float[][] adamSecond;
    final long adamSteps;
    final int[] order;
    /** SplitMix64 seed and γ of the shuffle, encoding, sleep-decision and sleep-noise generators. */
    final long[] seeds;
    final long[] gammas;
    final long scheduleCounted;
    final long wakeSteps;
    final long sleepSteps;
    final int clockEpisodes;
    final int clockEndedEarly;
    final long[] sleptSpikes;
    final double sleptSeconds;
    /** The episodes so far without their samples or weight copies (their count and noise helper make the results). */
    final List<SgSleepEpisode> episodes;
    final double trainSeconds;
    final double wallSeconds;
    final SgEvaluation lastValidation;
    final int bestEpoch;
    final double bestAccuracy;
    /** The parameters after the best validation epoch; null without validation data. */
    final float[][] bestParameters;
    final List<SgEpoch> epochs;
    /** The task-accuracy rows of the tasks ended so far (null for the others); none without tasks. */
    final double[][] taskAccuracy;

    SgCheckpoint(int epoch, float[][] parameters, float[][] adamFirst, float[][] adamSecond, long adamSteps, int[] order,
                 long[] seeds, long[] gammas, long scheduleCounted, long wakeSteps, long sleepSteps, int clockEpisodes,
                 int clockEndedEarly, long[] sleptSpikes, double sleptSeconds, List<SgSleepEpisode> episodes,
                 double trainSeconds, double wallSeconds, SgEvaluation lastValidation, int bestEpoch,
                 double bestAccuracy, float[][] bestParameters, List<SgEpoch> epochs, double[][] taskAccuracy) {
        this.epoch = epoch;
        this.parameters = parameters;
        this.adamFirst = adamFirst;
        this.adamSecond = adamSecond;
        this.adamSteps = adamSteps;
        this.order = order;
        this.seeds = seeds;
        this.gammas = gammas;
        this.scheduleCounted = scheduleCounted;
        this.wakeSteps = wakeSteps;
        this.sleepSteps = sleepSteps;
        this.clockEpisodes = clockEpisodes;
        this.clockEndedEarly = clockEndedEarly;
        this.sleptSpikes = sleptSpikes;
        this.sleptSeconds = sleptSeconds;
        this.episodes = List.copyOf(episodes);
        this.trainSeconds = trainSeconds;
        this.wallSeconds = wallSeconds;
        this.lastValidation = lastValidation;
        this.bestEpoch = bestEpoch;
        this.bestAccuracy = bestAccuracy;
        this.bestParameters = bestParameters;
        this.epochs = List.copyOf(epochs);
        this.taskAccuracy = taskAccuracy;
    }

    /** The last epoch finished (1-based): a resumed run goes on with the next. */
    public int epoch() {
        return epoch;
    }

    /** The epochs' records so far. */
    public List<SgEpoch> epochs() {
        return epochs;
    }

    /** Writes the binary form. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(epoch);
        writeArrays(out, parameters);
        writeArrays(out, adamFirst);
        writeArrays(out, adamSecond);
        out.writeLong(adamSteps);
        out.writeInt(order.length);
        for (int i : order) {
            out.writeInt(i);
        }
        for (int g = 0; g < GENERATORS; g++) {
            out.writeLong(seeds[g]);
            out.writeLong(gammas[g]);
        }
        out.writeLong(scheduleCounted);
        out.writeLong(wakeSteps);
        out.writeLong(sleepSteps);
        out.writeInt(clockEpisodes);
        out.writeInt(clockEndedEarly);
        out.writeInt(sleptSpikes.length);
        for (long s : sleptSpikes) {
            out.writeLong(s);
        }
        out.writeDouble(sleptSeconds);
        out.writeInt(episodes.size());
        for (SgSleepEpisode e : episodes) {
            out.writeInt(e.episode());
            out.writeInt(e.afterEpoch());
            out.writeLong(e.startStep());
            out.writeInt(e.steps());
            out.writeDouble(e.seconds());
            out.writeBoolean(e.noiseDrawnAhead());
            writeRates(out, e.firingRatesHz());
        }
        out.writeDouble(trainSeconds);
        out.writeDouble(wallSeconds);
        out.writeDouble(lastValidation.accuracy());
        out.writeInt(lastValidation.images());
        writeRates(out, lastValidation.firingRatesHz());
        out.writeInt(bestEpoch);
        out.writeDouble(bestAccuracy);
        out.writeBoolean(bestParameters != null);
        if (bestParameters != null) {
            writeArrays(out, bestParameters);
        }
        out.writeInt(epochs.size());
        for (SgEpoch e : epochs) {
            out.writeInt(e.epoch());
            out.writeDouble(e.trainLoss());
            out.writeDouble(e.validationAccuracy());
            out.writeBoolean(e.slept());
            out.writeDouble(e.validationAccuracyBeforeSleep());
            out.writeLong(e.wakeSteps());
            out.writeLong(e.sleepSteps());
            out.writeDouble(e.achievedSleepFraction());
            out.writeDouble(e.imagesPerSecond());
            out.writeDouble(e.epochSeconds());
        }
        out.writeInt(taskAccuracy.length);
        for (double[] row : taskAccuracy) {
            out.writeBoolean(row != null);
            if (row != null) {
                out.writeInt(row.length);
                for (double a : row) {
                    out.writeDouble(a);
                }
            }
        }
    }

    /**
     * Reads the binary form of {@link #write}.
     *
     * @throws IOException when it ends early or is not such a form (the message says what did not fit)
     */
    public static SgCheckpoint read(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT && format != FORMAT_WITHOUT_TASKS) {
            throw new IOException("snapshot format " + format + ", this Somnus reads formats " + FORMAT_WITHOUT_TASKS
                    + " and " + FORMAT);
        }
        int epoch = nonNegative(in.readInt(), "epoch");
        float[][] parameters = readArrays(in);
        float[][] first = readArrays(in);
        float[][] second = readArrays(in);
        long adamSteps = in.readLong();
        int[] order = new int[nonNegative(in.readInt(), "image order length")];
        for (int i = 0; i < order.length; i++) {
            order[i] = in.readInt();
        }
        long[] seeds = new long[GENERATORS];
        long[] gammas = new long[GENERATORS];
        for (int g = 0; g < GENERATORS; g++) {
            seeds[g] = in.readLong();
            gammas[g] = in.readLong();
        }
        long counted = in.readLong();
        long wake = in.readLong();
        long sleep = in.readLong();
        int clockEpisodes = in.readInt();
        int endedEarly = in.readInt();
        long[] spikes = new long[nonNegative(in.readInt(), "layer count")];
        for (int l = 0; l < spikes.length; l++) {
            spikes[l] = in.readLong();
        }
        double sleptSeconds = in.readDouble();
        int count = nonNegative(in.readInt(), "episode count");
        List<SgSleepEpisode> episodes = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int number = in.readInt();
            int after = in.readInt();
            long start = in.readLong();
            int steps = in.readInt();
            double seconds = in.readDouble();
            boolean ahead = in.readBoolean();
            Map<String, Double> rates = readRates(in);
            episodes.add(new SgSleepEpisode(number, after, start, steps, seconds, ahead, rates, List.of(), Map.of(),
                    Map.of()));
        }
        double trainSeconds = in.readDouble();
        double wallSeconds = in.readDouble();
        double accuracy = in.readDouble();
        int images = in.readInt();
        SgEvaluation last = new SgEvaluation(accuracy, images, readRates(in));
        int bestEpoch = in.readInt();
        double bestAccuracy = in.readDouble();
        float[][] best = in.readBoolean() ? readArrays(in) : null;
        int epochCount = nonNegative(in.readInt(), "epoch count");
        List<SgEpoch> epochs = new ArrayList<>();
        for (int k = 0; k < epochCount; k++) {
            epochs.add(new SgEpoch(in.readInt(), in.readDouble(), in.readDouble(), in.readBoolean(), in.readDouble(),
                    in.readLong(), in.readLong(), in.readDouble(), in.readDouble(), in.readDouble()));
        }
        double[][] taskAccuracy = new double[format == FORMAT ? nonNegative(in.readInt(), "task count") : 0][];
        for (int t = 0; t < taskAccuracy.length; t++) {
            if (in.readBoolean()) {
                taskAccuracy[t] = new double[nonNegative(in.readInt(), "task row length")];
                for (int j = 0; j < taskAccuracy[t].length; j++) {
                    taskAccuracy[t][j] = in.readDouble();
                }
            }
        }
        return new SgCheckpoint(epoch, parameters, first, second, adamSteps, order, seeds, gammas, counted, wake, sleep,
                clockEpisodes, endedEarly, spikes, sleptSeconds, episodes, trainSeconds, wallSeconds, last, bestEpoch,
                bestAccuracy, best, epochs, taskAccuracy);
    }

    private static int nonNegative(int value, String what) throws IOException {
        if (value < 0) {
            throw new IOException("negative " + what + " " + value);
        }
        return value;
    }

    private static void writeArrays(DataOutput out, float[][] arrays) throws IOException {
        out.writeInt(arrays.length);
        for (float[] a : arrays) {
            out.writeInt(a.length);
            for (float x : a) {
                out.writeInt(Float.floatToRawIntBits(x));
            }
        }
    }

    private static float[][] readArrays(DataInput in) throws IOException {
        float[][] arrays = new float[nonNegative(in.readInt(), "array count")][];
        for (int i = 0; i < arrays.length; i++) {
            int n = nonNegative(in.readInt(), "array length");
            // read in chunks: a damaged length fails at the end of the file, not with a huge allocation first
            float[] a = new float[Math.min(n, 1 << 20)];
            for (int k = 0; k < n; k++) {
                if (k == a.length) {
                    a = Arrays.copyOf(a, (int) Math.min(n, 2L * a.length));
                }
                a[k] = Float.intBitsToFloat(in.readInt());
            }
            arrays[i] = a;
        }
        return arrays;
    }

    private static void writeRates(DataOutput out, Map<String, Double> rates) throws IOException {
        out.writeInt(rates.size());
        for (Map.Entry<String, Double> e : rates.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    private static Map<String, Double> readRates(DataInput in) throws IOException {
        int n = nonNegative(in.readInt(), "rate count");
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            rates.put(in.readUTF(), in.readDouble());
        }
        return Collections.unmodifiableMap(rates);
    }

    /** Deep copies of {@code arrays}. */
    static float[][] copy(float[][] arrays) {
        float[][] out = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i].clone();
        }
        return out;
    }

    /** Deep copies of {@code rows}, a null row kept null. */
    static double[][] copyRows(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i] == null ? null : rows[i].clone();
        }
        return out;
    }
}
