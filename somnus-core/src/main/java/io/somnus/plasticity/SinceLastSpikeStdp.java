package io.somnus.plasticity;

import io.somnus.core.NumberText;
import io.somnus.core.StateStreams;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeHistory;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The STDP rule of the authors' code as it ran (Massey et al.; docs/fidelity.md §1.4, {@code spike_timing} in
 * {@code src/weight_funcs.py:294-338 @40b7d33}), called at step t of a stream of steps that starts at the last reset:
 * <ul>
 *   <li>each neuron's <em>steps since its last spike</em>, counted with this step's spikes (0 = spiked now; a
 *       neuron that has not spiked since the reset counts from a virtual spike one step before the stream's first
 *       step, as their counters start at 0);</li>
 *   <li>a synapse is visited when its pre <b>or</b> its post neuron spiked at step t − 1 (once per step even if
 *       both did), so a pair one step apart is counted twice;</li>
 *   <li>with {@code Δ = since(post) − since(pre)} in steps: excitatory pre ({@code sign = +1})
 *       {@code Δ ≥ 0 → w += η·exp(−Δ·dt/τ_LTP)}, else {@code w −= η·exp(Δ·dt/τ_LTD)}; inhibitory pre
 *       ({@code sign = −1}) the same with the signs exchanged. A pre spike that drives its post one step later
 *       gives Δ = −1: causal pairs <em>depress</em> excitatory synapses;</li>
 *   <li>weights are clipped to the projection's bounds <em>before</em> the update (their {@code clip_weights}
 *       precedes {@code spike_timing}), so an updated weight may sit outside for one step; and the update runs
 *       before this step's spikes are delivered ({@link #updatesBeforeDelivery()}), as their next membrane update
 *       reads the weights after it.</li>
 * </ul>
 * Increments are {@code (float) (η·exp(−k·dt/τ))}, tabulated per k in double and rounded once, then added in
 * float: validation/paper_code does the same arithmetic.
 */
public final class SinceLastSpikeStdp implements Plasticity {
    /**
     * The signed change of a weight for Δ = k − {@link #zeroAt}, k in [1, length): {@code −sign·ltd[−Δ]} for Δ &lt; 0,
     * {@code sign·ltp[Δ]} for Δ ≥ 0, each as the float product the rule defines; both ends are the ±0 every Δ beyond
     * them gives. One load per visit instead of a branch on the sign of Δ, which is as likely one way as the other.
     * Entry 0 is −0, the change of a synapse the column walk must leave alone: w + (−0) is w, bit for bit, for every w
     * (a NaN and −0 included), so that walk needs no branch on it ({@link #visitColumn}).
     */
    private final float[] change;
    private final int zeroAt;
    private final double eta;
    private final double tauLtpMs;
    private final double tauLtdMs;
    private final int sign;
    /**
     * The synapses the last step's update left outside the projection's bounds ({@link Projection#outsideBounds}, which
     * may also list a weight that clipping leaves as it is), clipped at the next step (see the class comment). Their
     * code clips every weight at every step; only these can be outside, since the projection starts within its bounds
     * and sleep ends by clipping every weight (a weight normalisation, which their model does not have, would be
     * clipped only where this rule next updates it).
     */
    private int[] outside = new int[0];
    private int outsideCount;
    /**
     * The pre and post neurons that spiked at {@link #listedStep} (copies of the populations' spike lists, taken at
     * the end of that step's update of {@link #listedFor}): the next step visits their synapses without testing every
     * neuron; each is still checked against its spike steps, so a stale list (a reset between) visits nothing wrong.
     */
    private int[] preListed = new int[0];
    private int preListedCount;
    private int[] postListed = new int[0];
    private int postListedCount;
    private int listedStep = Population.NEVER;
    private final double dtMs;
    /** Scratch of {@link #apply}: steps since each pre neuron last spiked, −1 for those that spiked at t − 1. */
    private int[] preSinceBuffer = new int[0];
    private Projection listedFor;
    /**
     * The step whose pre ({@link #droppedPre}) or post ({@link #droppedPost}) spikes visit nothing at the next step,
     * for {@link #droppedFor} ({@link #dropSpikesOf}): the authors' loop zeroes them in the spike vector it passes on.
     */
    private int droppedStep = Population.NEVER;
    private boolean droppedPre;
    private boolean droppedPost;
    private Projection droppedFor;

    /**
     * Pre neurons whose spikes of {@link #untimedStep} have no spike time ({@link #visitUntimedPreSpikes}), for
     * {@link #untimedFor}: the next step visits their rows with since(pre) from their spike times as they stand. Not in
     * a resume snapshot: it is read at the step after, within the image it was listed in.
     */
    private int[] untimedPre = new int[0];
    private int untimedCount;
    private int untimedStep = Population.NEVER;
    private Projection untimedFor;

    @Override
    public double dtMs() {
        return dtMs;
    }

    /**
     * The authors' code's rule for one projection.
     *
     * @param eta       η (their learning_rate_exc for input/E pre, learning_rate_inh for I pre)
     * @param tauLtpMs  τ_LTP (ms), for Δ ≥ 0
     * @param tauLtdMs  τ_LTD (ms), for Δ &lt; 0
     * @param sign      +1 excitatory pre, −1 inhibitory pre
     * @param dtMs      the time step (ms)
     * @throws IllegalArgumentException for a sign other than ±1, a negative or infinite η, or a τ_LTP, τ_LTD or dt
     *                                  that is not finite and &gt; 0 (naming the values)
     */
    public SinceLastSpikeStdp(double eta, double tauLtpMs, double tauLtdMs, int sign, double dtMs) {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("STDP sign must be +1 or -1, got " + sign);
        }
        if (!(eta >= 0 && Double.isFinite(eta)) || !(tauLtpMs > 0 && Double.isFinite(tauLtpMs))
                || !(tauLtdMs > 0 && Double.isFinite(tauLtdMs)) || !(dtMs > 0 && Double.isFinite(dtMs))) {
            throw new IllegalArgumentException("since-last-spike STDP needs η >= 0 and τ_LTP, τ_LTD, dt > 0, all finite;"
                    + " got η " + NumberText.of(eta) + ", τ_LTP " + NumberText.of(tauLtpMs) + ", τ_LTD " + NumberText.of(tauLtdMs) + ", dt " + NumberText.of(dtMs));
        }
        this.dtMs = dtMs;
        this.eta = eta;
        this.tauLtpMs = tauLtpMs;
        this.tauLtdMs = tauLtdMs;
        this.sign = sign;
        float[] ltp = increments(eta, tauLtpMs, dtMs);
        float[] ltd = increments(eta, tauLtdMs, dtMs);
        this.zeroAt = ltd.length;
        this.change = new float[zeroAt + ltp.length];
        change[0] = -0f;
        for (int k = 1; k < ltd.length; k++) {
            change[zeroAt - k] = -sign * ltd[k];
        }
        for (int k = 0; k < ltp.length; k++) {
            change[zeroAt + k] = sign * ltp[k];
        }
    }

    /**
     * The rule by name rather than position (τ_LTP and τ_LTD build as well swapped): the paper-code preset's values
     * for excitatory pre neurons (η = 8·10⁻⁴, τ_LTP = 10 ms, τ_LTD = 7.5 ms, sign +1) unless set, e.g.
     * {@code SinceLastSpikeStdp.builder(1.0).eta(5e-3).sign(-1).build()} for its inhibitory ones.
     * {@link Builder#build()} checks the values as the constructor does.
     *
     * @param dtMs the network's time step (ms), which the rule must share
     */
    public static Builder builder(double dtMs) {
        return new Builder(dtMs);
    }

    /** See {@link #builder}; each setter names the constructor's parameter. */
    public static final class Builder {
        private final double dtMs;
        private double eta = 8e-4;
        private double tauLtpMs = 10;
        private double tauLtdMs = 7.5;
        private int sign = 1;

        private Builder(double dtMs) {
            this.dtMs = dtMs;
        }

        /** η (default 8·10⁻⁴, the authors' learning_rate_exc). */
        public Builder eta(double v) {
            eta = v;
            return this;
        }

        /** τ_LTP in ms, for Δ ≥ 0 (default 10). */
        public Builder tauLtpMs(double v) {
            tauLtpMs = v;
            return this;
        }

        /** τ_LTD in ms, for Δ &lt; 0 (default 7.5). */
        public Builder tauLtdMs(double v) {
            tauLtdMs = v;
            return this;
        }

        /** +1 (default) for an excitatory pre population, −1 for an inhibitory one. */
        public Builder sign(int v) {
            sign = v;
            return this;
        }

        /**
         * The rule.
         *
         * @throws IllegalArgumentException as the constructor, naming the value
         */
        public SinceLastSpikeStdp build() {
            return new SinceLastSpikeStdp(eta, tauLtpMs, tauLtdMs, sign, dtMs);
        }
    }

    /** η. */
    public double eta() {
        return eta;
    }

    /** τ_LTP (ms). */
    public double tauLtpMs() {
        return tauLtpMs;
    }

    /** τ_LTD (ms). */
    public double tauLtdMs() {
        return tauLtdMs;
    }

    /** +1 for an excitatory pre population, −1 for an inhibitory one. */
    public int sign() {
        return sign;
    }

    /** (float) (η·exp(−k·dt/τ)) for k = 0, 1, … up to the first k where it rounds to 0 (the last entry). */
    private static float[] increments(double eta, double tauMs, double dtMs) {
        int n = 1;
        while (n < 1 << 20 && (float) (eta * Math.exp(-n * dtMs / tauMs)) != 0f) {
            n++;
        }
        float[] t = new float[n + 1];
        for (int k = 0; k < n; k++) {
            t[k] = (float) (eta * Math.exp(-k * dtMs / tauMs));
        }
        return t;
    }

    /**
     * The signed change of a weight for Δ steps (≥ 0: the LTP branch, &lt; 0: the LTD branch): the definition, which
     * {@link #apply} reads from the table directly, clamping only the end each of its loops can reach.
     */
    float change(int delta) {
        return change[Math.min(Math.max(delta + zeroAt, 1), change.length - 1)];
    }

    @Override
    public String name() {
        return "since-last-spike";
    }

    @Override
    public boolean updatesBeforeDelivery() {
        return true;
    }

    @Override
    public void dropSpikesOf(Projection p, int step, boolean pre, boolean post) {
        droppedStep = step;
        droppedPre = pre;
        droppedPost = post;
        droppedFor = p;
    }

    /** A reset restarts the steps from 0: untimed spikes listed before it must not be visited by a step after it. */
    @Override
    public void resetState() {
        untimedFor = null;
        untimedCount = 0;
    }

    @Override
    public void visitUntimedPreSpikes(Projection p, int step) {
        untimedPre = copySpikes(p.pre().spikes(), untimedPre);
        untimedCount = p.pre().spikeCount();
        untimedStep = step;
        untimedFor = p;
    }

    @Override
    public void apply(Projection p, int step) {
        float[] w = p.weights();
        int[] rowStart = p.rowStart();
        for (int k = 0; k < outsideCount; k++) {
            int s = outside[k];
            w[s] = p.clamp(w[s]);
        }
        int count = 0;
        SpikeHistory pre = p.preSpikes(); // as they reach the synapses: a delayed projection's arrive late
        SpikeHistory post = p.post().spikes();
        if (outside.length < w.length) { // each synapse is visited at most once per step
            outside = new int[w.length];
        }
        int[] outside = this.outside;
        int[] preLast = pre.lastSpikeStep();
        int[] prePrev = pre.previousSpikeStep();
        int[] postLast = post.lastSpikeStep();
        int[] postPrev = post.previousSpikeStep();
        int before = step - 1;
        float lo = p.wMin();
        float hi = p.wMax();
        boolean listed = listedFor == p && listedStep == before;
        // spikes of t − 1 left out (dropSpikesOf): their rows or columns are not walked and a dropped pre is not marked
        // as visited, so a post spike of t − 1 still visits its synapse, with since(pre) from the spike time as it stands
        boolean dropping = droppedFor == p && droppedStep == before;
        boolean walkPre = !(dropping && droppedPre);
        boolean walkPost = !(dropping && droppedPost);
        float[] change = this.change;
        int last = change.length - 1;
        // synapses of pre neurons that spiked at t − 1: since(pre) is 0 or 1, so Δ ≥ −1 and the index ≥ zeroAt − 1 ≥ 1;
        // since(post) is read from the post's last spike step (no array of them to fill first: virtualLast)
        int[] postIndex = p.postIndex();
        for (int k = 0, n = !walkPre ? 0 : listed ? preListedCount : pre.size(); k < n; k++) {
            int i = listed ? preListed[k] : k;
            if (!spikedAt(preLast, prePrev, i, before)) {
                continue;
            }
            // Δ = since(post) − since(pre) = preLast[i] − virtualLast(post): this neuron has spiked
            count = visitRow(w, rowStart[i], rowStart[i + 1], postIndex, postLast, change, zeroAt + preLast[i], last,
                    lo, hi, outside, count);
        }
        // untimed pre spikes of t − 1 (the authors' input row 0): since(pre) from the spike time as it stands, so Δ
        // is clamped at both ends
        boolean untimed = untimedFor == p && untimedStep == before;
        for (int k = 0, n = untimed ? untimedCount : 0; k < n; k++) {
            int i = untimedPre[k];
            if (walkPre && spikedAt(preLast, prePrev, i, before)) {
                continue; // its row was walked above (a timed spike at t − 1 too): each synapse once per step
            }
            int base = zeroAt + virtualLast(preLast[i]);
            for (int s = rowStart[i], end = rowStart[i + 1]; s < end; s++) {
                float x = w[s] + change[Math.min(Math.max(base - virtualLast(postLast[postIndex[s]]), 1), last)];
                w[s] = x;
                outside[count] = s;
                count += Projection.outsideBounds(x, lo, hi);
            }
        }
        // synapses of post neurons that spiked at t − 1, unless already visited from their pre (marked −1): since(post)
        // is 0 or 1, so Δ ≤ 1 and the index ≤ zeroAt + 1 ≤ last
        int[] colStart = p.colStart();
        int[] colSynapse = p.colSynapse();
        int[] colPre = p.colPre();
        int[] preSince = null;
        for (int k = 0, n = !walkPost ? 0 : listed ? postListedCount : post.size(); k < n; k++) {
            int j = listed ? postListed[k] : k;
            if (!spikedAt(postLast, postPrev, j, before)) {
                continue;
            }
            if (preSince == null) {
                preSince = preSinceBuffer = grown(preSinceBuffer, pre.size());
                markedSince(pre, step, preSince, listed || !walkPre, preListed, walkPre ? preListedCount : 0, before);
                for (int u = 0, m = untimed ? untimedCount : 0; u < m; u++) {
                    preSince[untimedPre[u]] = -1; // visited from their row above
                }
            }
            count = visitColumn(w, colStart[j], colStart[j + 1], colSynapse, colPre, preSince, change,
                    zeroAt + since(postLast[j], step), lo, hi, outside, count);
        }
        outsideCount = count;
        preListed = copySpikes(pre, preListed);
        preListedCount = pre.spikeCount();
        postListed = copySpikes(post, postListed);
        postListedCount = post.spikeCount();
        listedStep = step;
        listedFor = p;
    }

    /**
     * The row walk: synapses [s, end) of a pre neuron that spiked at t − 1, each changed by the table's entry at
     * {@code base − virtualLast(post)} (at most {@code last}); those left outside [lo, hi] are listed in {@code outside}
     * from {@code count} on (kept only when outside: no branch on it). Returns the new count. Both walks are methods of
     * their own, which the launcher compiles apart ({@code dontinline}): inlined into {@link #apply}, C2 ran out of
     * registers and kept {@code count} on the stack, a load and a store in every visit (docs/performance-rounds.md,
     * forty-first round).
     */
    private static int visitRow(float[] w, int s, int end, int[] postIndex, int[] postLast, float[] change, int base,
                                int last, float lo, float hi, int[] outside, int count) {
        for (; s < end; s++) {
            float x = w[s] + change[Math.min(base - virtualLast(postLast[postIndex[s]]), last)];
            w[s] = x;
            outside[count] = s;
            count += Projection.outsideBounds(x, lo, hi);
        }
        return count;
    }

    /**
     * The column walk: the synapses [c, end) of the column lists of a post neuron that spiked at t − 1, each changed by
     * the table's entry at {@code base − since(pre)} (at least 1); those whose pre is marked −1 in {@code preSince}
     * (visited from their row) get entry 0, −0, which leaves them as they are, and are not listed again: no branch on
     * the mark, which follows the random input spikes. Listed in {@code outside} as in {@link #visitRow}. Returns the
     * new count.
     */
    private static int visitColumn(float[] w, int c, int end, int[] colSynapse, int[] colPre, int[] preSince,
                                   float[] change, int base, float lo, float hi, int[] outside, int count) {
        for (; c < end; c++) {
            int sincePre = preSince[colPre[c]];
            int keep = ~(sincePre >> 31); // 0 for a pre marked −1, else all ones
            int s = colSynapse[c];
            float x = w[s] + change[Math.max(base - sincePre, 1) & keep]; // entry 0, −0, for a marked pre
            w[s] = x;
            outside[count] = s;
            count += Projection.outsideBounds(x, lo, hi) & keep;
        }
        return count;
    }

    /**
     * Steps since each neuron of {@code pop} last spiked, at {@code step}, into {@code into}, and −1 for the neurons
     * that spiked at step {@code before}: one pass of {@link #virtualLast} over the population, without a branch on
     * {@link Population#NEVER} or on a spike, then the −1 of those among the candidates, which are
     * {@code spikedBefore[0..count)} when {@code listed} (every neuron that spiked at {@code before} is there), else
     * every neuron.
     */
    private static void markedSince(SpikeHistory pop, int step, int[] into, boolean listed, int[] spikedBefore,
                                    int count, int before) {
        int[] last = pop.lastSpikeStep();
        int[] previous = pop.previousSpikeStep();
        for (int i = 0, n = pop.size(); i < n; i++) {
            into[i] = step - virtualLast(last[i]);
        }
        for (int k = 0, n = listed ? count : pop.size(); k < n; k++) {
            int i = listed ? spikedBefore[k] : k;
            if (spikedAt(last, previous, i, before)) {
                into[i] = -1;
            }
        }
    }

    /**
     * The step {@link #since} counts from: the last spike, or −1 for a neuron that has not spiked since the reset.
     * Steps count from 0 at the reset ({@link io.somnus.network.Network#step}), so a spike step is never below 0 and
     * {@link Population#NEVER} is below −1.
     */
    static int virtualLast(int lastSpikeStep) {
        return Math.max(lastSpikeStep, -1);
    }

    private static int[] grown(int[] a, int n) {
        return a.length >= n ? a : new int[n];
    }

    /** This step's spikes of {@code pop}, copied into {@code into} (grown when too short). */
    private static int[] copySpikes(SpikeHistory pop, int[] into) {
        int n = pop.spikeCount();
        int[] out = into.length >= n ? into : new int[Math.max(n, 2 * into.length)];
        System.arraycopy(pop.spiked(), 0, out, 0, n);
        return out;
    }

    /** Steps since the last spike at {@code step}; never spiked: counted from step −1. */
    static int since(int lastSpikeStep, int step) {
        return lastSpikeStep == Population.NEVER ? step + 1 : step - lastSpikeStep;
    }

    /** Whether neuron k spiked at {@code step}, given its last two spike steps (this step's spikes included). */
    private static boolean spikedAt(int[] last, int[] previous, int k, int step) {
        return last[k] == step || previous[k] == step;
    }

    /**
     * Writes the synapses left outside their bounds (clipped at the next step), the spike lists of the last step and
     * the spikes dropped at it, with whether they were taken for {@code projection} (the rule's own).
     */
    @Override
    public void writeState(Projection projection, DataOutput out) throws IOException {
        StateStreams.writeInts(out, outside);
        out.writeInt(outsideCount);
        StateStreams.writeInts(out, preListed);
        out.writeInt(preListedCount);
        StateStreams.writeInts(out, postListed);
        out.writeInt(postListedCount);
        out.writeInt(listedStep);
        out.writeBoolean(listedFor == projection);
        if (listedFor != null && listedFor != projection) {
            throw new IllegalStateException("since-last-spike STDP of projection " + projection.name() + " lists "
                    + "spikes of another projection, " + listedFor.name());
        }
        StateStreams.writeInts(out, preSinceBuffer);
        out.writeInt(droppedStep);
        out.writeBoolean(droppedPre);
        out.writeBoolean(droppedPost);
        out.writeBoolean(droppedFor == projection);
        if (droppedFor != null && droppedFor != projection) {
            throw new IllegalStateException("since-last-spike STDP of projection " + projection.name() + " drops "
                    + "spikes of another projection, " + droppedFor.name());
        }
    }

    @Override
    public void readState(Projection projection, DataInput in) throws IOException {
        int[] out = StateStreams.readInts(in);
        int outCount = in.readInt();
        int[] pre = StateStreams.readInts(in);
        int preCount = in.readInt();
        int[] post = StateStreams.readInts(in);
        int postCount = in.readInt();
        if (outCount < 0 || outCount > out.length || preCount < 0 || preCount > pre.length || postCount < 0
                || postCount > post.length) {
            throw new IOException("since-last-spike STDP of projection " + projection.name() + ": counts "
                    + outCount + ", " + preCount + ", " + postCount + " past their lists");
        }
        outside = out;
        outsideCount = outCount;
        preListed = pre;
        preListedCount = preCount;
        postListed = post;
        postListedCount = postCount;
        listedStep = in.readInt();
        listedFor = in.readBoolean() ? projection : null;
        preSinceBuffer = StateStreams.readInts(in);
        droppedStep = in.readInt();
        droppedPre = in.readBoolean();
        droppedPost = in.readBoolean();
        droppedFor = in.readBoolean() ? projection : null;
    }

    /** The rule and its values, e.g. {@code since-last-spike STDP (η 0.0005, τ_ltp 7.5 ms, τ_ltd 7.5 ms, sign +1, dt 1 ms)}. */
    @Override
    public String toString() {
        return name() + " STDP (η " + NumberText.of(eta) + ", τ_ltp " + NumberText.of(tauLtpMs) + " ms, τ_ltd "
                + NumberText.of(tauLtdMs) + " ms, sign " + (sign > 0 ? "+1" : "−1") + ", dt " + NumberText.of(dtMs) + " ms)";
    }
}
