package io.somnus.neuron;

import io.somnus.core.GaussianDraws;
import io.somnus.core.NumberText;
import io.somnus.core.StateStreams;
import io.somnus.kernel.Kernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * A group of neurons of one model (PyNN's Population). Holds the spike bookkeeping every model shares:
 * which neurons spiked in the current step, and each neuron's last and previous spike step (for
 * plasticity traces). Synaptic input arrives in two receptor buffers, excitatory and inhibitory, that
 * projections add into; the model consumes them in {@link #integrate}. Per-neuron state arrays are
 * {@link Kernels#paddedLength} long, so that SIMD kernels need no scalar tail; entries past {@link #size()}
 * are never read as neurons.
 *
 * <p>A model of one's own extends this class (e.g. the examples' {@code IzhikevichPopulation}; README, "Your own rule,
 * your own neuron"). What the network calls, and when: {@link #integrate} once per step, every population in the
 * network's order before any projection delivers or learns; {@link #resetState} when a presentation starts from rest
 * ({@code Network.resetState()}, {@code present}); {@link #copy} and {@link #copyLearnedStateFrom} for evaluation on
 * another thread, and {@link #freezeLearning} on those copies, whose learned state must then not change;
 * {@link #checkTimeStep} when the network is built, and {@link #bytesPerNeuron} for the memory check before a
 * configured run; {@link #firstNonFiniteState},
 * {@link #stateVariables} and {@link #stateReader} for the divergence check and state monitors, and
 * {@link #writeState}/{@link #readState} for resume snapshots, where the model has state of its own to add.
 */
public abstract class Population {
    /** No spike yet. Far enough in the past that every trace has decayed to zero. */
    public static final int NEVER = Integer.MIN_VALUE / 2;

    private final String name;
    /** Number of neurons, ≥ 1. */
    protected final int size;
    /** This population's spikes: the step's, and each neuron's last and previous spike step, for plasticity. */
    private final SpikeHistory spikes;
    /** {@code spikes.spiked()}, which the models' kernels write before {@link #recordSpikes}. */
    protected final int[] spiked;
    /** Synaptic input received this step, per neuron; see the model for its unit. */
    protected final float[] excitatoryInput;
    /** Inhibitory synaptic input received this step, per neuron; see the model for its unit. */
    protected final float[] inhibitoryInput;
    /**
     * Whether the input arrays may hold something the next update has not consumed: set whenever a caller takes
     * them (projections deliver through {@link #excitatoryInput()} and {@link #inhibitoryInput()} on every step they
     * deliver), cleared by the subclass when its update consumes them.
     */
    protected boolean inputTaken = true;
    /** This step's standard normal draws for the neurons that are not refractory, in index order. */
    private double[] draws;

    /**
     * A population of {@code size} neurons named {@code name}; refuses a null name ({@link NullPointerException}) and a
     * size below 1 ({@link IllegalArgumentException}).
     */
    protected Population(String name, int size) {
        Objects.requireNonNull(name, "a population needs a name");
        if (size <= 0) {
            throw new IllegalArgumentException("population " + name + ": size must be > 0, got " + size);
        }
        this.name = name;
        this.size = size;
        this.spikes = new SpikeHistory(size);
        this.spiked = spikes.spiked();
        this.excitatoryInput = new float[Kernels.paddedLength(size)];
        this.inhibitoryInput = new float[Kernels.paddedLength(size)];
        resetSpikeHistory();
    }

    /** The population's name, unique in its network. */
    public final String name() {
        return name;
    }

    /** The number of neurons. */
    public final int size() {
        return size;
    }

    /**
     * Advances every neuron by one step of {@code dtMs} and records which neurons spiked at {@code step}. An
     * implementation consumes the input delivered since its last update ({@link #excitatoryInput},
     * {@link #inhibitoryInput}, read through the protected fields) and sets it to 0, as projections add the next
     * step's into it; then records this step's spikes, either by {@link #clearSpikes()} followed by {@link #emit} for
     * each neuron that spikes, or by writing them to {@link #spiked()} and calling {@link #recordSpikes} once. A
     * spike recorded here is delivered at the end of this step (without an axonal delay) and reaches its targets'
     * next update; plasticity rules read it at this step. The input's unit is the model's own (what a weight means: a
     * current, a conductance, a jump of V), which its documentation names.
     *
     * @param step       the network's step, counted from its last reset (spike times and refractory periods are kept
     *                   in these steps)
     * @param dtMs       the time step (ms)
     * @param noiseStdMv standard deviation of Gaussian membrane noise added each step (mV; sleep); 0 when awake
     * @param rng        the run's noise stream (unused when noiseStdMv is 0)
     */
    public abstract void integrate(int step, double dtMs, double noiseStdMv, RandomGenerator rng);

    /**
     * Refuses a step this model cannot integrate: a time constant shorter than dt where its variable keeps 1 − dt/τ
     * per step (forward Euler), which is negative and makes the variable alternate in sign and grow. The network
     * checks its step at construction; the models check again whenever their step constants are rebuilt.
     *
     * @throws IllegalArgumentException naming the population, the parameter, its value and dt
     */
    public void checkTimeStep(double dtMs) {
    }

    /** The check of {@link #checkTimeStep} for one time constant that decays by forward Euler. */
    protected final void requireAtLeastDt(String parameter, double tauMs, double dtMs) {
        if (tauMs < dtMs) {
            throw new IllegalArgumentException("population " + name + ": " + parameter + " = " + NumberText.of(tauMs)
                    + " ms is shorter than dt = " + NumberText.of(dtMs) + " ms; forward Euler keeps 1 − dt/τ of it per step, which is"
                    + " negative (the variable alternates in sign and grows): use a time constant of at least dt or a"
                    + " smaller dt");
        }
    }

    /** Returns the membrane and synaptic state to rest (between presentations); keeps learned state. */
    public abstract void resetState();

    /**
     * Copies the learned state (e.g. adaptive thresholds) from a population of the same model and size.
     *
     * @throws IllegalArgumentException for a population of another model or size, where this model learns a state
     */
    public abstract void copyLearnedStateFrom(Population other);

    /**
     * The state this population learns and keeps across resets, by name with its unit (e.g. {@code theta_mv}), as live
     * arrays of {@link #size()} values that a caller may read or write (saving and restoring a trained network); empty
     * for models that learn nothing.
     */
    public Map<String, double[]> learnedState() {
        return Map.of();
    }

    /**
     * Copies of {@link #learnedState()}'s arrays, by the same names, for a caller that only reads them (reports,
     * saving): handing out the live arrays makes a population forget what it derived from them, since the caller may
     * write (the conductance LIF's threshold floors and the rest under which it skips an update); this does not.
     */
    public Map<String, double[]> learnedStateCopy() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        learnedState().forEach((name, values) -> copy.put(name, values.clone()));
        return copy;
    }

    /**
     * Whether the neurons have an adaptive threshold θ ({@code theta_mv} in {@link #learnedState()}) that can be other
     * than 0; false for models without one.
     */
    public boolean hasAdaptiveThreshold() {
        return false;
    }

    /**
     * A fresh population with the same parameters and learned state, for evaluation on another thread; whether its
     * learning is frozen ({@link #freezeLearning}) may be left as a fresh population's, since the evaluation sets it.
     */
    public abstract Population copy();

    /**
     * Freezes ({@code true}) or thaws ({@code false}) the state this model learns of its own ({@link #learnedState()},
     * e.g. an adaptive threshold): while frozen, {@link #integrate} leaves it as it stands, neither raising nor decaying
     * it, while the membrane and the rest run as ever. The frozen readout's evaluation calls {@code freezeLearning(true)}
     * on its copies ({@link #copy}) before their first image, so that the labels and accuracies come from the network
     * as trained (Diehl &amp; Cook's test mode); the network that trains and sleeps is never frozen. The default freezes
     * nothing, for a model that learns nothing.
     */
    public void freezeLearning(boolean frozen) {
    }

    /**
     * The memory check's figure for a neuron of the built-in models, in bytes: its input buffers, spike bookkeeping and
     * model state ({@link #bytesPerNeuron}'s default).
     */
    public static final long BYTES_PER_NEURON = 64;

    /**
     * Bytes of memory each neuron of this population takes, in all: the input buffers and spike bookkeeping every
     * population has, and the model's own state. A configured run's memory check counts the population at this many
     * bytes a neuron, asked once the population is built and before its synapses are, and refuses a network beyond the
     * Java heap. The default is {@link #BYTES_PER_NEURON}, the built-in models' figure; a model that keeps more a neuron
     * (a history, compartments, tables) overrides it, e.g. {@code BYTES_PER_NEURON + 8L * compartments} for that many
     * doubles more a neuron.
     */
    public long bytesPerNeuron() {
        return BYTES_PER_NEURON;
    }

    /**
     * Whether excitatory and inhibitory input add into one current, so that a weight's sign, not its receptor, decides
     * whether it excites (current-based neurons); false where each receptor drives its own conductance.
     */
    public boolean receptorsShareOneCurrent() {
        return false;
    }

    /** The state variables a {@code StateMonitor} can record ({@link #stateReader}); none for a spike source. */
    public List<String> stateVariables() {
        return List.of();
    }

    /**
     * Reads one state variable neuron by neuron, as it stands after the last step, without telling the population
     * that it may change (the getters of the live arrays do, which costs it the skipping of updates at rest).
     *
     * @throws IllegalArgumentException naming the population and its variables when it has no such variable
     */
    public IntToDoubleFunction stateReader(String variable) {
        throw new IllegalArgumentException("population " + name + " has no state variable '" + variable + "'"
                + (stateVariables().isEmpty() ? " (it has none)" : "; it has " + stateVariables()));
    }

    /** Input for the next update; write it through this getter each time (a held reference may go unseen). */
    public final float[] excitatoryInput() {
        inputTaken = true;
        return excitatoryInput;
    }

    /** As {@link #excitatoryInput()}. */
    public final float[] inhibitoryInput() {
        inputTaken = true;
        return inhibitoryInput;
    }

    /**
     * This population's spike bookkeeping, which plasticity rules read (a projection without delay reads its
     * presynaptic population's).
     */
    public final SpikeHistory spikes() {
        return spikes;
    }

    /** Neurons that spiked at the current step: {@code spiked()[0..spikeCount())}. */
    public final int[] spiked() {
        return spiked;
    }

    /** How many neurons spiked at the current step. */
    public final int spikeCount() {
        return spikes.spikeCount();
    }

    /** Each neuron's latest spike step (the population's own array: read only). */
    public final int[] lastSpikeStep() {
        return spikes.lastSpikeStep();
    }

    /**
     * Each neuron's spike step before its latest, {@link #NEVER} before its second (the population's own array: read
     * only).
     */
    public final int[] previousSpikeStep() {
        return spikes.previousSpikeStep();
    }

    /** As {@link SpikeHistory#fired()}. */
    public final int[] fired() {
        return spikes.fired();
    }

    /** How many neurons {@link #fired()} holds: those that spiked since the spike history was last reset. */
    public final int firedCount() {
        return spikes.firedCount();
    }

    /**
     * Adds neuron {@code i} to the spikes of {@code step}, after {@link #clearSpikes()} at the start of that step's
     * update.
     *
     * @throws IllegalStateException naming the population, when the spikes of an earlier step are still listed (a
     *                               model's update that did not call {@code clearSpikes()} first, whose old spikes
     *                               would be delivered again)
     */
    protected final void emit(int i, int step) {
        int count = spikes.spikeCount();
        if (count > 0 && spikes.lastSpikeStep()[spiked[count - 1]] != step) {
            throw new IllegalStateException("population " + name + ": neuron " + i + " spikes at step " + step
                    + " while the spikes of step " + spikes.lastSpikeStep()[spiked[count - 1]] + " are still listed; "
                    + "an update calls clearSpikes() before its first emit (emit adds to the step's spikes)");
        }
        spikes.emit(i, step);
    }

    /**
     * Records the spikes a kernel wrote to {@code spiked()[0..count)} at {@code step}, replacing this step's
     * spikes.
     */
    protected final void recordSpikes(int count, int step) {
        spikes.record(count, step);
    }

    /**
     * Fills {@code noise} with σ·N(0, 1) for the neurons that are not refractory at {@code step} (0 for the
     * others), drawing in index order; returns null when σ is 0. Neuron i is refractory while {@code step <
     * refractoryUntil[i]}: a model without a refractory period passes an array of zeros.
     */
    protected final float[] membraneNoise(float[] noise, int[] refractoryUntil, int step, double sigmaMv,
                                          RandomGenerator rng) {
        if (!(sigmaMv > 0)) {
            return null;
        }
        int active = 0;
        for (int i = 0; i < size; i++) {
            active += step >= refractoryUntil[i] ? 1 : 0;
        }
        double[] z = draws;
        if (z == null) {
            z = draws = new double[size]; // once, on the first noisy step
        }
        GaussianDraws.fill(rng, z, 0, active); // in bulk: rng.nextGaussian()'s numbers, faster
        for (int i = 0, k = 0; i < size; i++) {
            noise[i] = step >= refractoryUntil[i] ? (float) (sigmaMv * z[k++]) : 0f;
        }
        return noise;
    }

    /**
     * The first state variable of this population that is NaN or infinite, as "VARIABLE of neuron I is VALUE", or
     * null when all are finite. Reads the state once; allocates nothing unless something is wrong.
     */
    public String firstNonFiniteState() {
        String s = firstNonFinite("excitatory input", excitatoryInput, size);
        return s != null ? s : firstNonFinite("inhibitory input", inhibitoryInput, size);
    }

    /** "NAME of neuron I is VALUE" for the first non-finite value among {@code values[0..n)}, or null. */
    protected static String firstNonFinite(String name, float[] values, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(values[i])) {
                return name + " of neuron " + i + " is " + values[i];
            }
        }
        return null;
    }

    /** As {@link #firstNonFinite(String, float[], int)} for double state. */
    protected static String firstNonFinite(String name, double[] values, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                return name + " of neuron " + i + " is " + values[i];
            }
        }
        return null;
    }

    /** Forgets the current step's spikes (not the spike times), before a model's update emits this step's. */
    protected final void clearSpikes() {
        spikes.clear();
    }

    /** Forgets spike times and pending input (a new presentation starts at step 0). */
    public void resetSpikeHistory() {
        spikes.reset();
        Arrays.fill(excitatoryInput, 0f);
        Arrays.fill(inhibitoryInput, 0f);
    }

    /**
     * Writes the dynamic and learned state (a resume snapshot's): the spike history, the input waiting for the next
     * step and, in subclasses, their variables; what the next step recomputes (scratch, cached constants) is left out.
     */
    public void writeState(DataOutput out) throws IOException {
        spikes.writeState(out);
        StateStreams.writeFloats(out, excitatoryInput);
        StateStreams.writeFloats(out, inhibitoryInput);
        out.writeBoolean(inputTaken);
    }

    /** Reads what {@link #writeState} wrote, into a population built from the same configuration. */
    public void readState(DataInput in) throws IOException {
        spikes.readState(in);
        StateStreams.readFloats(in, excitatoryInput, "population " + name + " excitatory input");
        StateStreams.readFloats(in, inhibitoryInput, "population " + name + " inhibitory input");
        inputTaken = in.readBoolean();
    }

    /** Its kind, name and size, e.g. {@code CurrentLifPopulation[e, 200 neurons]}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", " + size + (size == 1 ? " neuron]" : " neurons]");
    }
}
