package io.somnus.neuron;

import io.somnus.core.StateStreams;
import io.somnus.kernel.ConductanceLifStep;
import io.somnus.kernel.Kernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Conductance-based LIF neurons with an adaptive threshold θ (Diehl &amp; Cook 2015):
 * <pre>
 *   τ_m dV/dt = (V_rest − V) + g_e·(E_exc − V) + g_i·(E_inh − V)     (+ noise σ per step during sleep)
 *   dg_e/dt = −g_e/τ_e,  dg_i/dt = −g_i/τ_i,   g_e += w (excitatory), g_i += w (inhibitory) per spike
 *   dθ/dt = −θ/τ_θ
 *   spike when V > V_th − offset + θ and not refractory;  then V ← V_reset, θ += θ₊
 * </pre>
 * The membrane is advanced either by exponential Euler (default), exact when g_e and g_i are held over the
 * step and stable for any conductance:
 * <pre>  V∞ = (V_rest + g_e·E_exc + g_i·E_inh)/(1 + g_e + g_i),  V ← V∞ + (V − V∞)·exp(−dt·(1 + g_e + g_i)/τ_m)</pre>
 * or by forward Euler, as Brian2's {@code method='euler'} (the reference in {@code validation/brian2}),
 * which diverges once dt·(1 + g_e + g_i)/τ_m &gt; 2. Conductances and θ decay by forward Euler in both.
 * V is frozen while refractory ({@code unless refractory}); conductances and θ keep decaying. A spike
 * delivered at step t is in g before the update of step t+1. After a spike at step s the neuron is
 * refractory until step s + max(1, refractory/dt). The update runs in the {@link Kernels} the population
 * is built with.
 */
public final class ConductanceLifPopulation extends Population {
    /** Steps a threshold floor stays valid (θ decays by at most keepθ^steps meanwhile). */
    private static final int FLOOR_STEPS = 256;
    private final ConductanceLifParameters p;
    private final float[] v;
    private final float[] ge;
    private final float[] gi;
    /** θ in double: its decay per step (5·10⁻⁸·θ at dt = 0.5 ms) is below float32 resolution. */
    private final double[] theta;
    private final int[] refractoryUntil;
    private final float[] noiseScratch;
    /** Per neuron a float ≤ V_th + θ, valid for {@link #floorUpdatesLeft} more updates; +∞ in the padding. */
    private final float[] thresholdFloor;
    private int floorUpdatesLeft;
    private boolean thetaFrozen;
    private boolean forwardEuler;
    private final Kernels kernels;
    private ConductanceLifStep stepConstants;
    private double stepDtMs;
    private boolean stepThetaFrozen;
    /**
     * Whether θ is ±0 in every neuron and θ₊ is 0 (Diehl &amp; Cook's inhibitory neurons): θ then stays ±0, its decay
     * leaves it as it is, and the step constants carry a keep of 1, which skips the decay's pass (≈ 20 ns of an update
     * of 100 inhibitory neurons: docs/performance-rounds.md, fifty-second round). Null when θ may have been written
     * since it was last found (a getter, a copy, a state read).
     */
    private Boolean thetaStill;
    private boolean stepThetaStill;
    /**
     * The constants under which the last update left every neuron at its fixed point (see {@link #atFixedPoint});
     * null when not known. While no input is taken and no noise drawn, updates under them change nothing.
     */
    private ConductanceLifStep restingUnder;
    /** Where {@link #atFixedPoint} last found a neuron not at rest (it starts there next time). */
    private int busyNeuron;

    /** A population that runs on {@link Kernels#preferred()}. */
    public ConductanceLifPopulation(String name, int size, ConductanceLifParameters p) {
        this(name, size, p, Kernels.preferred());
    }

    /** @param kernels the loops that advance the population (all kernels give the same numbers) */
    public ConductanceLifPopulation(String name, int size, ConductanceLifParameters p, Kernels kernels) {
        super(name, size);
        this.p = Objects.requireNonNull(p, () -> "population " + name + ": parameters (e.g. "
                + "ConductanceLifParameters.DIEHL_COOK_EXCITATORY)");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.v = new float[Kernels.paddedLength(size)];
        this.ge = new float[Kernels.paddedLength(size)];
        this.gi = new float[Kernels.paddedLength(size)];
        this.theta = new double[size];
        this.refractoryUntil = new int[Kernels.paddedLength(size)];
        this.noiseScratch = new float[Kernels.paddedLength(size)];
        this.thresholdFloor = new float[Kernels.paddedLength(size)];
        Arrays.fill(thresholdFloor, Float.POSITIVE_INFINITY);
        Arrays.fill(theta, p.thetaInitialMv());
        resetState();
    }

    @Override
    public String firstNonFiniteState() {
        String s = firstNonFinite("membrane potential (mV)", v, size);
        s = s != null ? s : firstNonFinite("excitatory conductance", ge, size);
        s = s != null ? s : firstNonFinite("inhibitory conductance", gi, size);
        s = s != null ? s : firstNonFinite("adaptive threshold theta (mV)", theta, size);
        return s != null ? s : super.firstNonFiniteState();
    }

    /** The kernels this population runs on. */
    public Kernels kernels() {
        return kernels;
    }

    /** The neuron parameters this population was built with (immutable). */
    public ConductanceLifParameters parameters() {
        return p;
    }

    /**
     * {@code v} (membrane, mV), {@code ge} and {@code gi} (excitatory and inhibitory conductances, in units of the
     * leak), {@code theta} (adaptive threshold increase, mV).
     */
    @Override
    public List<String> stateVariables() {
        return List.of("v", "ge", "gi", "theta");
    }

    @Override
    public IntToDoubleFunction stateReader(String variable) {
        return switch (variable) {
            case "v" -> k -> v[k];
            case "ge" -> k -> ge[k];
            case "gi" -> k -> gi[k];
            case "theta" -> k -> theta[k];
            default -> super.stateReader(variable);
        };
    }

    /** Membrane potentials V (mV), one per neuron; live view (see the class comment on writing through getters). */
    public float[] membrane() {
        restingUnder = null; // the caller may write
        return v;
    }

    /** Excitatory conductances g_e (in units of the leak conductance), one per neuron; live view. */
    public float[] excitatoryConductance() {
        restingUnder = null; // the caller may write
        return ge;
    }

    /** Inhibitory conductances g_i (in units of the leak conductance), one per neuron; live view. */
    public float[] inhibitoryConductance() {
        restingUnder = null; // the caller may write
        return gi;
    }

    /** Adaptive thresholds θ (mV); live view. */
    public double[] theta() {
        invalidateFloor(); // the caller may write
        restingUnder = null;
        thetaStill = null;
        return theta;
    }

    /** θ, as {@code theta_mv}: the only state this model learns (the live array, as {@link #theta()} gives it). */
    @Override
    public Map<String, double[]> learnedState() {
        return Map.of("theta_mv", theta());
    }

    /** A copy of θ, as {@code theta_mv}, taken without forgetting the floors and the rest, as {@link #theta()} does. */
    @Override
    public Map<String, double[]> learnedStateCopy() {
        return Map.of("theta_mv", theta.clone());
    }

    /**
     * Whether θ can be other than 0: with θ₊ = 0 and θ₀ = 0 (Diehl &amp; Cook's inhibitory neurons) it starts at 0 and
     * stays there.
     */
    @Override
    public boolean hasAdaptiveThreshold() {
        return p.thetaPlusMv() != 0 || p.thetaInitialMv() != 0;
    }

    /** Forward Euler for the membrane (to match Brian2's {@code method='euler'}); exponential Euler otherwise. */
    public ConductanceLifPopulation useForwardEuler(boolean euler) {
        this.forwardEuler = euler;
        return this;
    }

    /** Freezes θ, the only state this model learns (no increase, no decay): Diehl &amp; Cook's test mode. */
    @Override
    public void freezeLearning(boolean frozen) {
        this.thetaFrozen = frozen;
    }

    @Override
    public void integrate(int step, double dtMs, double noiseStdMv, RandomGenerator rng) {
        float[] noise = membraneNoise(noiseScratch, refractoryUntil, step, noiseStdMv, rng);
        ConductanceLifStep c = constants(dtMs);
        if (floorUpdatesLeft-- <= 0) { // counts updates, not step numbers: presentations restart at step 0
            double thetaLeft = Math.pow(c.keepTheta(), FLOOR_STEPS + 1);
            for (int i = 0; i < size; i++) {
                thresholdFloor[i] = Kernels.thresholdFloor(c.thresholdMv(), theta[i], thetaLeft);
            }
            floorUpdatesLeft = FLOOR_STEPS - 1;
        }
        if (restingUnder == c && noise == null && !inputTaken) {
            recordSpikes(0, step); // the update would leave every value as it is (most inhibitory steps)
            return;
        }
        inputTaken = false;
        int count = kernels.conductanceLif(c, step, size, v, ge, gi, theta, refractoryUntil, excitatoryInput,
                inhibitoryInput, noise, thresholdFloor, spiked);
        recordSpikes(count, step);
        restingUnder = count == 0 && noise == null && atFixedPoint(c) ? c : null;
    }

    /**
     * Whether an update under {@code c}, with no input and no noise, would change nothing and emit no spike: every
     * neuron's input, g_e and g_i +0, V mapped to itself by the kernels' own operations
     * ({@link ConductanceLifStep#restingNext}), θ by its decay, and V not above V_th + θ (so that it makes no
     * difference whether a neuron is refractory: one that is keeps its V, one that is not maps V to itself).
     * Starts from the neuron that failed the last test and stops at the first that is not at rest, so that a
     * busy population (the excitatory one during a presentation) costs a neuron or two per step.
     */
    private boolean atFixedPoint(ConductanceLifStep c) {
        final double threshold = c.thresholdMv();
        for (int k = 0, i = busyNeuron; k < size; k++, i = i + 1 == size ? 0 : i + 1) {
            int g = Float.floatToRawIntBits(ge[i]) | Float.floatToRawIntBits(gi[i])
                    | Float.floatToRawIntBits(excitatoryInput[i]) | Float.floatToRawIntBits(inhibitoryInput[i]);
            float vi = v[i];
            double th = theta[i];
            if (g != 0 || Float.floatToRawIntBits(c.restingNext(vi)) != Float.floatToRawIntBits(vi)
                    || Double.doubleToRawLongBits(th * c.keepTheta()) != Double.doubleToRawLongBits(th)
                    || vi > threshold + th) {
                busyNeuron = i;
                return false;
            }
        }
        return true;
    }

    /** Whether the next update without input or noise is known to change nothing (and will be skipped). */
    boolean knownAtRest() {
        return restingUnder != null;
    }

    /** Copies of V, g_e, g_i and θ, taken without forgetting the rest as the getters of the live arrays do. */
    StateCopy stateCopy() {
        return new StateCopy(Arrays.copyOf(v, size), Arrays.copyOf(ge, size), Arrays.copyOf(gi, size), theta.clone());
    }

    record StateCopy(float[] v, float[] ge, float[] gi, double[] theta) { }

    /** Forgets the threshold floors (θ or the constants may have changed outside the kernel). */
    private void invalidateFloor() {
        floorUpdatesLeft = 0;
    }

    /** Conductances and θ decay by forward Euler; the membrane too when {@link #useForwardEuler} is on. */
    @Override
    public void checkTimeStep(double dtMs) {
        p.forwardEulerTimeConstantsMs(forwardEuler).forEach((name, tauMs) -> requireAtLeastDt(name, tauMs, dtMs));
    }

    /** The step constants for dt and the current θ and integration modes (rebuilt only when they change). */
    private ConductanceLifStep constants(double dtMs) {
        ConductanceLifStep c = stepConstants;
        boolean still = thetaStill();
        if (c == null || dtMs != stepDtMs || c.forwardEuler() != forwardEuler || stepThetaFrozen != thetaFrozen
                || stepThetaStill != still) {
            checkTimeStep(dtMs);
            c = new ConductanceLifStep((float) (dtMs / p.tauMembraneMs()), (float) (1 - dtMs / p.tauExcitatoryMs()),
                    (float) (1 - dtMs / p.tauInhibitoryMs()), thetaFrozen || still ? 1.0 : 1 - dtMs / p.tauThetaMs(),
                    thetaFrozen ? 0.0 : p.thetaPlusMv(), (float) p.vRestMv(), (float) p.eExcitatoryMv(),
                    (float) p.eInhibitoryMv(), (float) (p.vThresholdMv() - p.thresholdOffsetMv()), (float) p.vResetMv(),
                    Math.max(1, (int) Math.round(p.refractoryMs() / dtMs)), forwardEuler);
            stepConstants = c;
            invalidateFloor();
            stepDtMs = dtMs;
            stepThetaFrozen = thetaFrozen;
            stepThetaStill = still;
        }
        return c;
    }

    /** {@link #thetaStill}, looked for again after θ may have been written. */
    private boolean thetaStill() {
        Boolean still = thetaStill;
        if (still == null) {
            boolean zero = p.thetaPlusMv() == 0;
            for (int i = 0; i < size && zero; i++) {
                zero = theta[i] == 0; // +0 or −0 (either times keep is itself); not NaN
            }
            thetaStill = still = zero;
        }
        return still;
    }

    @Override
    public void resetState() {
        restingUnder = null;
        Arrays.fill(v, (float) p.vRestMv());
        Arrays.fill(ge, 0f);
        Arrays.fill(gi, 0f);
        Arrays.fill(refractoryUntil, 0);
        resetSpikeHistory();
    }

    @Override
    public void copyLearnedStateFrom(Population other) {
        if (!(other instanceof ConductanceLifPopulation c) || c.size != size) {
            throw new IllegalArgumentException("population " + name() + " cannot take the learned state (θ) of " + other
                    + ": it needs a ConductanceLifPopulation of " + size + " neurons");
        }
        System.arraycopy(c.theta, 0, theta, 0, size);
        thetaStill = null;
        invalidateFloor();
        restingUnder = null;
    }

    @Override
    public Population copy() {
        ConductanceLifPopulation c = new ConductanceLifPopulation(name(), size, p, kernels);
        c.copyLearnedStateFrom(this);
        c.thetaFrozen = thetaFrozen;
        c.forwardEuler = forwardEuler;
        return c;
    }

    /**
     * Writes V, the conductances, θ, the refractory counters and the threshold floor with its countdown, bit for bit,
     * and whether the population was known at rest under its step constants (which skips an update): the next steps
     * then take the same branches as they would have.
     */
    @Override
    public void writeState(DataOutput out) throws IOException {
        super.writeState(out);
        StateStreams.writeFloats(out, v);
        StateStreams.writeFloats(out, ge);
        StateStreams.writeFloats(out, gi);
        StateStreams.writeDoubles(out, theta);
        StateStreams.writeInts(out, refractoryUntil);
        StateStreams.writeFloats(out, thresholdFloor);
        out.writeInt(floorUpdatesLeft);
        out.writeBoolean(thetaFrozen);
        out.writeBoolean(forwardEuler);
        out.writeBoolean(stepConstants != null);
        out.writeLong(Double.doubleToRawLongBits(stepDtMs));
        out.writeBoolean(restingUnder != null && restingUnder == stepConstants);
        out.writeInt(busyNeuron);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        super.readState(in);
        StateStreams.readFloats(in, v, "population " + name() + " V");
        StateStreams.readFloats(in, ge, "population " + name() + " ge");
        StateStreams.readFloats(in, gi, "population " + name() + " gi");
        StateStreams.readDoubles(in, theta, "population " + name() + " theta");
        thetaStill = null;
        StateStreams.readInts(in, refractoryUntil, "population " + name() + " refractory counters");
        float[] floor = StateStreams.readFloats(in);
        int floorLeft = in.readInt();
        thetaFrozen = in.readBoolean();
        forwardEuler = in.readBoolean();
        boolean hadConstants = in.readBoolean();
        double dt = Double.longBitsToDouble(in.readLong());
        boolean resting = in.readBoolean();
        int busy = in.readInt();
        if (floor.length != thresholdFloor.length || busy < 0 || busy >= size || (resting && !hadConstants)) {
            throw new IOException("population " + name() + ": threshold floor of " + floor.length
                    + " values, busy neuron " + busy);
        }
        stepConstants = null;
        restingUnder = null;
        if (hadConstants) {
            constants(dt); // the same constants, recomputed (they invalidate the floor, put back below)
        }
        System.arraycopy(floor, 0, thresholdFloor, 0, floor.length);
        floorUpdatesLeft = floorLeft;
        restingUnder = resting ? stepConstants : null;
        busyNeuron = busy;
    }
}
