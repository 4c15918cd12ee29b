package io.somnus.neuron;

import io.somnus.core.StateStreams;
import io.somnus.kernel.CurrentLifStep;
import io.somnus.kernel.Kernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Current-based LIF neurons with threshold adaptation. Per neuron, with synaptic current I and threshold
 * increase a:
 * <pre>
 *   τ_m dV/dt = −(V − V_rest) + R·I          (+ Gaussian noise σ per step during sleep)
 *   τ_syn dI/dt = −I,    I += gain·w on each presynaptic spike (paper preset: gain dt/τ_syn = 1/30, as the
 *                        authors' code integrates I += (−I + W·s)·dt/τ_syn; see docs/model-notes.md)
 *   τ_a da/dt = −a,      a += adaptation on each spike
 *   spike when V ≥ V_th + a;  then V ← V_reset;  V clipped to [V_min, V_max]
 * </pre>
 * V is advanced by the exponential-Euler step, exact for I constant over the step:
 * {@code V ← V∞ + (V − V∞)·exp(−dt/τ_m)}, {@code V∞ = V_rest + R·I}; I and a decay exactly. A spike
 * delivered at step t is added to I before the update of step t+1; a neuron that spiked at step s is
 * refractory (V frozen, no spike) until step s + max(1, refractory/dt).
 * Excitatory and inhibitory input both add into I (weights carry their sign). {@link CurrentLifScheme} switches to
 * the authors' forward Euler and spike test.
 */
public final class CurrentLifPopulation extends Population {
    private final CurrentLifParameters p;
    private final float[] v;
    private final float[] current;
    private final float[] adaptation;
    private final int[] refractoryUntil;
    private final float[] noiseScratch;
    private final Kernels kernels;
    private final CurrentLifScheme scheme;
    private CurrentLifStep stepConstants;
    private double stepDtMs;
    /** The next step's authors' spike test compares V with θ₀ itself, not clip(θ₀ + a_prev) ({@link #testBaseThresholdOnce}). */
    private boolean baseThresholdOnce;

    /** A population that runs on {@link Kernels#preferred()}. */
    public CurrentLifPopulation(String name, int size, CurrentLifParameters p) {
        this(name, size, p, Kernels.preferred());
    }

    /** @param kernels the loops that advance the population (all kernels give the same numbers) */
    public CurrentLifPopulation(String name, int size, CurrentLifParameters p, Kernels kernels) {
        this(name, size, p, kernels, CurrentLifScheme.SOMNUS);
    }

    /** @param scheme how a step is taken: Somnus's, or the authors' code's forward Euler and spike test */
    public CurrentLifPopulation(String name, int size, CurrentLifParameters p, Kernels kernels, CurrentLifScheme scheme) {
        super(name, size);
        this.p = Objects.requireNonNull(p, () -> "population " + name + ": parameters (e.g. "
                + "CurrentLifParameters.PAPER)");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.v = new float[Kernels.paddedLength(size)];
        this.current = new float[Kernels.paddedLength(size)];
        this.adaptation = new float[Kernels.paddedLength(size)];
        this.refractoryUntil = new int[Kernels.paddedLength(size)];
        this.noiseScratch = new float[Kernels.paddedLength(size)];
        resetState();
    }

    @Override
    public String firstNonFiniteState() {
        String s = firstNonFinite("membrane potential (mV)", v, size);
        s = s != null ? s : firstNonFinite("synaptic current", current, size);
        s = s != null ? s : firstNonFinite("threshold adaptation (mV)", adaptation, size);
        return s != null ? s : super.firstNonFiniteState();
    }

    /** The kernels this population runs on. */
    public Kernels kernels() {
        return kernels;
    }

    /** The neuron parameters this population was built with (immutable). */
    public CurrentLifParameters parameters() {
        return p;
    }

    /** How a step is taken: Somnus's integration, or the authors' code's forward Euler and spike test. */
    public CurrentLifScheme scheme() {
        return scheme;
    }

    /** Both receptors' input adds into the one synaptic current I. */
    @Override
    public boolean receptorsShareOneCurrent() {
        return true;
    }

    /** {@code v} (membrane, mV), {@code i} (synaptic current), {@code adaptation} (threshold increase, mV). */
    @Override
    public List<String> stateVariables() {
        return List.of("v", "i", "adaptation");
    }

    @Override
    public IntToDoubleFunction stateReader(String variable) {
        return switch (variable) {
            case "v" -> k -> v[k];
            case "i" -> k -> current[k];
            case "adaptation" -> k -> adaptation[k];
            default -> super.stateReader(variable);
        };
    }

    /** Membrane potentials (mV); live view. */
    public float[] membrane() {
        return v;
    }

    /** Synaptic currents; live view. */
    public float[] current() {
        return current;
    }

    /** Threshold increases (mV); live view. */
    public float[] adaptation() {
        return adaptation;
    }

    /**
     * Makes the next step's spike test compare V with the base threshold θ₀ instead of clip(θ₀ + a_prev, −90, 0), the
     * adaptation carried and updated as ever: the authors' later batches pass in their threshold array as first
     * filled, θ₀ everywhere, while a carries over ({@code src/big_comb.py:1549-1553, 2010 @40b7d33}; their
     * {@code update_spikes} returns a new array each step and the batch loop never keeps it). Only for the authors'
     * spike test ({@link CurrentLifScheme#authorsSpikeTest()}).
     */
    public void testBaseThresholdOnce() {
        if (!scheme.authorsSpikeTest()) {
            throw new IllegalStateException("population " + name() + ": the base threshold at one step is a variant of "
                    + "the authors' spike test (V > threshold of the previous step), which this population does not use");
        }
        baseThresholdOnce = true;
    }

    @Override
    public void integrate(int step, double dtMs, double noiseStdMv, RandomGenerator rng) {
        float[] noise = membraneNoise(noiseScratch, refractoryUntil, step, noiseStdMv, rng);
        // clip(θ₀ + a, θ₀, θ₀) = θ₀: the base threshold through the same kernel, a decayed and raised as ever
        float base = (float) p.vThresholdMv();
        float thresholdMin = baseThresholdOnce ? base : AuthorsSpikeTest.THRESHOLD_MIN_MV;
        float thresholdMax = baseThresholdOnce ? base : AuthorsSpikeTest.THRESHOLD_MAX_MV;
        baseThresholdOnce = false;
        int count = scheme.authorsSpikeTest()
                ? kernels.currentLifPreviousThreshold(constants(dtMs), thresholdMin,
                        thresholdMax, step, size, v, current, adaptation, refractoryUntil,
                        excitatoryInput, inhibitoryInput, noise, spiked)
                : kernels.currentLif(constants(dtMs), step, size, v, current, adaptation, refractoryUntil,
                        excitatoryInput, inhibitoryInput, noise, spiked);
        recordSpikes(count, step);
    }

    /** Under the authors' forward Euler V, I and a each keep 1 − dt/τ per step; exact decays take any dt. */
    @Override
    public void checkTimeStep(double dtMs) {
        p.forwardEulerTimeConstantsMs(scheme.forwardEuler()).forEach((name, tauMs) -> requireAtLeastDt(name, tauMs, dtMs));
    }

    /** The step constants for dt (rebuilt only when dt changes). */
    private CurrentLifStep constants(double dtMs) {
        if (stepConstants == null || dtMs != stepDtMs) {
            checkTimeStep(dtMs);
            stepConstants = new CurrentLifStep(decay(dtMs, p.tauMembraneMs()), decay(dtMs, p.tauSynapseMs()),
                    decay(dtMs, p.tauAdaptationMs()),
                    (float) p.synapticGain(), (float) p.vRestMv(), (float) p.resistance(), (float) p.vThresholdMv(),
                    (float) p.vResetMv(), (float) p.vMinMv(), (float) p.vMaxMv(), (float) p.adaptationMv(),
                    Math.max(1, (int) Math.round(p.refractoryMs() / dtMs)));
            stepDtMs = dtMs;
        }
        return stepConstants;
    }

    /** The factor a state variable of time constant τ keeps over one step: exp(−dt/τ), or 1 − dt/τ (forward Euler). */
    private float decay(double dtMs, double tauMs) {
        return (float) (scheme.forwardEuler() ? 1 - dtMs / tauMs : Math.exp(-dtMs / tauMs));
    }

    @Override
    public void resetState() {
        baseThresholdOnce = false;
        Arrays.fill(v, (float) p.vRestMv());
        Arrays.fill(current, 0f);
        Arrays.fill(adaptation, 0f);
        Arrays.fill(refractoryUntil, 0);
        resetSpikeHistory();
    }

    @Override
    public void copyLearnedStateFrom(Population other) {
        // threshold adaptation is transient (τ = 100 ms) and is reset between presentations
    }

    @Override
    public Population copy() {
        return new CurrentLifPopulation(name(), size, p, kernels, scheme);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        super.writeState(out);
        StateStreams.writeFloats(out, v);
        StateStreams.writeFloats(out, current);
        StateStreams.writeFloats(out, adaptation);
        StateStreams.writeInts(out, refractoryUntil);
        out.writeBoolean(baseThresholdOnce);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        super.readState(in);
        StateStreams.readFloats(in, v, "population " + name() + " V");
        StateStreams.readFloats(in, current, "population " + name() + " I");
        StateStreams.readFloats(in, adaptation, "population " + name() + " adaptation");
        StateStreams.readInts(in, refractoryUntil, "population " + name() + " refractory counters");
        baseThresholdOnce = in.readBoolean();
    }
}
