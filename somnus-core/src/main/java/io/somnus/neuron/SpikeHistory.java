package io.somnus.neuron;

import io.somnus.core.StateStreams;
import io.somnus.kernel.Kernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The spike bookkeeping of a group of neurons that plasticity rules read: which neurons spiked at the current step,
 * each neuron's last and previous spike step, and the neurons that have spiked since the last reset. A population keeps
 * one of its own spikes; a delayed projection keeps one of its presynaptic spikes as they arrive at its synapses
 * ({@link io.somnus.synapse.Projection#preSpikes()}). The step arrays are {@link Kernels#paddedLength} long, as a
 * population's state.
 */
public final class SpikeHistory {
    private final int size;
    private final int[] spiked;
    private int spikeCount;
    private final int[] lastSpikeStep;
    private final int[] previousSpikeStep;
    private final int[] fired;
    private int firedCount;

    /** The history of {@code size} neurons, none of which has spiked. */
    public SpikeHistory(int size) {
        this.size = size;
        this.spiked = new int[size];
        this.lastSpikeStep = new int[Kernels.paddedLength(size)];
        this.previousSpikeStep = new int[Kernels.paddedLength(size)];
        this.fired = new int[size];
        reset();
    }

    /** The number of neurons. */
    public int size() {
        return size;
    }

    /** Neurons that spiked at the current step: {@code spiked()[0..spikeCount())}. */
    public int[] spiked() {
        return spiked;
    }

    /** How many neurons spiked at the current step (the valid prefix of {@link #spiked()}). */
    public int spikeCount() {
        return spikeCount;
    }

    /** Each neuron's last spike step, {@link Population#NEVER} before its first. */
    public int[] lastSpikeStep() {
        return lastSpikeStep;
    }

    /** Each neuron's spike step before its last, {@link Population#NEVER} before its second. */
    public int[] previousSpikeStep() {
        return previousSpikeStep;
    }

    /**
     * The neurons that have spiked since the last {@link #reset()}: {@code fired()[0..firedCount())}, each once, in the
     * order of their first spike since then. Every other neuron's last spike step is {@link Population#NEVER}.
     */
    public int[] fired() {
        return fired;
    }

    /** How many neurons {@link #fired()} holds. */
    public int firedCount() {
        return firedCount;
    }

    /** Adds neuron {@code i} to this step's spikes, at {@code step}. */
    void emit(int i, int step) {
        spiked[spikeCount++] = i;
        note(i, step);
    }

    /** Records the spikes written to {@code spiked()[0..count)} as this step's, at {@code step}. */
    public void record(int count, int step) {
        spikeCount = count;
        for (int k = 0; k < count; k++) {
            note(spiked[k], step);
        }
    }

    /**
     * Records the spikes written to {@code spiked()[0..count)} as this step's without a spike time: the last and
     * previous spike steps and the fired list stand (the authors' input row 0, which never enters their spike_times).
     */
    public void recordUntimed(int count) {
        spikeCount = count;
    }

    private void note(int i, int step) {
        int last = lastSpikeStep[i];
        if (last == Population.NEVER) {
            fired[firedCount++] = i;
        }
        previousSpikeStep[i] = last;
        lastSpikeStep[i] = step;
    }

    /** No spike this step. */
    void clear() {
        spikeCount = 0;
    }

    /** Forgets every spike time (a new presentation starts at step 0). */
    public void reset() {
        spikeCount = 0;
        firedCount = 0;
        Arrays.fill(lastSpikeStep, Population.NEVER);
        Arrays.fill(previousSpikeStep, Population.NEVER);
    }

    /** Writes the spikes of the last step, the spike times and the fired list (a resume snapshot). */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(spikeCount);
        out.writeInt(firedCount);
        StateStreams.writeInts(out, spiked);
        StateStreams.writeInts(out, lastSpikeStep);
        StateStreams.writeInts(out, previousSpikeStep);
        StateStreams.writeInts(out, fired);
    }

    /** Reads what {@link #writeState} wrote, into this history of the same size. */
    public void readState(DataInput in) throws IOException {
        int count = in.readInt();
        int firedNow = in.readInt();
        if (count < 0 || count > size || firedNow < 0 || firedNow > size) {
            throw new IOException("spike history of " + size + " neurons: " + count + " spikes, " + firedNow
                    + " fired");
        }
        StateStreams.readInts(in, spiked, "spikes");
        StateStreams.readInts(in, lastSpikeStep, "last spike steps");
        StateStreams.readInts(in, previousSpikeStep, "previous spike steps");
        StateStreams.readInts(in, fired, "fired neurons");
        spikeCount = count;
        firedCount = firedNow;
    }
}
