package io.somnus.encoding;

import java.util.Arrays;

/**
 * Collects spikes in any order and writes them into a {@link SpikeTrain} in time order, by a stable counting
 * sort on the step (O(spikes + steps)): within a step, spikes keep the order in which they were added.
 * Reuses its arrays, so that once they have grown nothing is allocated. Not thread-safe: encoders that are
 * shared between threads use the builder of the train they fill ({@link SpikeTrain#builder()}).
 */
public final class SpikeTrainBuilder {
    private int numSteps;
    private int count;
    private int[] steps = new int[1024];
    private int[] sources = new int[1024];
    private int[] sorted = new int[1024];
    private int[] offsets = new int[2];

    /** Starts collecting a train of {@code steps} time steps. */
    public void reset(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("number of steps must be >= 0, got " + steps);
        }
        numSteps = steps;
        count = 0;
    }

    /** Adds a spike of {@code source} at step {@code t} (0 ≤ t &lt; steps), in any order. */
    public void add(int t, int source) {
        assert t >= 0 && t < numSteps : "step " + t + " outside [0, " + numSteps + ")";
        if (count == steps.length) {
            steps = Arrays.copyOf(steps, 2 * count);
            sources = Arrays.copyOf(sources, 2 * count);
        }
        steps[count] = t;
        sources[count] = source;
        count++;
    }

    public int size() {
        return count;
    }

    /** Writes the collected spikes into {@code out} (reset, filled in time order, finished). */
    public void buildInto(SpikeTrain out) {
        if (offsets.length < numSteps + 1) {
            offsets = new int[numSteps + 1];
        }
        if (sorted.length < count) {
            sorted = new int[steps.length];
        }
        Arrays.fill(offsets, 0, numSteps + 1, 0);
        for (int i = 0; i < count; i++) {
            offsets[steps[i] + 1]++;
        }
        for (int t = 0; t < numSteps; t++) {
            offsets[t + 1] += offsets[t];
        }
        for (int i = 0; i < count; i++) {
            sorted[offsets[steps[i]]++] = sources[i];
        }
        // offsets[t] now holds the end of step t
        out.reset(numSteps);
        int k = 0;
        for (int t = 0; t < numSteps; t++) {
            for (int end = offsets[t]; k < end; k++) {
                out.add(t, sorted[k]);
            }
        }
        out.finish();
    }
}
