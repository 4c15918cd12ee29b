package io.somnus.synapse;

import io.somnus.core.NumberText;
import io.somnus.core.StateStreams;
import io.somnus.kernel.Kernels;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeHistory;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The synapses from one population to another (PyNN's Projection), stored sparsely. Synapses are
 * ordered by presynaptic neuron (CSR: the outgoing synapses of pre neuron i are
 * {@code [rowStart[i], rowStart[i+1])}), which is what event-driven propagation walks; a column index
 * (CSC) lists each post neuron's incoming synapse ids for plasticity on postsynaptic spikes.
 * Weights are one flat {@code float[]} indexed by synapse id, in the postsynaptic model's input unit
 * (current for {@link io.somnus.neuron.CurrentLifPopulation}, conductance for
 * {@link io.somnus.neuron.ConductanceLifPopulation}).
 */
public final class Projection {
    private final String name;
    private final Population pre;
    private final Population post;
    private final Receptor receptor;
    private final int[] rowStart;
    private final int[] colStart;
    /** Each synapse's post and pre neuron and the column lists; a regular shape's are built on first use. */
    private final SynapseIndex index;
    private final float[] w;
    private final float wMin;
    private final float wMax;
    /** Every row holds all post neurons in order: synapse (i, j) is {@code i·post + j}. */
    private final boolean dense;
    /**
     * Every row holds all post neurons but the pre neuron's own index, in order (all-but-self between equal
     * sizes): row i is {@code [0, i)} then {@code (i, n)}, two contiguous runs.
     */
    private final boolean allButSelf;
    /** Scratch: the first synapse of each row that spiked this step (dense propagation). */
    private final int[] spikedRowStart;
    /**
     * A frozen copy's weights as a dense [pre][post] matrix, 0 where there is no synapse, for a sparse projection
     * whose whole rows add faster than its synapses one by one ({@link #frozenCopy}); else null.
     */
    private final float[] frozenRows;
    private final Kernels kernels;
    private Plasticity plasticity;
    /** The axonal delay's line, or null for a delay of one step (dt): see {@link #withDelaySteps}. */
    private DelayLine delayLine;
    /** A delay per synapse, or null: see {@link #withSynapseDelays}. */
    private SynapseDelays synapseDelays;
    /** The presynaptic spikes as they reach the synapses: the pre population's own, or the delay line's arrivals. */
    private SpikeHistory preSpikes;
    private long synapticEvents;
    /** The columns a normalisation may skip; shared with the projections that share {@link #w}. */
    private final SettledColumns settled;

    /**
     * The constructor's parameters by name, e.g. {@code Projection.named("input_e").from(input).to(e)
     * .receptor(Receptor.EXCITATORY).synapses(list).weights(w).bounds(1e-4f, Float.POSITIVE_INFINITY).build()}: the
     * pre and post populations, one type, cannot trade places unseen (a swap of two populations of one size builds
     * by position), nor the bounds (a swapped pair is refused either way). Bounds default to none (−∞, +∞), kernels
     * to {@link Kernels#preferred()}; the rest must be set.
     *
     * @param name the projection's name (a run's {@code input_e}, {@code e_i}, …)
     */
    public static Builder named(String name) {
        return new Builder(Objects.requireNonNull(name, "name"));
    }

    /** See {@link #named}; {@link #build()} checks as the constructor does, and names a setter not called. */
    public static final class Builder {
        private final String name;
        private Population pre;
        private Population post;
        private Receptor receptor;
        private SynapseList synapses;
        private float[] weights;
        private float wMin = Float.NEGATIVE_INFINITY;
        private float wMax = Float.POSITIVE_INFINITY;
        private Kernels kernels = Kernels.preferred();

        private Builder(String name) {
            this.name = name;
        }

        /** The presynaptic population (or spike source). */
        public Builder from(Population v) {
            pre = v;
            return this;
        }

        /** The postsynaptic population. */
        public Builder to(Population v) {
            post = v;
            return this;
        }

        /** Which input of the post population the synapses drive. */
        public Builder receptor(Receptor v) {
            receptor = v;
            return this;
        }

        /** The (pre, post) pairs, each within the populations' sizes. */
        public Builder synapses(SynapseList v) {
            synapses = v;
            return this;
        }

        /**
         * One finite initial weight per synapse, in the order of {@link #synapses}, in the post population's input
         * unit; held, not copied, until {@link #build()} copies it.
         */
        public Builder weights(float[] v) {
            weights = v;
            return this;
        }

        /** The weight bounds [wMin, wMax] (default none: −∞, +∞); a weight outside is clamped into them. */
        public Builder bounds(float wMin, float wMax) {
            this.wMin = wMin;
            this.wMax = wMax;
            return this;
        }

        /** The loops it runs on (default {@link Kernels#preferred()}; every kernel gives the same numbers). */
        public Builder kernels(Kernels v) {
            kernels = v;
            return this;
        }

        /**
         * The projection.
         *
         * @throws IllegalStateException    naming the setter not called (from, to, receptor, synapses, weights)
         * @throws IllegalArgumentException as the constructor
         */
        public Projection build() {
            String missing = pre == null ? "from" : post == null ? "to" : receptor == null ? "receptor"
                    : synapses == null ? "synapses" : weights == null ? "weights" : null;
            if (missing != null) {
                throw new IllegalStateException("projection " + name + ": " + missing + "(…) was not given");
            }
            return new Projection(name, pre, post, receptor, synapses, weights, wMin, wMax, kernels);
        }
    }

    /** A projection that, with its plasticity, runs on {@link Kernels#preferred()}. */
    public Projection(String name, Population pre, Population post, Receptor receptor, SynapseList synapses,
                      float[] initialWeights, float wMin, float wMax) {
        this(name, pre, post, receptor, synapses, initialWeights, wMin, wMax, Kernels.preferred());
    }

    /**
     * A static projection named {@code name} (unique in its network) from {@code pre} to {@code post}, delivering into
     * the post population's {@code receptor} input ({@link #withPlasticity} makes it plastic); {@link #named} gives the
     * same by name.
     *
     * @param synapses       (pre, post) pairs, each within the populations' sizes
     * @param initialWeights one finite weight per synapse, in the order of {@code synapses}; a weight outside
     *                       [wMin, wMax] is clamped into it without a word
     * @param wMin           lower weight bound (−∞ for none)
     * @param wMax           upper bound (+∞ for none)
     * @param kernels        the loops for propagation, plasticity and normalisation (all kernels give the same numbers)
     * @throws IllegalArgumentException naming the projection, for a synapse outside the populations, a weight that is
     *                                  not finite, or bounds that hold no weight
     * @throws NullPointerException     naming what is missing, for a null argument
     */
    public Projection(String name, Population pre, Population post, Receptor receptor, SynapseList synapses,
                      float[] initialWeights, float wMin, float wMax, Kernels kernels) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pre, () -> "projection " + name + ": pre population");
        Objects.requireNonNull(post, () -> "projection " + name + ": post population");
        Objects.requireNonNull(receptor, () -> "projection " + name + ": receptor (EXCITATORY or INHIBITORY)");
        Objects.requireNonNull(synapses, () -> "projection " + name + ": synapses");
        Objects.requireNonNull(initialWeights, () -> "projection " + name + ": initialWeights");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        checkBounds(name, post, receptor, initialWeights, wMin, wMax);
        this.name = name;
        this.pre = pre;
        this.post = post;
        this.receptor = receptor;
        int n = synapses.size();
        if (initialWeights.length != n) {
            throw new IllegalArgumentException("projection " + name + ": " + initialWeights.length + " weights for " + n + " synapses");
        }
        this.w = new float[n];
        SynapseList.Shape shape = synapses.shapeBetween(pre.size(), post.size());
        if (shape != SynapseList.Shape.LISTED) {
            // pre by pre in post order: the pairs' order is the synapse order, and every row (column) is as long
            System.arraycopy(initialWeights, 0, w, 0, n);
            int row = shape == SynapseList.Shape.ALL_TO_ALL ? post.size() : post.size() - 1;
            int column = shape == SynapseList.Shape.ALL_TO_ALL ? pre.size() : pre.size() - 1;
            this.rowStart = new int[pre.size() + 1];
            for (int i = 0; i < pre.size(); i++) {
                rowStart[i + 1] = rowStart[i] + row;
            }
            this.colStart = new int[post.size() + 1];
            for (int j = 0; j < post.size(); j++) {
                colStart[j + 1] = colStart[j] + column;
            }
            this.index = SynapseIndex.regular(shape, pre.size(), post.size(), colStart);
            this.dense = shape == SynapseList.Shape.ALL_TO_ALL;
            this.allButSelf = shape == SynapseList.Shape.ALL_BUT_SELF;
        } else {
            checkPairs(name, synapses, pre, post);
            this.rowStart = new int[pre.size() + 1];
            for (int k = 0; k < n; k++) {
                rowStart[synapses.pre(k) + 1]++;
            }
            for (int i = 0; i < pre.size(); i++) {
                rowStart[i + 1] += rowStart[i];
            }
            int[] postIndex = new int[n];
            int[] preIndex = new int[n];
            boolean grouped = true; // the connectors list synapses pre by pre: then the sort is the identity
            for (int k = 1; k < n && grouped; k++) {
                grouped = synapses.pre(k - 1) <= synapses.pre(k);
            }
            int[] order = null; // null: the identity, not built (4 B per synapse)
            if (!grouped) {
                int[] fill = Arrays.copyOf(rowStart, pre.size());
                // stable counting sort by pre keeps the connector's order within a row
                order = new int[n];
                for (int k = 0; k < n; k++) {
                    order[fill[synapses.pre(k)]++] = k;
                }
            }
            for (int s = 0; s < n; s++) {
                int k = order == null ? s : order[s];
                postIndex[s] = synapses.post(k);
                preIndex[s] = synapses.pre(k);
                w[s] = initialWeights[k];
            }
            this.colStart = new int[post.size() + 1];
            for (int s = 0; s < n; s++) {
                colStart[postIndex[s] + 1]++;
            }
            for (int j = 0; j < post.size(); j++) {
                colStart[j + 1] += colStart[j];
            }
            this.index = SynapseIndex.listed(postIndex, preIndex, colStart);
            this.dense = isDense(postIndex, pre.size(), post.size());
            this.allButSelf = !dense && isAllButSelf(rowStart, postIndex, pre.size(), post.size());
        }
        this.wMin = wMin;
        this.wMax = wMax;
        this.spikedRowStart = new int[pre.size()];
        this.frozenRows = null;
        this.settled = new SettledColumns(post.size());
        this.preSpikes = pre.spikes();
        clampAll();
    }

    /**
     * Refuses bounds that cannot hold a weight (NaN, {@code wMin > wMax}), and an inhibitory projection with a positive
     * weight that its bounds keep onto a population whose receptors add into one current
     * ({@link Population#receptorsShareOneCurrent}), where the weight would excite (PyNN's positive inhibitory weights).
     */
    private static void checkBounds(String name, Population post, Receptor receptor, float[] initialWeights, float wMin,
            float wMax) {
        for (int s = 0; s < initialWeights.length; s++) {
            if (!Float.isFinite(initialWeights[s])) { // clamping keeps a NaN, and the membrane turns NaN in a few steps
                throw new IllegalArgumentException("projection " + name + ": synapse " + s + " has initial weight "
                        + initialWeights[s] + "; give finite weights");
            }
        }
        if (Float.isNaN(wMin) || Float.isNaN(wMax) || wMin > wMax) {
            throw new IllegalArgumentException("projection " + name + ": weight bounds [" + NumberText.of(wMin) + ", " + NumberText.of(wMax)
                    + "] hold no weight; give w_min <= w_max (−∞ and +∞ for none)");
        }
        if (post.receptorsShareOneCurrent() && receptor == Receptor.INHIBITORY && wMax > 0) {
            for (int s = 0; s < initialWeights.length; s++) {
                if (initialWeights[s] > 0) {
                    throw new IllegalArgumentException("projection " + name + ": inhibitory onto current-based population "
                            + post.name() + ", whose receptors add into one current, but synapse " + s + " has weight "
                            + initialWeights[s] + ", which would excite; give inhibitory weights as negative numbers");
                }
            }
        }
    }

    /**
     * Refuses a pair outside the populations (a list made for other sizes), which would otherwise fail with a bare
     * index error here or later. The regular shapes made for these sizes need no check: their pairs are in range.
     */
    private static void checkPairs(String name, SynapseList synapses, Population pre, Population post) {
        for (int k = 0, n = synapses.size(); k < n; k++) {
            int i = synapses.pre(k);
            int j = synapses.post(k);
            if (i >= pre.size() || j >= post.size()) { // SynapseList.add refuses negative indices
                throw new IllegalArgumentException("projection " + name + ": synapse " + k + " connects pre " + i
                        + " to post " + j + ", outside " + pre.name() + " (" + pre.size() + " neurons) → " + post.name()
                        + " (" + post.size() + " neurons); build the synapses for these populations' sizes");
            }
        }
    }

    /**
     * Bytes of the index lists a regular projection (all-to-all, all-but-self) of {@code synapses} synapses will
     * build: a plastic one that is not dense is asked for them, the others never are (a listed projection holds them
     * from the start).
     */
    public static long indexBytes(long synapses, boolean plastic, boolean dense) {
        return plastic && !dense ? (long) SynapseIndex.BYTES_PER_SYNAPSE * synapses : 0;
    }

    /**
     * Bytes of its synapse arrays (weights, row and column starts, the index lists where it holds them or its
     * plasticity will build them: a plastic projection that is not dense walks them, and a frozen copy's dense
     * matrix): what it holds while the network runs.
     */
    public long bytes() {
        long ints = (long) rowStart.length + colStart.length + spikedRowStart.length;
        long lists = index.built() ? (long) SynapseIndex.BYTES_PER_SYNAPSE * w.length
                : indexBytes(w.length, isPlastic(), dense);
        long floats = (long) w.length + (frozenRows == null ? 0 : frozenRows.length);
        return Integer.BYTES * ints + lists + Float.BYTES * floats
                + (synapseDelays == null ? 0 : SynapseDelays.BYTES_PER_SYNAPSE * w.length);
    }

    /** The projection's name, unique in its network (a run's: the configuration's, e.g. {@code input_e}). */
    public String name() {
        return name;
    }

    /** The presynaptic population. */
    public Population pre() {
        return pre;
    }

    /** The postsynaptic population. */
    public Population post() {
        return post;
    }

    /** Which input of the post neurons the synapses drive. */
    public Receptor receptor() {
        return receptor;
    }

    /** The number of synapses: the length of {@link #weights()}. */
    public int synapseCount() {
        return w.length;
    }

    /**
     * Weights by synapse id; live view (plasticity and sleep write here). Taking it counts as changing every weight
     * (see {@link #settledColumns()}); writers that report the columns they change take
     * {@link #weightsForColumnWrites()}.
     */
    public float[] weights() {
        settled.disturbAll();
        return w;
    }

    /**
     * The live weights, as {@link #weights()}, for a writer that reports to {@link #settledColumns()} every
     * column (post neuron) whose incoming weights it changes.
     */
    public float[] weightsForColumnWrites() {
        return w;
    }

    /** The post neurons whose incoming weights a normalisation would leave as they are. */
    public SettledColumns settledColumns() {
        return settled;
    }

    /**
     * Pre neuron i's synapses are ids {@code [rowStart()[i], rowStart()[i + 1])}. This and the other index arrays
     * ({@link #colStart()}, {@link #postIndex()}, {@link #preIndex()}, {@link #colSynapse()}, {@link #colPre()}) are
     * the projection's own, not copies: read them, never write them.
     */
    public int[] rowStart() {
        return rowStart;
    }

    /** The post neuron of each synapse (of a dense or all-but-self projection, built on the first call). */
    public int[] postIndex() {
        return index.lists().postIndex();
    }

    /** The pre neuron of each synapse (built on the first call, as {@link #postIndex()}). */
    public int[] preIndex() {
        return index.lists().preIndex();
    }

    /** The pre neuron of synapse {@code s} (of a dense or all-but-self projection, without the index lists). */
    public int preOf(int s) {
        return index.pre(s);
    }

    /** The post neuron of synapse {@code s}, as {@link #preOf}. */
    public int postOf(int s) {
        return index.post(s);
    }

    /** Post neuron j's incoming synapses are {@code colSynapse()[colStart()[j] .. colStart()[j + 1])}; read only. */
    public int[] colStart() {
        return colStart;
    }

    /** Each post neuron's incoming synapse ids, column after column (built on the first call, as {@link #postIndex()}). */
    public int[] colSynapse() {
        return index.lists().colSynapse();
    }

    /** The presynaptic neuron of each column entry: {@code colPre()[c] == preIndex()[colSynapse()[c]]}. */
    public int[] colPre() {
        return index.lists().colPre();
    }

    /** The lower weight bound (−∞ for none), in the weights' unit. */
    public float wMin() {
        return wMin;
    }

    /** The upper weight bound (+∞ for none), in the weights' unit. */
    public float wMax() {
        return wMax;
    }

    private static boolean isDense(int[] postIndex, int preSize, int postSize) {
        if (postIndex.length != (long) preSize * postSize) {
            return false;
        }
        for (int s = 0; s < postIndex.length; s++) {
            if (postIndex[s] != s % postSize) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllButSelf(int[] rowStart, int[] postIndex, int preSize, int postSize) {
        int n = postSize;
        if (preSize != n || n < 2 || postIndex.length != (long) n * (n - 1)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int s = rowStart[i];
            if (s != i * (n - 1) || rowStart[i + 1] != s + n - 1) {
                return false;
            }
            for (int j = 0; j < n - 1; j++) {
                if (postIndex[s + j] != (j < i ? j : j + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether the projection is all-to-all with rows in post order, so that synapse (i, j) is
     * {@code i·post.size() + j} and a row is a dense vector (the SIMD fast paths).
     */
    public boolean isDense() {
        return dense;
    }

    /**
     * Whether the projection connects every pre neuron to every post neuron but its own (pre = post), with rows in
     * post order: row i is posts 0..i−1, then i+1..n−1.
     */
    public boolean isAllButSelf() {
        return allButSelf;
    }

    /** The kernels this projection and its plasticity use. */
    public Kernels kernels() {
        return kernels;
    }

    /** The plasticity rule, or null for a static projection. */
    public Plasticity plasticity() {
        return plasticity;
    }

    /**
     * Makes this projection plastic under {@code rule} (null: static), which it {@linkplain Plasticity#attach attaches}.
     * The rule must be built for the network's dt, which the network checks.
     *
     * @return this projection
     * @throws IllegalArgumentException for a rule that cannot follow this projection's per-synapse delays
     */
    public Projection withPlasticity(Plasticity rule) {
        if (rule != null && synapseDelays != null && !rule.followsSynapseDelays()) {
            throw new IllegalArgumentException(synapseDelaysRefused(rule));
        }
        if (rule != null) {
            rule.attach(this);
        }
        this.plasticity = rule;
        return this;
    }

    /** Whether a plasticity rule was given ({@link #withPlasticity}). */
    public boolean isPlastic() {
        return plasticity != null;
    }

    /**
     * Sets the axonal delay to {@code steps} network steps (≥ 1): a spike the pre population emits at step t drives
     * the post neurons' update at step t + steps, and plasticity sees it reach the synapses at step t + steps − 1 (a
     * delayed {@code on_pre} pathway, as Brian2's). One step, the default, is the delay of every projection without
     * one: delivered at the end of the step it was emitted in. Spikes in flight are dropped at the network's
     * {@code resetState()}.
     *
     * @return this projection
     * @throws IllegalArgumentException naming the projection, for {@code steps < 1}, a delay per synapse given
     *                                  already, or more than 2²⁸ spikes that could be in flight at once (1 GiB)
     */
    public Projection withDelaySteps(int steps) {
        if (synapseDelays != null) {
            throw new IllegalArgumentException("projection " + name + ": has a delay per synapse already; give either "
                    + "one delay for all synapses or one per synapse");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("projection " + name + ": a delay of " + steps + " steps; the shortest "
                    + "is one step (dt), the delay of a projection without one");
        }
        if ((long) (steps - 1) * pre.size() > MAX_DELAY_LINE_SPIKES) {
            throw new IllegalArgumentException("projection " + name + ": a delay of " + steps + " steps would hold up to "
                    + (steps - 1) + " × " + pre.size() + " spikes in flight, more than " + MAX_DELAY_LINE_SPIKES
                    + " (1 GiB); give a shorter delay");
        }
        delayLine = steps == 1 ? null : new DelayLine(pre, steps);
        preSpikes = delayLine == null ? pre.spikes() : delayLine.arrivals();
        return this;
    }

    /**
     * Gives every synapse a delay of its own, {@code stepsPerSynapse[s]} network steps (≥ 1) for synapse s (by synapse
     * id, the order of {@link #weights()}): a spike the pre neuron emits at step t drives the synapse's post neuron at
     * step t + d_s, and plasticity sees it reach that synapse at step t + d_s − 1 ({@link SynapseDelays}). Replaces the
     * one delay of {@link #withDelaySteps}; spikes in flight are dropped at the network's {@code resetState()}.
     * <p>Synapse ids follow the connector's list where it is grouped by pre neuron, as every {@link Connector}'s is; a
     * hand-made list that is not was sorted by pre neuron (stably) when the projection was built, so give the delays in
     * that order: synapse s connects {@link #preOf preOf(s)} to {@link #postOf postOf(s)}.
     *
     * @throws IllegalArgumentException naming the projection, for a delay below 1 step, a count that is not the synapse
     *                                  count, a uniform delay set already, or a rule that cannot follow the delays
     */
    public Projection withSynapseDelays(int[] stepsPerSynapse) {
        Objects.requireNonNull(stepsPerSynapse, () -> "projection " + name + ": stepsPerSynapse");
        if (delayLine != null) {
            throw new IllegalArgumentException("projection " + name + ": has one delay for all synapses already ("
                    + delayLine.steps() + " steps); give either one delay for all synapses or one per synapse");
        }
        if (plasticity != null && !plasticity.followsSynapseDelays()) {
            throw new IllegalArgumentException(synapseDelaysRefused(plasticity));
        }
        synapseDelays = new SynapseDelays(name, pre, rowStart, stepsPerSynapse, index::post);
        return this;
    }

    private String synapseDelaysRefused(Plasticity rule) {
        return "projection " + name + ": rule " + rule.name() + " cannot follow a delay per synapse (it reads one "
                + "arrival time per pre neuron); use nearest-pair or triplet STDP, or one delay for all synapses";
    }

    /** The delay of each synapse ({@link #withSynapseDelays}), or null when all share {@link #delaySteps()}. */
    public SynapseDelays synapseDelays() {
        return synapseDelays;
    }

    /** The most spikes a delay line may hold: (delay − 1) × presynaptic neurons, 4 bytes each. */
    static final long MAX_DELAY_LINE_SPIKES = 1L << 28;

    /**
     * The axonal delay in network steps (1: a spike drives its targets at the next step); with a delay per synapse
     * ({@link #synapseDelays()}), the longest.
     */
    public int delaySteps() {
        if (synapseDelays != null) {
            return synapseDelays.maxSteps();
        }
        return delayLine == null ? 1 : delayLine.steps();
    }

    /**
     * The presynaptic spikes as they reach this projection's synapses: the pre population's own without a delay,
     * else those that arrive at the current step, with arrival steps as their spike steps. Delivery and plasticity
     * read these. With a delay per synapse, each delay has its own ({@link SynapseDelays#arrivals}), and this is the pre
     * population's own.
     */
    public SpikeHistory preSpikes() {
        return preSpikes;
    }

    /**
     * Moves the delay line on by one step after the pre population has integrated at {@code step} (the network calls
     * it each step, before delivery and plasticity); nothing without a delay.
     */
    public void advanceDelay(int step) {
        if (delayLine != null) {
            delayLine.advance(step);
        } else if (synapseDelays != null) {
            synapseDelays.advance(step);
        }
    }

    /** Drops the spikes in flight on the delay line (the network's {@code resetState()}); nothing without a delay. */
    public void resetDelay() {
        if (delayLine != null) {
            delayLine.reset();
        } else if (synapseDelays != null) {
            synapseDelays.reset();
        }
    }

    /**
     * Delivers this step's presynaptic spikes once more, without counting them as synaptic events: for an input
     * buffer rebuilt after another projection's delivery was taken back ({@code Network.dropLastStepSpikes}).
     */
    public void redeliver() {
        long counted = synapticEvents;
        propagate();
        synapticEvents = counted;
    }

    /** Synaptic events delivered so far (one per spike per outgoing synapse). */
    public long synapticEvents() {
        return synapticEvents;
    }

    /** Sets the count of {@link #synapticEvents} to 0: those delivered from now on are counted. */
    public void clearSynapticEvents() {
        synapticEvents = 0;
    }

    /**
     * Delivers the presynaptic spikes that reach the synapses this step ({@link #preSpikes()}: without a delay, those
     * the pre population emitted this step): only the outgoing synapses of neurons that spiked are touched.
     */
    public void propagate() {
        if (synapseDelays != null) {
            synapticEvents += synapseDelays.deliver(receptor == Receptor.EXCITATORY ? post.excitatoryInput()
                    : post.inhibitoryInput(), w);
            return;
        }
        SpikeHistory arriving = preSpikes;
        int count = arriving.spikeCount();
        if (count == 0) {
            return;
        }
        int[] spiked = arriving.spiked();
        float[] target = receptor == Receptor.EXCITATORY ? post.excitatoryInput() : post.inhibitoryInput();
        if (dense) {
            int n = post.size();
            for (int k = 0; k < count; k++) {
                spikedRowStart[k] = spiked[k] * n;
            }
            kernels.addRows(target, w, spikedRowStart, count, n);
            synapticEvents += (long) count * n;
            return;
        }
        if (frozenRows != null) {
            // each post's input gets its synapses' weights in spike order, as below, and + 0 for every other row:
            // the same bits, since an input starts a step at +0 and x + (+0) is x for every x but −0, which a sum
            // from +0 never is (at most one synapse per pair: frozenRowsOf checks it). A branch of its own: sharing the
            // dense branch's, with this per-row count of events, made PropagationBenchmark.denseAllToAll 10–15 % slower
            int n = post.size();
            for (int k = 0; k < count; k++) {
                int i = spiked[k];
                spikedRowStart[k] = i * n;
                synapticEvents += rowStart[i + 1] - rowStart[i];
            }
            kernels.addRows(target, frozenRows, spikedRowStart, count, n);
            return;
        }
        if (allButSelf) {
            int n = post.size();
            for (int k = 0; k < count; k++) {
                int i = spiked[k];
                int from = rowStart[i];
                kernels.addRow(target, 0, w, from, i);
                kernels.addRow(target, i + 1, w, from + i, n - 1 - i);
            }
            synapticEvents += (long) count * (n - 1);
            return;
        }
        int[] postIndex = postIndex();
        for (int k = 0; k < count; k++) {
            int i = spiked[k];
            int end = rowStart[i + 1];
            for (int s = rowStart[i]; s < end; s++) {
                target[postIndex[s]] += w[s];
            }
            synapticEvents += end - rowStart[i];
        }
    }

    /**
     * The index of the first weight that is NaN or infinite, or -1 when all are finite. Settled columns hold only
     * finite weights ({@link SettledColumns}): of a dense projection with few open columns only those are read, row
     * by row, so the first bad weight in synapse order is still the one found.
     */
    public int firstNonFiniteWeight() {
        if (!dense) {
            return kernels.firstNonFinite(w, w.length);
        }
        int n = post.size();
        int[] open = new int[n];
        int count = settled.open(open);
        if (!settled.fewOpen(count)) {
            return kernels.firstNonFinite(w, w.length);
        }
        for (int row = 0; row < w.length; row += n) {
            for (int k = 0; k < count; k++) {
                if (!Float.isFinite(w[row + open[k]])) {
                    return row + open[k];
                }
            }
        }
        return -1;
    }

    /** Clips every weight to [wMin, wMax]. */
    public void clampAll() {
        settled.disturbAll();
        kernels.clamp(w, w.length, wMin, wMax);
    }

    /** {@code x} clipped to [wMin, wMax]. */
    public float clamp(float x) {
        return x < wMin ? wMin : (x > wMax ? wMax : x);
    }

    /**
     * 1 when {@code x} is below wMin or above wMax, where {@link #clamp} (with these bounds) changes it, else 0; for a
     * NaN, −0 against a bound of +0 or an infinite x at an infinite bound it may be 1, where {@code clamp} leaves x as
     * it is. The sign bits of x − wMin and wMax − x, which are exact in sign (the difference of two distinct floats is
     * never rounded to 0): no branch. x86 has no conditional move between float registers: a test through
     * {@code clamp(x) != x} compiled to branches, which a weight that STDP moves back and forth across a bound
     * mispredicts (paper-code's E → I column walk 3× slower; compares joined by {@code &} did no better:
     * docs/performance-rounds.md, twenty-fourth round). Static, with the bounds as arguments, so that a loop keeps
     * them in registers.
     */
    public static int outsideBounds(float x, float wMin, float wMax) {
        return (Float.floatToRawIntBits(x - wMin) | Float.floatToRawIntBits(wMax - x)) >>> 31;
    }

    /**
     * Σ|w| over all synapses, in the post population's input unit (summed in double, in synapse order): sleep's set
     * points and a decay's effect are read from it.
     */
    public double totalAbsWeight() {
        double t = 0;
        for (float x : w) {
            t += Math.abs(x);
        }
        return t;
    }

    /**
     * Σ|w| and the mean weight, in one pass, for the weight traces: each sum in double as eight partial sums (synapse k
     * into sum k mod 8, in synapse order; eight named locals, so that they stay in registers) added pairwise at the end
     * ({@link #traceTotal}). One running sum is a chain of dependent additions: at N_e = 6 400 (5·10⁶ input weights, a
     * trace every 5 training images) eight chains side by side took a 600-image `train`'s per-image checks from 0.77 to
     * 0.63 s (timing.json; docs/performance-rounds.md, thirty-fourth round). The association is fixed, so the bits are
     * the same on every CPU; they may differ in the last places from {@link #totalAbsWeight}, which sleep's set points
     * read.
     */
    public WeightTotals weightTotals() {
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int n = w.length;
        int whole = n - n % 8;
        for (int k = 0; k < whole; k += 8) {
            float x0 = w[k], x1 = w[k + 1], x2 = w[k + 2], x3 = w[k + 3];
            float x4 = w[k + 4], x5 = w[k + 5], x6 = w[k + 6], x7 = w[k + 7];
            a0 += Math.abs(x0);
            a1 += Math.abs(x1);
            a2 += Math.abs(x2);
            a3 += Math.abs(x3);
            a4 += Math.abs(x4);
            a5 += Math.abs(x5);
            a6 += Math.abs(x6);
            a7 += Math.abs(x7);
            s0 += x0;
            s1 += x1;
            s2 += x2;
            s3 += x3;
            s4 += x4;
            s5 += x5;
            s6 += x6;
            s7 += x7;
        }
        double[] abs = {a0, a1, a2, a3, a4, a5, a6, a7};
        double[] sum = {s0, s1, s2, s3, s4, s5, s6, s7};
        for (int k = whole; k < n; k++) {
            abs[k - whole] += Math.abs(w[k]);
            sum[k - whole] += w[k];
        }
        return new WeightTotals(traceTotal(abs), n == 0 ? 0 : traceTotal(sum) / n);
    }

    /** The eight partial sums of {@link #weightTotals} added pairwise: ((0+1)+(2+3))+((4+5)+(6+7)). */
    static double traceTotal(double[] p) {
        return ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
    }

    /**
     * Σ|w| over a projection's synapses and their mean weight.
     *
     * @param totalAbs Σ|w| over the synapses
     * @param mean     the mean weight (signed), 0 for a projection without synapses
     */
    public record WeightTotals(double totalAbs, double mean) { }

    /** The weights as a dense row-major [pre][post] matrix, 0 where there is no synapse. */
    public float[] toDense() {
        float[] matrix = new float[pre.size() * post.size()];
        int n = post.size();
        for (int s = 0; s < w.length; s++) { // a regular shape's neurons computed, not listed
            matrix[preOf(s) * n + postOf(s)] += w[s];
        }
        return matrix;
    }

    /**
     * A projection between other populations with the same synapses, sharing this one's weight array, for a network
     * whose weights stay as they are while the copy is in use (evaluation). A sparse projection whose rows add
     * faster whole ({@link #wholeRowsPay}) and that has at most {@value #FROZEN_ROWS_MAX} pairs delivers through a
     * dense matrix of the weights read now; the same numbers either way ({@link #propagate}).
     */
    public Projection frozenCopy(Population newPre, Population newPost) {
        return new Projection(this, newPre, newPost, frozenRowsOf(this));
    }

    /** Pairs (pre × post) at most for a frozen copy's dense delivery: 4 MiB of floats per copy. */
    static final int FROZEN_ROWS_MAX = 1 << 20;

    /**
     * Whether adding a spike's whole dense row of {@code posts} floats beats adding its {@code synapsesPerRow}
     * synapses one by one: the row is posts/lanes vector additions, each costing about two indexed ones, and a
     * sparse row of some length costs about 24 indexed additions' worth besides its synapses (its loop's entry and
     * exit); a row with fewer synapses than vectors (a one-to-one projection) stays sparse. From
     * {@code PropagationBenchmark} on a 512-bit Zen 5 (docs/performance-rounds.md, twenty-eighth round): 22 spikes a
     * step into 200 posts at p = 0.1 (the paper preset's input) took 250 ns as whole rows against 522 ns sparse; into
     * 1 600 posts 2 287 against 1 975. Scalar kernels add a row one float at a time: never.
     */
    static boolean wholeRowsPay(int posts, int lanes, double synapsesPerRow) {
        return lanes > 1 && synapsesPerRow * lanes >= posts && 2.0 * posts / lanes <= synapsesPerRow + 24;
    }

    /** The dense matrix a frozen copy of {@code p} delivers through, or null where the sparse rows are kept. */
    private static float[] frozenRowsOf(Projection p) {
        long pairs = (long) p.pre.size() * p.post.size();
        if (p.dense || p.allButSelf || p.synapseDelays != null || pairs > FROZEN_ROWS_MAX || p.pre.size() == 0
                || !wholeRowsPay(p.post.size(), p.kernels.floatLanes(), (double) p.w.length / p.pre.size())) {
            return null;
        }
        int n = p.post.size();
        int[] postIndex = p.postIndex();
        int[] rowOf = new int[n]; // 1 + the last row that reached each post
        float[] rows = new float[(int) pairs];
        for (int i = 0; i < p.pre.size(); i++) {
            for (int s = p.rowStart[i]; s < p.rowStart[i + 1]; s++) {
                int j = postIndex[s];
                if (rowOf[j] == i + 1) {
                    return null; // two synapses of one pair: their sum would round differently from two additions
                }
                rowOf[j] = i + 1;
                rows[i * n + j] = p.w[s];
            }
        }
        return rows;
    }

    private Projection(Projection o, Population newPre, Population newPost, float[] frozenRows) {
        this.name = o.name;
        this.pre = newPre;
        this.post = newPost;
        this.receptor = o.receptor;
        this.rowStart = o.rowStart;
        this.colStart = o.colStart;
        this.index = o.index;
        this.w = o.w;
        this.wMin = o.wMin;
        this.wMax = o.wMax;
        this.dense = o.dense;
        this.allButSelf = o.allButSelf;
        this.spikedRowStart = new int[newPre.size()];
        this.frozenRows = frozenRows;
        this.kernels = o.kernels;
        this.settled = o.settled;
        if (o.synapseDelays != null) {
            this.synapseDelays = o.synapseDelays.copyFor(newPre);
            this.preSpikes = newPre.spikes();
        } else {
            withDelaySteps(o.delaySteps()); // sets preSpikes: newPre's own, or a fresh line's arrivals
        }
    }

    /**
     * Writes the weights, the count of synaptic events, the settled columns, the spikes in flight and the plasticity
     * rule's state (a resume snapshot's), bit for bit.
     */
    public void writeState(DataOutput out) throws IOException {
        StateStreams.writeFloats(out, w);
        out.writeLong(synapticEvents);
        settled.writeState(out);
        out.writeBoolean(delayLine != null);
        if (delayLine != null) {
            delayLine.writeState(out);
        }
        out.writeBoolean(synapseDelays != null);
        if (synapseDelays != null) {
            synapseDelays.writeState(out);
        }
        out.writeBoolean(plasticity != null);
        if (plasticity != null) {
            plasticity.writeState(this, out);
        }
    }

    /**
     * Reads what {@link #writeState} wrote, into a projection built from the same configuration.
     *
     * @throws IOException when the data is not of a projection like this one (another synapse count, delay or rule)
     *                     or ends early
     */
    public void readState(DataInput in) throws IOException {
        String what = "projection " + name;
        StateStreams.readFloats(in, w, what + " weights");
        synapticEvents = in.readLong();
        settled.readState(in, what);
        if (in.readBoolean() != (delayLine != null)) {
            throw new IOException(what + ": the snapshot's delay is not this network's");
        }
        if (delayLine != null) {
            delayLine.readState(in, what);
        }
        if (in.readBoolean() != (synapseDelays != null)) {
            throw new IOException(what + ": the snapshot's synapse delays are not this network's");
        }
        if (synapseDelays != null) {
            synapseDelays.readState(in, what);
        }
        if (in.readBoolean() != (plasticity != null)) {
            throw new IOException(what + ": the snapshot's plasticity is not this network's");
        }
        if (plasticity != null) {
            plasticity.readState(this, in);
        }
    }

    /**
     * Its name, ends, receptor, synapse count, rule and delay, e.g.
     * {@code Projection[input_e: input → e, excitatory, 4500 synapses, nearest-pair STDP (η 0.0005, …)]}.
     */
    @Override
    public String toString() {
        return "Projection[" + name + ": " + pre.name() + " → " + post.name() + ", "
                + receptor.name().toLowerCase(Locale.ROOT) + ", " + synapseCount()
                + (synapseCount() == 1 ? " synapse, " : " synapses, ")
                + (plasticity == null ? "static" : plasticity) + (synapseDelays != null ? ", a delay per synapse"
                : delaySteps() > 1 ? ", delay " + delaySteps() + " steps" : "") + "]";
    }
}
