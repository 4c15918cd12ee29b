package io.somnus.plasticity;

import io.somnus.core.StateStreams;
import io.somnus.kernel.Kernels;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeHistory;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import io.somnus.synapse.SettledColumns;
import io.somnus.synapse.SynapseDelays;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The event-driven skeleton shared by the STDP rules whose traces are functions of the last spike time
 * (a trace set to 1 at a spike and decaying by a {@link ExponentialKernel}). Per step:
 * <ol>
 *   <li>presynaptic spikes depress: {@code w −= ltd·post(t)} on their outgoing synapses, where post(t) is the
 *       postsynaptic trace before this step's post spikes;</li>
 *   <li>postsynaptic spikes potentiate: {@code w += ltp·gain(post)·pre(t)} on their incoming synapses, where
 *       pre(t) includes this step's pre spikes;</li>
 * </ol>
 * each followed by clipping to the projection's bounds. The trace of each neuron is evaluated once per
 * step, and only synapses of neurons that spiked are touched, so the cost follows the spikes, not the
 * synapse count; the dense (all-to-all) rows of a step's pre spikes are depressed by one SIMD kernel call
 * ({@link Kernels#depressRows}), which skips posts with a zero trace as the sparse loop does.
 * <p>Only neurons that have spiked since the last reset ({@link Population#fired()}) can have a non-zero trace.
 * On a dense projection, when they are few (a presentation from rest: a handful of winners among the post
 * neurons), the traces are read for them alone and a pre spike updates only their synapses: the same
 * updates of the same weights, without walking the zero traces of the others. A post spike potentiates a dense
 * column this way however many pre neurons fired: a column is a strided walk, a cache line per weight, with no SIMD
 * kernel to beat, and the fired pre neurons with a live trace are at most all of them (measured against walking the
 * whole column: docs/performance-rounds.md, thirty-seventh round); when a step's potentiating post spikes are at least
 * as many as the vectors in a row, the live rows are walked instead, one pass of {@link Kernels#potentiateRows} for all
 * (thirty-eighth round).
 */
abstract class PairBasedStdp implements Plasticity {
    private final ExponentialKernel preKernel;
    private final ExponentialKernel postKernel;
    private float[] postTrace = new float[0];
    private float[] preTrace = new float[0];
    private int[] traceIndex = new int[0];
    /** The fired neurons with a non-zero trace, and those traces (the sparse path of dense projections). */
    private int[] liveIndex = new int[0];
    private float[] liveTrace = new float[0];
    /** This step's post spikes that potentiate, their gains, and the gains as a row (0 for the other posts). */
    private int[] potentiatingPost = new int[0];
    private float[] potentiatingGain = new float[0];
    private float[] gainRow = new float[0];

    @Override
    public final double dtMs() {
        return preKernel.dtMs();
    }

    PairBasedStdp(ExponentialKernel preKernel, ExponentialKernel postKernel) {
        this.preKernel = preKernel;
        this.postKernel = postKernel;
    }

    private int[] traceIndex(int n) {
        if (traceIndex.length < Kernels.paddedLength(n)) {
            traceIndex = new int[Kernels.paddedLength(n)];
        }
        return traceIndex;
    }

    /** Depression per unit of postsynaptic trace (signed). */
    abstract float ltd();

    /** Potentiation per unit of presynaptic trace for postsynaptic neuron j spiking now (signed); 0 skips. */
    abstract float ltp(Population post, int j, int step);

    @Override
    public final boolean followsSynapseDelays() {
        return true;
    }

    @Override
    public final void apply(Projection p, int step) {
        if (p.synapseDelays() != null) {
            applyThroughSynapseDelays(p, p.synapseDelays(), step);
            return;
        }
        SpikeHistory pre = p.preSpikes(); // as they reach the synapses: a delayed projection's arrive late
        Population post = p.post();
        if (pre.spikeCount() > 0) {
            depress(p, pre, post, step);
        }
        if (post.spikeCount() > 0) {
            potentiate(p, pre, post, step);
        }
    }

    /**
     * Whether depression takes the listed path: the fired post neurons are at most a quarter of the population
     * (beyond that, one SIMD pass over each spiking row costs less than the indexed updates).
     */
    private static boolean fewFired(SpikeHistory pop) {
        return pop.firedCount() * 4 <= pop.size();
    }

    /**
     * Reads the traces of {@code pop}'s fired neurons into {@link #liveIndex} and {@link #liveTrace}, keeping those
     * that are non-zero, in the order of {@link Population#fired()}; the values are those of {@link Kernels#traces}.
     *
     * @param beforeSpike use the previous spike of a neuron that spikes at {@code step} (a trace just before it)
     * @return how many are non-zero
     */
    private int liveTraces(float[] table, SpikeHistory pop, int step, boolean beforeSpike) {
        int m = pop.firedCount();
        if (liveIndex.length < m) {
            liveIndex = new int[pop.size()];
            liveTrace = new float[pop.size()];
        }
        int[] fired = pop.fired();
        int[] last = pop.lastSpikeStep();
        int[] previous = pop.previousSpikeStep();
        int cap = table.length - 1;
        int live = 0;
        for (int q = 0; q < m; q++) {
            int j = fired[q];
            int t = beforeSpike && last[j] == step ? previous[j] : last[j];
            float v = table[Math.min(step - t, cap)];
            if (v != 0f) {
                liveIndex[live] = j;
                liveTrace[live++] = v;
            }
        }
        return live;
    }

    private void depress(Projection p, SpikeHistory pre, Population post, int step) {
        int n = post.size();
        if (p.isDense() && fewFired(post.spikes())) {
            depressLive(p, pre, post, step);
            return;
        }
        if (postTrace.length < Kernels.paddedLength(n)) {
            postTrace = new float[Kernels.paddedLength(n)];
        }
        // the post trace just before this step's post spikes
        if (!p.kernels().traces(postKernel.table(), post.lastSpikeStep(), post.previousSpikeStep(), step, n,
                postTrace, traceIndex(n))) {
            return;
        }
        float[] w = p.weights();
        float lo = p.wMin();
        float hi = p.wMax();
        float a = ltd();
        int[] spiked = pre.spiked();
        Kernels kernels = p.kernels();
        if (p.isDense()) { // row i starts at i·n
            kernels.depressRows(w, spiked, pre.spikeCount(), postTrace, n, a, lo, hi);
            return;
        }
        int[] rowStart = p.rowStart();
        int[] postIndex = p.postIndex();
        for (int k = 0, m = pre.spikeCount(); k < m; k++) {
            int i = spiked[k];
            kernels.depressSparseRow(w, postIndex, rowStart[i], rowStart[i + 1], postTrace, a, lo, hi);
        }
    }

    /** {@link #depress} of a dense projection through the fired post neurons only (same updates). */
    private void depressLive(Projection p, SpikeHistory pre, Population post, int step) {
        int live = liveTraces(postKernel.table(), post.spikes(), step, true);
        if (live == 0) {
            return;
        }
        float[] w = p.weightsForColumnWrites();
        SettledColumns settled = p.settledColumns();
        for (int q = 0; q < live; q++) {
            settled.disturb(liveIndex[q]);
        }
        float lo = p.wMin();
        float hi = p.wMax();
        float a = ltd();
        int n = post.size();
        int[] spiked = pre.spiked();
        Kernels kernels = p.kernels();
        for (int k = 0, m = pre.spikeCount(); k < m; k++) {
            kernels.depressListed(w, spiked[k] * n, liveIndex, liveTrace, live, a, lo, hi);
        }
    }

    /**
     * {@link #potentiate} of a dense projection: through the fired pre neurons with a non-zero trace only. Each
     * potentiating post spike walks its column; when they are at least as many as the vectors in a row (a burst: most
     * of Diehl &amp; Cook's E neurons firing together), the live rows instead ({@link Kernels#potentiateRows}), which
     * updates the same weights by the same operations.
     */
    private void potentiateLive(Projection p, SpikeHistory pre, Population post, int step) {
        int live = liveTraces(preKernel.table(), pre, step, false);
        if (live == 0) {
            return;
        }
        float[] w = p.weightsForColumnWrites();
        float lo = p.wMin();
        float hi = p.wMax();
        int n = post.size();
        int potentiating = potentiatingPosts(p, post, step);
        Kernels kernels = p.kernels();
        if (potentiating * kernels.floatLanes() >= n) {
            if (gainRow.length < n) {
                gainRow = new float[Kernels.paddedLength(n)];
            }
            for (int k = 0; k < potentiating; k++) {
                gainRow[potentiatingPost[k]] = potentiatingGain[k];
            }
            kernels.potentiateRows(w, liveIndex, liveTrace, live, gainRow, n, lo, hi);
            for (int k = 0; k < potentiating; k++) {
                gainRow[potentiatingPost[k]] = 0f;
            }
            return;
        }
        for (int k = 0; k < potentiating; k++) {
            int j = potentiatingPost[k];
            float gain = potentiatingGain[k];
            for (int q = 0; q < live; q++) {
                int s = liveIndex[q] * n + j;
                w[s] = Math.min(Math.max(w[s] + gain * liveTrace[q], lo), hi);
            }
        }
    }

    /**
     * Lists this step's post spikes with a non-zero {@link #ltp} in {@link #potentiatingPost} and
     * {@link #potentiatingGain}, in spike order, and reports their columns as written; returns how many.
     */
    private int potentiatingPosts(Projection p, Population post, int step) {
        if (potentiatingPost.length < post.size()) {
            potentiatingPost = new int[post.size()];
            potentiatingGain = new float[post.size()];
        }
        int[] spiked = post.spiked();
        int count = 0;
        for (int k = 0, m = post.spikeCount(); k < m; k++) {
            int j = spiked[k];
            float gain = ltp(post, j, step);
            if (gain != 0f) {
                p.settledColumns().disturb(j);
                potentiatingPost[count] = j;
                potentiatingGain[count++] = gain;
            }
        }
        return count;
    }

    private void potentiate(Projection p, SpikeHistory pre, Population post, int step) {
        if (p.isDense()) {
            potentiateLive(p, pre, post, step);
            return;
        }
        int n = pre.size();
        if (preTrace.length < Kernels.paddedLength(n)) {
            preTrace = new float[Kernels.paddedLength(n)];
        }
        if (!p.kernels().traces(preKernel.table(), pre.lastSpikeStep(), null, step, n, preTrace, traceIndex(n))) {
            return;
        }
        float[] w = p.weightsForColumnWrites();
        float lo = p.wMin();
        float hi = p.wMax();
        int[] spiked = post.spiked();
        int[] colStart = p.colStart();
        int[] colSynapse = p.colSynapse();
        int[] colPre = p.colPre();
        Kernels kernels = p.kernels();
        for (int k = 0, m = post.spikeCount(); k < m; k++) {
            int j = spiked[k];
            float gain = ltp(post, j, step);
            if (gain != 0f) {
                p.settledColumns().disturb(j);
                kernels.potentiateColumn(w, colSynapse, colPre, colStart[j], colStart[j + 1], preTrace, gain, lo, hi);
            }
        }
    }

    /**
     * {@link #apply} on a projection with a delay per synapse: the same two updates, each synapse seeing its pre neuron's
     * spikes as they reach it. Spikes arriving at a synapse depress it by the post trace before this step's post spikes;
     * a post spike potentiates each incoming synapse by the pre trace of the arrivals at that synapse (those of its
     * delay's {@link SynapseDelays#arrivals}), this step's included. Plain loops: every synapse of an arriving group and
     * every synapse of a spiking column is visited.
     */
    private void applyThroughSynapseDelays(Projection p, SynapseDelays delays, int step) {
        Population post = p.post();
        int n = post.size();
        int most = delays.maxSteps();
        float lo = p.wMin();
        float hi = p.wMax();
        float[] w = p.weightsForColumnWrites();
        boolean arrivals = false;
        for (int d = 1; d <= most && !arrivals; d++) {
            arrivals = delays.arrivals(d).spikeCount() > 0;
        }
        if (arrivals) {
            if (postTrace.length < Kernels.paddedLength(n)) {
                postTrace = new float[Kernels.paddedLength(n)];
            }
            // the post trace just before this step's post spikes, as in depress
            if (p.kernels().traces(postKernel.table(), post.lastSpikeStep(), post.previousSpikeStep(), step, n,
                    postTrace, traceIndex(n))) {
                p.settledColumns().disturbAll();
                float a = ltd();
                int[] order = delays.order();
                int[] groupStart = delays.groupStart();
                int[] orderedPost = delays.orderedPost();
                for (int d = 1; d <= most; d++) {
                    SpikeHistory arriving = delays.arrivals(d);
                    int[] spiked = arriving.spiked();
                    for (int k = 0, m = arriving.spikeCount(); k < m; k++) {
                        int g = spiked[k] * most + d - 1;
                        for (int q = groupStart[g], end = groupStart[g + 1]; q < end; q++) {
                            float t = postTrace[orderedPost[q]];
                            if (t != 0f) {
                                int s = order[q];
                                w[s] = Math.min(Math.max(w[s] - a * t, lo), hi);
                            }
                        }
                    }
                }
            }
        }
        if (post.spikeCount() == 0) {
            return;
        }
        float[] table = preKernel.table();
        int cap = table.length - 1;
        int[] colStart = p.colStart();
        int[] colSynapse = p.colSynapse();
        int[] colPre = p.colPre();
        int[] spiked = post.spiked();
        for (int k = 0, m = post.spikeCount(); k < m; k++) {
            int j = spiked[k];
            float gain = ltp(post, j, step);
            if (gain == 0f) {
                continue;
            }
            p.settledColumns().disturb(j);
            for (int c = colStart[j], end = colStart[j + 1]; c < end; c++) {
                int s = colSynapse[c];
                int last = delays.arrivals(delays.steps(s)).lastSpikeStep()[colPre[c]];
                float t = table[Math.min(step - last, cap)];
                if (t != 0f) {
                    w[s] = Math.min(Math.max(w[s] + gain * t, lo), hi);
                }
            }
        }
    }

    /** The traces follow from the spike times (the populations'); the buffers are written whole all the same. */
    @Override
    public final void writeState(Projection projection, DataOutput out) throws IOException {
        StateStreams.writeFloats(out, postTrace);
        StateStreams.writeFloats(out, preTrace);
        StateStreams.writeInts(out, traceIndex);
        StateStreams.writeInts(out, liveIndex);
        StateStreams.writeFloats(out, liveTrace);
        StateStreams.writeInts(out, potentiatingPost);
        StateStreams.writeFloats(out, potentiatingGain);
        StateStreams.writeFloats(out, gainRow);
    }

    @Override
    public final void readState(Projection projection, DataInput in) throws IOException {
        postTrace = StateStreams.readFloats(in);
        preTrace = StateStreams.readFloats(in);
        traceIndex = StateStreams.readInts(in);
        liveIndex = StateStreams.readInts(in);
        liveTrace = StateStreams.readFloats(in);
        potentiatingPost = StateStreams.readInts(in);
        potentiatingGain = StateStreams.readFloats(in);
        gainRow = StateStreams.readFloats(in);
    }
}
