package io.somnus.network;

import io.somnus.core.StateStreams;
import io.somnus.neuron.Population;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A monitor counting the spikes of each neuron of one population (Brian2's SpikeMonitor, counts only); attached by
 * {@link Network#count}.
 */
public final class SpikeCounter {
    private final Population population;
    private final int[] counts;
    private long total;

    SpikeCounter(Population population) {
        this.population = population;
        this.counts = new int[population.size()];
    }

    /** The population counted. */
    public Population population() {
        return population;
    }

    /** Adds the spikes the population emitted this step. */
    public void record() {
        int[] s = population.spiked();
        for (int k = 0, n = population.spikeCount(); k < n; k++) {
            counts[s[k]]++;
        }
        total += population.spikeCount();
    }

    /** Each neuron's spikes since the last {@link #clear()}: a copy, which a later clear leaves as it is. */
    public int[] counts() {
        return counts.clone();
    }

    /** All the population's spikes since the last {@link #clear()}. */
    public long total() {
        return total;
    }

    /** Sets every count to 0. */
    public void clear() {
        Arrays.fill(counts, 0);
        total = 0;
    }

    /** Writes the counts and the total for a resume snapshot ({@link io.somnus.core.StateStreams}). */
    public void writeState(DataOutput out) throws IOException {
        StateStreams.writeInts(out, counts);
        out.writeLong(total);
    }

    /**
     * Reads back what {@link #writeState} wrote; an {@link IOException} for a counter of another size, before anything
     * is changed.
     */
    public void readState(DataInput in) throws IOException {
        StateStreams.readInts(in, counts, "spike counter of population " + population.name());
        total = in.readLong();
    }

    /** The population counted and its spikes so far, e.g. {@code SpikeCounter[e, 1234 spikes]}. */
    @Override
    public String toString() {
        return "SpikeCounter[" + population.name() + ", " + total + " spikes]";
    }
}
