package io.somnus.encoding;

import java.util.Arrays;

/**
 * The input spikes of one presentation, stored by time step (CSR): the indices of the sources that
 * spike at step {@code t} are {@code indices[stepOffsets[t] .. stepOffsets[t+1])}. Reused across
 * presentations so that encoding allocates nothing once the buffers have grown.
 */
public final class SpikeTrain {
    private int numSteps;
    private int[] stepOffsets = new int[1];
    private int[] indices = new int[256];
    private int count;
    private int openStep;
    /** The largest source index and the smallest in the train (for {@link #checkPlayableBy}). */
    private int maxSource = -1;
    private int minSource;
    private boolean finished;
    private SpikeTrainBuilder builder;

    /** Starts a new train of {@code steps} time steps, discarding the old one. */
    public void reset(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("a spike train of " + steps + " steps: the number of steps must be >= 0");
        }
        numSteps = steps;
        if (stepOffsets.length < steps + 1) {
            stepOffsets = new int[steps + 1];
        }
        count = 0;
        openStep = 0;
        stepOffsets[0] = 0;
        maxSource = -1;
        minSource = 0;
        finished = false;
    }

    /**
     * Appends a spike of {@code source} at step {@code t}. Spikes must be added in non-decreasing order of
     * {@code t}; use {@link SpikeTrainBuilder} when generating out of order.
     */
    public void add(int t, int source) {
        if (t < 0) {
            throw new IllegalArgumentException("a spike at step " + t + ": steps count from 0");
        }
        if (t < openStep) {
            throw new IllegalStateException("spikes must be added in time order: step " + t + " after " + openStep);
        }
        if (t >= numSteps) {
            throw new IllegalArgumentException("a spike at step " + t + " in a train of " + numSteps + " steps (reset("
                    + numSteps + ")); steps count from 0");
        }
        maxSource = Math.max(maxSource, source);
        minSource = Math.min(minSource, source);
        while (openStep < t) {
            stepOffsets[++openStep] = count;
        }
        if (count == indices.length) {
            indices = Arrays.copyOf(indices, indices.length * 2);
        }
        indices[count++] = source;
    }

    /**
     * Scratch space for filling this train out of time order: a builder owned by the train, and so by whoever owns
     * the train (one per thread when encoding in parallel); created on first use, then reused.
     */
    public SpikeTrainBuilder builder() {
        if (builder == null) {
            builder = new SpikeTrainBuilder();
        }
        return builder;
    }

    /**
     * Replaces the train by {@code n} spikes given in any order, spike i of {@code sources[i]} at step
     * {@code steps[i]}, sorted by step by a stable counting sort (within a step, in the order given); the train is
     * finished. For {@link SpikeTrainBuilder}.
     */
    void fillByStep(int numSteps, int n, int[] steps, int[] sources) {
        reset(numSteps);
        if (indices.length < n) {
            indices = new int[Math.max(n, 2 * indices.length)];
        }
        int[] offsets = stepOffsets;
        Arrays.fill(offsets, 0, numSteps + 1, 0);
        for (int i = 0; i < n; i++) {
            offsets[steps[i] + 1]++;
        }
        for (int t = 0; t < numSteps; t++) {
            offsets[t + 1] += offsets[t];
        }
        int max = -1;
        int min = 0;
        for (int i = 0; i < n; i++) {
            int source = sources[i];
            indices[offsets[steps[i]]++] = source;
            max = Math.max(max, source);
            min = Math.min(min, source);
        }
        maxSource = max;
        minSource = min;
        finished = true;
        // offsets[t] now holds the end of step t, the start of step t + 1
        System.arraycopy(offsets, 0, offsets, 1, numSteps);
        offsets[0] = 0;
        count = n;
        openStep = numSteps;
    }

    /** Closes the train; must be called once after the last {@link #add}. */
    public void finish() {
        while (openStep < numSteps) {
            stepOffsets[++openStep] = count;
        }
        finished = true;
    }

    /**
     * Refuses a train that {@code population} (of {@code size} sources) cannot play: one not {@link #finish}ed (its last
     * steps' spikes would be lost), or one with a source index outside {@code [0, size)} (e.g. 784 pixels into 225
     * inputs).
     *
     * @throws IllegalArgumentException naming the population, its size and the train's sources
     */
    public void checkPlayableBy(String population, int size) {
        if (!finished) {
            throw new IllegalArgumentException("the spike train played by " + population + " is not finished: call "
                    + "finish() after its last add()");
        }
        if (minSource < 0 || maxSource >= size) {
            throw new IllegalArgumentException("the spike train played by " + population + " has source indices "
                    + minSource + ".." + maxSource + ", but " + population + " has " + size + " sources (indices 0.."
                    + (size - 1) + "): encode images of " + size + " pixels, or give the source " + (maxSource + 1)
                    + " neurons");
        }
    }

    /** The train's length in steps. */
    public int numSteps() {
        return numSteps;
    }

    /** The spikes of all steps together. */
    public int totalSpikes() {
        return count;
    }

    /**
     * Position of step {@code step}'s first spike in the train (its spikes are positions {@code start(step)} to
     * {@code end(step) − 1}, read with {@link #source}); {@code step} in [0, {@link #numSteps()}).
     */
    public int start(int step) {
        return stepOffsets[step];
    }

    /** Position after step {@code step}'s last spike; {@code end(step) − start(step)} is the step's spike count. */
    public int end(int step) {
        return stepOffsets[step + 1];
    }

    /** Source index of the spike at position {@code i} (between {@link #start} and {@link #end}). */
    public int source(int i) {
        return indices[i];
    }

    /** Its length and spike count, e.g. {@code SpikeTrain[100 steps, 530 spikes]}. */
    @Override
    public String toString() {
        return "SpikeTrain[" + numSteps + " steps, " + count + " spikes]";
    }
}
