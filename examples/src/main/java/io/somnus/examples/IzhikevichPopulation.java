package io.somnus.examples;

import io.somnus.neuron.Population;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * A neuron model of one's own, written against {@link Population} from outside the simulator: Izhikevich's (2003)
 * simple model, v in mV, u the recovery variable, time in ms,
 * <pre>
 *   dv/dt = 0.04·v² + 5·v + 140 − u + I        (I: a constant bias, mV/ms)
 *   du/dt = a·(b·v − u)
 *   spike when v ≥ 30 mV; then v ← c, u ← u + d
 * </pre>
 * advanced by one forward-Euler step of dt (both right-hand sides from the step's start). Synapses are delta pulses in
 * mV, Brian2's {@code on_pre='v += w'}: the input delivered at step t (both receptors, a weight's sign deciding, so
 * inhibitory weights are negative) jumps v before the update of step t + 1. Sleep's Gaussian noise, σ mV per step, is
 * added to v the same way. The defaults are Izhikevich's regular-spiking cell (a = 0.02, b = 0.2, c = −65 mV, d = 8).
 *
 * <p>What the network calls: {@link #integrate} once per step (consume the input, advance, emit the spikes);
 * {@link #resetState} between presentations; {@link #copy} for evaluation on another thread. It learns nothing (u
 * rests again with v at each reset), so it keeps Population's {@code freezeLearning}, which has nothing to freeze.
 */
public final class IzhikevichPopulation extends Population {
    /** The spike cut-off (mV). */
    public static final double V_PEAK_MV = 30;

    /**
     * The model's parameters.
     *
     * @param a      the recovery variable's rate (1/ms)
     * @param b      u's sensitivity to v (u follows b·v)
     * @param cMv    v after a spike (mV)
     * @param d      u's jump at a spike
     * @param biasMv the constant input I (mV/ms), 0 for a cell driven by its synapses alone
     */
    public record Parameters(double a, double b, double cMv, double d, double biasMv) {
        /** Izhikevich's regular-spiking cortical cell, unbiased. */
        public static final Parameters REGULAR_SPIKING = new Parameters(0.02, 0.2, -65, 8, 0);

        /** These parameters with bias {@code biasMv}. */
        public Parameters withBias(double biasMv) {
            return new Parameters(a, b, cMv, d, biasMv);
        }
    }

    private final Parameters p;
    /** Membrane potential (mV) and recovery variable, per neuron. */
    private final double[] v;
    private final double[] u;
    /** Every neuron can spike at every step (no refractory period): what {@code membraneNoise} asks for. */
    private final int[] neverRefractory;
    private final float[] noise;

    /** {@code size} neurons of model {@code p}, at rest (v = c, u = b·c). */
    public IzhikevichPopulation(String name, int size, Parameters p) {
        super(name, size);
        this.p = Objects.requireNonNull(p, "parameters");
        this.v = new double[size];
        this.u = new double[size];
        this.neverRefractory = new int[size];
        this.noise = new float[size];
        resetState();
    }

    /** The parameters it was built with. */
    public Parameters parameters() {
        return p;
    }

    @Override
    public void integrate(int step, double dtMs, double noiseStdMv, RandomGenerator rng) {
        float[] sigma = membraneNoise(noise, neverRefractory, step, noiseStdMv, rng); // null without noise
        clearSpikes(); // this step's spikes replace the last step's
        for (int i = 0; i < size; i++) {
            double vi = v[i] + excitatoryInput[i] + inhibitoryInput[i] + (sigma == null ? 0 : sigma[i]);
            excitatoryInput[i] = 0f; // consumed: projections add the next step's into them
            inhibitoryInput[i] = 0f;
            double ui = u[i];
            double vNext = vi + dtMs * (0.04 * vi * vi + 5 * vi + 140 - ui + p.biasMv());
            double uNext = ui + dtMs * p.a() * (p.b() * vi - ui);
            if (vNext >= V_PEAK_MV) {
                vNext = p.cMv();
                uNext += p.d();
                emit(i, step);
            }
            v[i] = vNext;
            u[i] = uNext;
        }
    }

    /** Delta-pulse synapses of either sign add into v: an inhibitory weight must be negative. */
    @Override
    public boolean receptorsShareOneCurrent() {
        return true;
    }

    @Override
    public void resetState() {
        Arrays.fill(v, p.cMv());
        Arrays.fill(u, p.b() * p.cMv());
        resetSpikeHistory();
    }

    /** Nothing is learned: v and u rest again at each reset. */
    @Override
    public void copyLearnedStateFrom(Population other) {
    }

    @Override
    public Population copy() {
        return new IzhikevichPopulation(name(), size, p);
    }

    /** {@code v} (mV) and {@code u}. */
    @Override
    public List<String> stateVariables() {
        return List.of("v", "u");
    }

    @Override
    public IntToDoubleFunction stateReader(String variable) {
        return switch (variable) {
            case "v" -> i -> v[i];
            case "u" -> i -> u[i];
            default -> super.stateReader(variable);
        };
    }

    @Override
    public String firstNonFiniteState() {
        String s = firstNonFinite("v (mV)", v, size);
        s = s != null ? s : firstNonFinite("u", u, size);
        return s != null ? s : super.firstNonFiniteState();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        super.writeState(out);
        for (int i = 0; i < size; i++) {
            out.writeDouble(v[i]);
            out.writeDouble(u[i]);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        super.readState(in);
        for (int i = 0; i < size; i++) {
            v[i] = in.readDouble();
            u[i] = in.readDouble();
        }
    }
}
