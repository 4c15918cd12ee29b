package io.somnus.kernel;

import java.util.Locale;

/**
 * The inner loops of the simulator over primitive arrays: a whole population per call for the neuron
 * update and the trace lookups, a whole row or column per call for propagation, STDP and weight
 * normalisation.
 * Two implementations compute the same IEEE operations in the same order and agree bit for bit:
 * {@link ScalarKernels}, always available, and the SIMD kernels on the Vector API
 * ({@code jdk.incubator.vector}), used when the JVM runs with {@code --add-modules jdk.incubator.vector}
 * (the {@code somnus} launcher adds it). The system property {@code somnus.kernels} = {@code auto}
 * (default: the faster on this CPU and JVM, measured once by {@link KernelCalibration} and cached by
 * {@link KernelChoiceCache}; on 512-bit machines also against 256-bit SIMD kernels, see {@link VectorWidth}),
 * {@code scalar} or {@code vector} forces the choice; {@code somnus.vector.bits} (128, 256, 512) forces the width.
 */
public interface Kernels {
    /** "scalar" or "vector-N" (N bits per vector). */
    String name();

    /** Floats one addition of these kernels' vectors adds: 1 for the scalar kernels. */
    default int floatLanes() {
        return 1;
    }

    /**
     * Advances conductance-LIF neurons [0, n) one step (the state arrays may be longer: see
     * {@link #paddedLength}; the SIMD kernels then also update the padding, which holds no neuron); consumes
     * (and zeroes) the input buffers; writes the indices of the neurons that spiked, ascending, to
     * {@code spikedOut}; V is reset, θ raised and the refractory period set for them. {@code noiseMv} (null when awake) is added to V of the neurons that are
     * not refractory, after the update. {@code thresholdFloor} holds, per neuron, a float at or below
     * V_th + θ for this step (the SIMD kernel uses it to find spike candidates; +∞ in the padding); see
     * {@link #thresholdFloor}.
     *
     * @return the number of spikes
     */
    int conductanceLif(ConductanceLifStep c, int step, int n, float[] v, float[] ge, float[] gi, double[] theta,
                       int[] refractoryUntil, float[] excitatoryIn, float[] inhibitoryIn, float[] noiseMv,
                       float[] thresholdFloor, int[] spikedOut);

    /** Advances current-LIF neurons [0, n) one step; as {@link #conductanceLif}. */
    int currentLif(CurrentLifStep c, int step, int n, float[] v, float[] current, float[] adaptation,
                   int[] refractoryUntil, float[] excitatoryIn, float[] inhibitoryIn, float[] noiseMv, int[] spikedOut);

    /**
     * {@link #currentLif} with the authors' spike test: a neuron fires when V &gt; θ_prev (strictly), the threshold
     * of the previous step, {@code θ_prev = clip(V_th + a, thresholdMinMv, thresholdMaxMv)} with the adaptation a
     * before this step's decay ({@code io.somnus.neuron.AuthorsSpikeTest}).
     */
    int currentLifPreviousThreshold(CurrentLifStep c, float thresholdMinMv, float thresholdMaxMv, int step, int n,
                                    float[] v, float[] current, float[] adaptation, int[] refractoryUntil,
                                    float[] excitatoryIn, float[] inhibitoryIn, float[] noiseMv, int[] spikedOut);

    /** {@code target[j] += w[from + j]} for j in [0, n): one presynaptic spike through a dense row. */
    void addRow(float[] target, float[] w, int from, int n);

    /** The index of the first of {@code x[0, n)} that is NaN or infinite, or −1 when all are finite. */
    int firstNonFinite(float[] x, int n);

    /**
     * {@code w[s] ← w[s] < lo ? lo : (w[s] > hi ? hi : w[s])} for s in [0, n): a projection's bounds, which keep NaN
     * and −0 as they are (where {@code min}/{@code max} would make −0 into +0 at a bound of 0).
     */
    void clamp(float[] w, int n, float lo, float hi);

    /**
     * {@code target[targetFrom + j] += w[from + j]} for j in [0, n): one presynaptic spike through a contiguous
     * run of a row (e.g. the part of an all-but-self row before or after the neuron itself).
     */
    void addRow(float[] target, int targetFrom, float[] w, int from, int n);

    /**
     * {@link #addRow(float[], float[], int, int)} for the rows starting at {@code from[0..count)}, in that order:
     * each {@code target[j]} receives the same additions in the same order as by one call per row, with
     * {@code target} read and written once.
     */
    void addRows(float[] target, float[] w, int[] from, int count, int n);

    /**
     * {@code w[r·n + j] ← clip(w[r·n + j] − a·trace[j], lo, hi)} for every row r in {@code rows[0..count)} and every
     * j in [0, n) with {@code trace[j] ≠ 0} (others untouched): STDP depression of the rows of a dense
     * {@code · × n} matrix by a step's presynaptic spikes. The rows are distinct, so each weight is updated once.
     */
    void depressRows(float[] w, int[] rows, int count, float[] trace, int n, float a, float lo, float hi);

    /**
     * {@code w[rows[k]·n + j] ← clip(w[rows[k]·n + j] + gain[j]·rowTrace[k], lo, hi)} for every k in [0, count) and
     * every j in [0, n) with {@code gain[j] ≠ 0} (others untouched): STDP potentiation of the rows of a dense
     * {@code · × n} matrix by a step's postsynaptic spikes (a non-zero gain for each post that spiked), row k scaled by
     * its presynaptic trace. The rows are distinct, so each weight is updated once.
     */
    void potentiateRows(float[] w, int[] rows, float[] rowTrace, int count, float[] gain, int n, float lo, float hi);

    /**
     * {@code w[row + post[q]] ← clip(w[row + post[q]] − a·trace[q], lo, hi)} for q in [0, count), the posts distinct:
     * STDP depression of a dense row through a list of post neurons and their traces.
     */
    void depressListed(float[] w, int row, int[] post, float[] trace, int count, float a, float lo, float hi);

    /**
     * {@code w[s] ← clip(w[s] − a·trace[postIndex[s]], lo, hi)} for s in [from, to) where that trace is non-zero:
     * STDP depression of a sparse row.
     */
    void depressSparseRow(float[] w, int[] postIndex, int from, int to, float[] trace, float a, float lo, float hi);

    /**
     * {@code w[s] ← clip(w[s] + gain·trace[colPre[c]], lo, hi)} with {@code s = colSynapse[c]}, for c in [from, to)
     * where that trace is non-zero: STDP potentiation of one post neuron's incoming synapses (a column).
     */
    void potentiateColumn(float[] w, int[] colSynapse, int[] colPre, int from, int to, float[] trace, float gain,
                          float lo, float hi);

    /**
     * The traces of n neurons at {@code step}: {@code out[j] = table[min(step − t_j, table.length − 1)]}, where
     * t_j is the neuron's last spike step or, when {@code previousSpike} is given and the last spike is at
     * {@code step}, the one before (a trace read just before this step's spike). The table's last entry must be
     * 0. Arrays of {@link #paddedLength}(n) let the SIMD kernel skip the scalar tail; {@code indexScratch} is
     * working space of that length.
     *
     * @return whether any trace is non-zero
     */
    boolean traces(float[] table, int[] lastSpike, int[] previousSpike, int step, int n, float[] out,
                   int[] indexScratch);

    /**
     * One step of the SG-SNN's leaky neurons during sleep (snnTorch's {@code Leaky}, reset by subtraction decided on
     * the noisy membrane), for i in [0, n):
     * <pre>
     *   u = mem[i] + sigma·noise[i]                (sigma = 0: u = mem[i], noise is not read)
     *   u ← beta·u + current[i] − (u &gt; theta ? theta : 0)
     *   mem[i] = u,  spikes[i] = u &gt; theta ? 1 : 0
     * </pre>
     *
     * @return the number of spikes
     */
    int sgLeakyStep(float[] mem, float[] spikes, float[] current, float[] noise, float sigma, float beta, float theta,
                    int n);

    /**
     * One row of the SG-SNN's membrane update in training, for h in [0, n):
     * {@code mem[o+h] = add[a+h] + bias[b+h]} at the first step, else {@code add[a+h] + bias[b+h] + β·mem[p+h]}, minus
     * {@code θ·spikes[p+h]} when {@code spikes} is given (a spiking layer's reset by subtraction). {@code o} and
     * {@code p} are rows of the same array, at least {@code n} apart.
     */
    void sgIntegrate(float[] mem, int o, int p, float[] add, int a, float[] bias, int b, float[] spikes, boolean first,
                     float beta, float theta, int n);

    /**
     * {@code sum[s+h] += x[o+h]} in double for h in [0, n): column sums of a row-major matrix row by row (weight
     * normalisation), the SG-SNN's bias gradient over a minibatch's rows and steps.
     */
    void accumulate(double[] sum, int s, float[] x, int o, int n);

    /**
     * The SG-SNN's spikes of one row in training: {@code spikes[o+h] = 1} where the sign bit of {@code θ − mem[o+h]}
     * is set (i.e. {@code mem[o+h] > θ}, branch-free), else 0, for h in [0, n).
     */
    void sgThreshold(float[] mem, float[] spikes, int o, float theta, int n);

    /**
     * The SG-SNN's BPTT step through the spike nonlinearity with the fast-sigmoid surrogate, for i in [0, n),
     * {@code d = 1 + k·|u[off+i] − θ|}: {@code g[off+i] ← F((g[off+i] − c·g[next+i])/(d·d) + β·g[next+i])}, or
     * {@code F(g[off+i]/(d·d))} when {@code next < 0}; {@code F} flushes subnormal results to 0 (see
     * {@link #flushSubnormal}). {@code off} and {@code next} are rows of the same array, at least {@code n} apart.
     * The same for {@code rows} such rows, {@code stride} apart ({@code off + r·stride}, {@code next + r·stride}).
     */
    void sgFastSigmoidDelta(float[] g, float[] u, int off, int next, int n, int rows, int stride, float theta, float k,
                            float beta, float resetCoef);

    /**
     * As {@link #sgFastSigmoidDelta} with the arctangent surrogate: {@code z = c·(u[off+i] − θ)} with
     * {@code c = (π/2)·k} as a float, {@code g[off+i] ← F((g[off+i] − c_r·g[next+i])·(k/2)/(1 + z·z) + β·g[next+i])}.
     */
    void sgArctanDelta(float[] g, float[] u, int off, int next, int n, int rows, int stride, float theta, float k,
                       float beta, float resetCoef);

    /**
     * The sleep's log-space pull of {@code n} weights toward a target magnitude, sign kept:
     * {@code w[s] ← (float) logSpacePull(w[s], target, exponent)} for s in [0, n) (see {@link #logSpacePull(double,
     * double, double)}). {@code scratch} is working space of any length ≥ 1 (the SIMD kernel works in chunks of it).
     */
    void logSpacePull(float[] w, int n, double target, double exponent, double[] scratch);

    /**
     * The same pull with a target per weight: {@code w[from+s] ← (float) logSpacePull(w[from+s], targets.get(t+s),
     * exponent)} for s in [0, n), e.g. a row of a dense projection toward each post neuron's own target.
     */
    void logSpacePull(float[] w, int from, int n, PullTargets targets, int t, double exponent, double[] scratch);

    /**
     * {@code |t|·(|w|/|t|)^e} with the sign of {@code w}, computed as {@code |t|·exp(e·ln(|w|/|t|))} with
     * {@link Math#log} and {@link Math#exp}; {@code w} itself when {@code w} or {@code t} is 0. The definition every
     * kernel's {@link #logSpacePull(float[], int, double, double, double[])} reproduces bit for bit once rounded to
     * float.
     */
    static double logSpacePull(double w, double t, double e) {
        double a = Math.abs(w);
        double m = Math.abs(t);
        if (a == 0 || m == 0) {
            return w;
        }
        return Math.copySign(m * Math.exp(e * Math.log(a / m)), w);
    }

    /** {@code w[from + j] *= scale[j]} for j in [0, n). */
    void scaleRow(float[] w, int from, float[] scale, int n);

    /**
     * {@code ln[i] ← ln v[i]} for i in [0, n), each v[i] a normal double in (0, 1] (the complements 1 − u of the
     * uniform draws the input encoders take): {@link UnitLog#of}'s bits on every kernel, within two ulps of
     * {@link Math#log}.
     */
    void unitLogs(double[] v, double[] ln, int n);

    /**
     * {@code x}, or 0 if {@code x} is subnormal. Gradients of saturated neurons (σ' ≈ 0) shrink by β every step
     * back in time and end up subnormal, and arithmetic on subnormal floats is tens of times slower on x86 (Java
     * has no flush-to-zero mode); values below 1.2·10⁻³⁸ carry no information for training.
     */
    static float flushSubnormal(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    /** The widest SIMD vector, in floats, that state arrays are padded for (512 bits). */
    int PAD_FLOATS = 16;

    /** {@code size} rounded up to a multiple of {@link #PAD_FLOATS}: the length of per-neuron state arrays. */
    static int paddedLength(int size) {
        return (size + PAD_FLOATS - 1) / PAD_FLOATS * PAD_FLOATS;
    }

    /**
     * A float at or below {@code thresholdMv + thetaMv·thetaLeft}, with {@code thetaLeft = keepθ^steps}: a lower
     * bound of a conductance-LIF neuron's threshold for the next {@code steps} steps, as θ only decays between spikes
     * and rises at them. (The power is the caller's, once for a whole population.)
     */
    static float thresholdFloor(double thresholdMv, double thetaMv, double thetaLeft) {
        return Math.nextDown((float) (thresholdMv + thetaMv * thetaLeft));
    }

    /** The portable implementation. */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * The SIMD implementation, or null when the JVM was started without {@code jdk.incubator.vector}
     * (its class is loaded by name so that nothing links against the module otherwise).
     */
    static Kernels vector() {
        return KernelSelection.VECTOR;
    }

    /**
     * The kernels this JVM prefers: {@code somnus.kernels}, else ({@code auto}) the faster of the scalar and the
     * SIMD kernels on this CPU and JVM, calibrated once and cached (see {@link #preferredChoice()}). Resolved
     * once, when first asked; populations and projections built without explicit kernels use these.
     */
    static Kernels preferred() {
        return KernelSelection.Preferred.CHOICE.kernels();
    }

    /** How {@link #preferred()} was chosen: forced, cached or calibrated (for provenance.json). */
    static KernelChoice preferredChoice() {
        return KernelSelection.Preferred.CHOICE;
    }

    /** Parses a {@code somnus.kernels} value: auto (this JVM's preferred choice), scalar or vector. */
    static Kernels named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> KernelSelection.Preferred.CHOICE.source().equals("forced")
                    ? KernelSelection.auto().kernels() : preferred();
            case "scalar" -> scalar();
            case "vector" -> {
                if (KernelSelection.VECTOR == null) {
                    throw new IllegalArgumentException("kernels 'vector' need the JVM option --add-modules jdk.incubator.vector");
                }
                yield KernelSelection.VECTOR;
            }
            default -> throw new IllegalArgumentException("kernels must be auto, scalar or vector, got '" + name + "'");
        };
    }
}
