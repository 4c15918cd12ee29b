package io.somnus.synapse;

import io.somnus.core.StateStreams;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeHistory;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * A delay of its own for every synapse of a projection ({@link Projection#withSynapseDelays}), in whole steps d ≥ 1:
 * a spike that pre neuron i emits at step t reaches synapse s at step t + d_s − 1, is delivered there and drives the
 * post neuron at step t + d_s (d_s = 1: as a projection without a delay). Plasticity sees it reach that synapse then,
 * as on Brian's delayed pathways (Brian 1's {@code DelayConnection} with STDP reads the presynaptic traces as they were
 * d_s earlier; Diehl &amp; Cook's input synapses, drawn in 0–10 ms).
 * <p>The synapses are grouped by pre neuron and delay: the delay-d synapses of row i are
 * {@code order()[groupStart()[i·D + d − 1] .. groupStart()[i·D + d])}, in synapse order. The spikes of the last D
 * steps are held in a ring, and each delay d keeps a {@link SpikeHistory} of the spikes reaching its synapses
 * ({@link #arrivals}): its last spike steps are arrival steps, so a trace that is a function of the last spike is the
 * trace as that synapse sees it. The layout is shared with a projection's frozen copies; the ring and the histories are
 * each copy's own.
 */
public final class SynapseDelays {
    /** The most (longest delay × pre neurons) the ring and the histories may hold, about 24 B each. */
    static final long MAX_HELD = 1L << 25;

    /** The longest delay a synapse may have, in steps (each is held in 16 bits). */
    public static final int MAX_STEPS = Short.MAX_VALUE;

    /** Bytes per synapse of the layout: its delay (2), its place in the grouped order and that entry's post (4 each). */
    public static final long BYTES_PER_SYNAPSE = 10;

    private final Population pre;
    private final short[] steps;
    private final int maxSteps;
    private final int[] order;
    private final int[] groupStart;
    /** The post neuron of each {@link #order} entry. */
    private final int[] orderedPost;
    /** The projection's rows: row i's synapses are {@code [rowStart[i], rowStart[i+1])} (shared, read only). */
    private final int[] rowStart;
    /**
     * Every synapse's post neuron is its place in its row (all-to-all rows): then synapse {@code order()[q]} is
     * {@code rowStart[i] + orderedPost()[q]}, and delivery reads one index list instead of two.
     */
    private final boolean postIsPlaceInRow;
    /** The spikes emitted at each of the last D steps, by call: slot {@code (slot − k) mod D} holds k steps ago. */
    private final int[][] held;
    private final int[] heldCount;
    private final SpikeHistory[] arrivals;
    private int slot;

    /**
     * @param stepsPerSynapse each synapse's delay in steps (≥ 1), by synapse id (the order of {@link Projection#weights})
     * @param postOf          each synapse's post neuron
     */
    SynapseDelays(String projection, Population pre, int[] rowStart, int[] stepsPerSynapse,
                  IntUnaryOperator postOf) {
        int n = rowStart[pre.size()];
        if (stepsPerSynapse.length != n) {
            throw new IllegalArgumentException("projection " + projection + ": " + stepsPerSynapse.length
                    + " synapse delays for " + n + " synapses");
        }
        int most = 1;
        for (int s = 0; s < n; s++) {
            int d = stepsPerSynapse[s];
            if (d < 1 || d > MAX_STEPS) {
                throw new IllegalArgumentException("projection " + projection + ": synapse " + s + " has a delay of " + d
                        + " steps; give 1 (one step, dt: the delay of a projection without one) to " + MAX_STEPS);
            }
            most = Math.max(most, d);
        }
        if ((long) most * pre.size() > MAX_HELD) {
            throw new IllegalArgumentException("projection " + projection + ": delays of up to " + most + " steps from "
                    + pre.size() + " neurons would hold " + most + " × " + pre.size() + " spike records, more than "
                    + MAX_HELD + "; give shorter delays");
        }
        this.pre = pre;
        this.maxSteps = most;
        this.steps = new short[n];
        for (int s = 0; s < n; s++) {
            steps[s] = (short) stepsPerSynapse[s];
        }
        int groups = pre.size() * most;
        this.groupStart = new int[groups + 1];
        for (int i = 0; i < pre.size(); i++) {
            for (int s = rowStart[i]; s < rowStart[i + 1]; s++) {
                groupStart[i * most + steps[s]]++; // counts of group (i, d) at index i·D + d, then the running sum
            }
        }
        for (int g = 0; g < groups; g++) {
            groupStart[g + 1] += groupStart[g];
        }
        this.order = new int[n];
        this.orderedPost = new int[n];
        this.rowStart = rowStart;
        boolean placeInRow = true;
        int[] fill = Arrays.copyOf(groupStart, groups);
        for (int i = 0; i < pre.size(); i++) {
            for (int s = rowStart[i]; s < rowStart[i + 1]; s++) { // in synapse order within each group
                int q = fill[i * most + steps[s] - 1]++;
                order[q] = s;
                orderedPost[q] = postOf.applyAsInt(s);
                placeInRow &= orderedPost[q] == s - rowStart[i];
            }
        }
        this.postIsPlaceInRow = placeInRow;
        this.held = new int[most][];
        this.heldCount = new int[most];
        this.arrivals = new SpikeHistory[most];
        allocateState();
    }

    /** The same delays for a copy of the projection from {@code newPre} (same size), with its own ring and histories. */
    private SynapseDelays(SynapseDelays o, Population newPre) {
        this.pre = newPre;
        this.steps = o.steps;
        this.maxSteps = o.maxSteps;
        this.order = o.order;
        this.groupStart = o.groupStart;
        this.orderedPost = o.orderedPost;
        this.rowStart = o.rowStart;
        this.postIsPlaceInRow = o.postIsPlaceInRow;
        this.held = new int[maxSteps][];
        this.heldCount = new int[maxSteps];
        this.arrivals = new SpikeHistory[maxSteps];
        allocateState();
    }

    private void allocateState() {
        for (int d = 0; d < maxSteps; d++) {
            held[d] = new int[pre.size()];
            arrivals[d] = new SpikeHistory(pre.size());
        }
    }

    SynapseDelays copyFor(Population newPre) {
        return new SynapseDelays(this, newPre);
    }

    /** The longest delay D, in steps. */
    public int maxSteps() {
        return maxSteps;
    }

    /** Synapse {@code s}'s delay in steps. */
    public int steps(int s) {
        return steps[s];
    }

    /** Every synapse's delay in steps, by synapse id (a copy). */
    public int[] stepsPerSynapse() {
        int[] out = new int[steps.length];
        for (int s = 0; s < out.length; s++) {
            out[s] = steps[s];
        }
        return out;
    }

    /** The spikes reaching the synapses of delay {@code d} (1..D) this step, arrival steps as spike steps. */
    public SpikeHistory arrivals(int d) {
        return arrivals[d - 1];
    }

    /** Synapse ids grouped by pre neuron, then delay ({@link #groupStart}). */
    public int[] order() {
        return order;
    }

    /** Where group (i, d) starts in {@link #order}: index {@code i·D + d − 1}; it ends where the next starts. */
    public int[] groupStart() {
        return groupStart;
    }

    /** The post neuron of each {@link #order} entry. */
    public int[] orderedPost() {
        return orderedPost;
    }

    /**
     * Moves on by one step after the pre population has integrated at {@code step}: this step's spikes take the
     * ring's oldest slot, and each delay's history records the spikes emitted d − 1 steps ago as arriving now.
     */
    void advance(int step) {
        slot = slot + 1 == maxSteps ? 0 : slot + 1;
        heldCount[slot] = pre.spikeCount();
        System.arraycopy(pre.spiked(), 0, held[slot], 0, heldCount[slot]);
        for (int d = 1; d <= maxSteps; d++) {
            int from = slot - (d - 1);
            if (from < 0) {
                from += maxSteps;
            }
            int count = heldCount[from];
            SpikeHistory a = arrivals[d - 1];
            System.arraycopy(held[from], 0, a.spiked(), 0, count);
            a.record(count, step);
        }
    }

    /** Drops the spikes in flight and forgets the arrival times (a reset of the network's state). */
    void reset() {
        Arrays.fill(heldCount, 0);
        slot = 0;
        for (SpikeHistory a : arrivals) {
            a.reset();
        }
    }

    /**
     * Adds the weights of the synapses that spikes reach this step to {@code target}; returns how many. Each post
     * neuron's input gets its additions in one order, which the numbers depend on: by delay (shortest first), then
     * in the order the pre neurons spiked, then in synapse order.
     */
    long deliver(float[] target, float[] w) {
        if (postIsPlaceInRow) {
            return deliverRows(target, w);
        }
        long events = 0;
        for (int d = 1; d <= maxSteps; d++) {
            SpikeHistory a = arrivals[d - 1];
            int[] spiked = a.spiked();
            for (int k = 0, m = a.spikeCount(); k < m; k++) {
                int g = spiked[k] * maxSteps + d - 1;
                int end = groupStart[g + 1];
                for (int q = groupStart[g]; q < end; q++) {
                    target[orderedPost[q]] += w[order[q]];
                }
                events += end - groupStart[g];
            }
        }
        return events;
    }

    /**
     * {@link #deliver} where each synapse's post is its place in its row: the same additions in the same order, the
     * weight found from the row's start and the post instead of through {@link #order} (one list of indices read, not
     * two).
     */
    private long deliverRows(float[] target, float[] w) {
        long events = 0;
        int[] post = orderedPost;
        int[] start = groupStart;
        int most = maxSteps;
        for (int d = 1; d <= most; d++) {
            SpikeHistory a = arrivals[d - 1];
            int[] spiked = a.spiked();
            for (int k = 0, m = a.spikeCount(); k < m; k++) {
                int i = spiked[k];
                int g = i * most + d - 1;
                int row = rowStart[i];
                int end = start[g + 1];
                for (int q = start[g]; q < end; q++) {
                    int j = post[q];
                    target[j] += w[row + j];
                }
                events += end - start[g];
            }
        }
        return events;
    }

    void writeState(DataOutput out) throws IOException {
        out.writeInt(slot);
        StateStreams.writeInts(out, heldCount);
        for (int[] h : held) {
            StateStreams.writeInts(out, h);
        }
        for (SpikeHistory a : arrivals) {
            a.writeState(out);
        }
    }

    void readState(DataInput in, String what) throws IOException {
        int s = in.readInt();
        if (s < 0 || s >= maxSteps) {
            throw new IOException(what + ": delay slot " + s);
        }
        slot = s;
        StateStreams.readInts(in, heldCount, what + " spikes in flight");
        for (int[] h : held) {
            StateStreams.readInts(in, h, what + " spikes in flight");
        }
        for (SpikeHistory a : arrivals) {
            a.readState(in);
        }
    }
}
