package io.somnus.synapse;

import io.somnus.core.StateStreams;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeHistory;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A projection's axonal delay of {@code steps} ≥ 2 steps: the presynaptic spikes of each step held for
 * {@code steps − 1} steps in a ring, then recorded as they arrive at the synapses. Without a delay line a spike emitted
 * at step t is delivered at the end of step t and drives its target at step t + 1 (a delay of one step, dt); through
 * one it is delivered at step t + steps − 1 and drives its target at step t + steps. Plasticity sees it there too
 * (Brian2's {@code on_pre} on a delayed pathway): {@link #arrivals()} has arrival steps for spike steps.
 */
final class DelayLine {
    private final Population pre;
    private final int[][] held;
    private final int[] heldCount;
    private final SpikeHistory arrivals;
    /** The ring's slot of the current step. */
    private int slot;

    DelayLine(Population pre, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("a delay line holds spikes for at least one step, got a delay of " + steps);
        }
        this.pre = pre;
        this.held = new int[steps - 1][pre.size()];
        this.heldCount = new int[steps - 1];
        this.arrivals = new SpikeHistory(pre.size());
    }

    int steps() {
        return held.length + 1;
    }

    SpikeHistory arrivals() {
        return arrivals;
    }

    /**
     * Moves the line on by one step, labelled {@code step}, after the presynaptic population has integrated: the spikes
     * held since {@code steps − 1} steps ago arrive, and this step's take their slot.
     */
    void advance(int step) {
        int[] slotSpikes = held[slot];
        int count = heldCount[slot];
        System.arraycopy(slotSpikes, 0, arrivals.spiked(), 0, count);
        arrivals.record(count, step);
        heldCount[slot] = pre.spikeCount();
        System.arraycopy(pre.spiked(), 0, slotSpikes, 0, heldCount[slot]);
        slot = slot + 1 == held.length ? 0 : slot + 1;
    }

    /** Drops the spikes in flight and forgets the arrival times (a reset of the network's state). */
    void reset() {
        Arrays.fill(heldCount, 0);
        slot = 0;
        arrivals.reset();
    }

    void writeState(DataOutput out) throws IOException {
        out.writeInt(slot);
        StateStreams.writeInts(out, heldCount);
        for (int[] h : held) {
            StateStreams.writeInts(out, h);
        }
        arrivals.writeState(out);
    }

    void readState(DataInput in, String what) throws IOException {
        int s = in.readInt();
        if (s < 0 || s >= Math.max(1, held.length)) {
            throw new IOException(what + ": delay slot " + s);
        }
        slot = s;
        StateStreams.readInts(in, heldCount, what + " spikes in flight");
        for (int[] h : held) {
            StateStreams.readInts(in, h, what + " spikes in flight");
        }
        arrivals.readState(in);
    }
}
