package io.somnus.encoding;

import java.util.Arrays;

/**
 * Collects spikes in any order and writes them into a {@link SpikeTrain} in time order, by a stable counting
 * sort on the step (O(spikes + steps), {@link SpikeTrain#fillByStep}): within a step, spikes keep the order in which
 * they were added.
 * Reuses its arrays, so that once they have grown nothing is allocated. Not thread-safe: encoders that are
 * shared between threads use the builder of the train they fill ({@link SpikeTrain#builder()}).
 */
public final class SpikeTrainBuilder {
    private int numSteps;
    private int count;
    private int[] steps = new int[1024];
    private int[] sources = new int[1024];
    /**
     * Scratch of the encoders: spike probabilities per input; {@link GeometricSpikes#emitAll}'s draws taken ahead,
     * their logarithms and the ln(1 − p) it met.
     */
    private double[] probabilities = new double[0];
    private double[] complements = new double[0];
    private double[] logarithms = new double[0];
    private ComplementLogs complementLogs;

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
        if (t < 0 || t >= numSteps) { // found here, not as an index error when the train is built
            throw new IllegalArgumentException("a spike at step " + t + " in a train of " + numSteps + " steps (reset("
                    + numSteps + ")); steps count from 0");
        }
        reserve(1);
        steps[count] = t;
        sources[count] = source;
        count++;
    }

    /** How many spikes have been added since the last {@link #reset}. */
    public int size() {
        return count;
    }

    /**
     * Room for {@code more} spikes after the {@link #size()} collected, for a writer that fills {@link #stepArray()}
     * and {@link #sourceArray()} itself and then sets {@link #size(int)} ({@link GeometricSpikes#emitAll}).
     */
    void reserve(int more) {
        if (count + more > steps.length) {
            int length = Math.max(count + more, 2 * steps.length);
            steps = Arrays.copyOf(steps, length);
            sources = Arrays.copyOf(sources, length);
        }
    }

    int[] stepArray() {
        return steps;
    }

    int[] sourceArray() {
        return sources;
    }

    void size(int n) {
        count = n;
    }

    /** Writes the collected spikes into {@code out} (reset, filled in time order, finished). */
    public void buildInto(SpikeTrain out) {
        out.fillByStep(numSteps, count, steps, sources);
    }

    ComplementLogs complementLogs() {
        if (complementLogs == null) {
            complementLogs = new ComplementLogs();
        }
        return complementLogs;
    }

    double[] probabilities(int n) {
        return probabilities = atLeast(probabilities, n);
    }

    double[] complements(int n) {
        return complements = atLeast(complements, n);
    }

    double[] logarithms(int n) {
        return logarithms = atLeast(logarithms, n);
    }

    /** {@code a}, or a new array where {@code a} is shorter than {@code n}. */
    private static double[] atLeast(double[] a, int n) {
        return a.length < n ? new double[n] : a;
    }
}
