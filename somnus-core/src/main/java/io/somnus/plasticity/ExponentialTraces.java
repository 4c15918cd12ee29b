package io.somnus.plasticity;

import io.somnus.core.NumberText;
import io.somnus.core.StateStreams;
import io.somnus.neuron.Population;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * One exponentially decaying trace per neuron, for a plasticity rule of one's own (README, "Your own rule, your own
 * neuron"; the examples' {@code PfisterTripletStdp}): trace i decays between its neuron's spikes, exactly,
 * x·exp(−Δt/τ), or as forward Euler integrates dx/dt = −x/τ (Brian2's {@code method='euler'}), x·(1 − dt/τ) per step,
 * and grows by what {@link #add} adds at a spike. The built-in rules decay theirs by the same factors
 * ({@link AllToAllStdp} keeps its traces here; the rules whose traces are set to 1 at a spike look the same factors up
 * as floats).
 *
 * <p>A trace is kept as its value just after its last {@link #add} and that step, and read at a later step by one
 * multiplication ({@link #at}), so that a step without spikes costs nothing. The factors are tabulated for Δt = 0 to
 * 30 τ/dt steps; later, a trace is 0 (it has fallen below 10⁻¹³ of itself). All traces start at 0.
 */
public final class ExponentialTraces {
    private final double tauMs;
    private final double dtMs;
    private final boolean euler;
    /** The factor a trace keeps over k steps, for k = 0, 1, …; the last entry 0 (any later k). */
    private final double[] decay;
    /** Each trace's value just after the step it was last added to, and that step. */
    private double[] value = new double[0];
    private int[] step = new int[0];

    /**
     * Traces of time constant {@code tauMs} in a network stepping {@code dtMs}, for none of the neurons yet
     * ({@link #resize}); τ and dt are checked under the rule's and the time constant's names.
     *
     * @param rule    the rule, as messages name it, e.g. "triplet STDP"
     * @param tauName the time constant, as messages name it, e.g. "τ_x"
     * @param euler   decay as forward Euler, (1 − dt/τ) per step, else exactly
     * @throws IllegalArgumentException naming {@code rule} and {@code tauName}, as {@link #checkedTauMs}
     */
    public ExponentialTraces(String rule, String tauName, double tauMs, double dtMs, boolean euler) {
        this.tauMs = checkedTauMs(rule, tauName, tauMs, dtMs, euler);
        this.dtMs = dtMs;
        this.euler = euler;
        this.decay = decayTable(tauMs, dtMs, euler);
    }

    /**
     * {@code tauMs}, checked under the rule's and the parameter's names: τ and dt finite and &gt; 0, else the table's
     * length is negative or the traces NaN; 30 τ/dt steps within an array; with Euler traces τ ≥ dt, else the factor
     * 1 − dt/τ kept per step is negative and a trace alternates in sign.
     *
     * @throws IllegalArgumentException naming {@code rule}, {@code tauName} and the value
     */
    public static double checkedTauMs(String rule, String tauName, double tauMs, double dtMs, boolean euler) {
        if (!(dtMs > 0 && dtMs < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(rule + " needs a finite dt > 0 ms, got " + NumberText.of(dtMs));
        }
        if (!(tauMs > 0 && tauMs < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(rule + " needs a finite " + tauName + " > 0 ms, got "
                    + NumberText.of(tauMs));
        }
        if (euler && tauMs < dtMs) {
            throw new IllegalArgumentException(rule + " with Euler traces needs " + tauName + " >= dt ("
                    + NumberText.of(dtMs) + " ms): a trace keeps 1 − dt/τ per step, negative below; got "
                    + NumberText.of(tauMs));
        }
        if (30 * tauMs / dtMs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rule + ": " + tauName + " " + NumberText.of(tauMs)
                    + " ms is too long for dt " + NumberText.of(dtMs) + " ms (the table holds 30 τ/dt steps)");
        }
        return tauMs;
    }

    /**
     * The factor a trace keeps over k = 0, 1, … steps (exp(−k·dt/τ), or the product of k factors 1 − dt/τ), up to
     * k = ⌈30 τ/dt⌉, and a last entry 0; τ and dt as {@link #checkedTauMs} passes them.
     */
    static double[] decayTable(double tauMs, double dtMs, boolean euler) {
        int n = (int) Math.ceil(30 * tauMs / dtMs) + 1;
        double[] table = new double[n + 1]; // the last entry stays 0: lookups past the end are capped there
        double keep = 1 - dtMs / tauMs;
        double x = 1;
        for (int k = 0; k < n; k++) {
            table[k] = euler ? x : Math.exp(-k * dtMs / tauMs);
            x *= keep;
        }
        return table;
    }

    /** One trace per neuron of {@code neurons}, each 0 (as a rule's {@code attach} sizes its traces). */
    public void resize(int neurons) {
        value = new double[neurons];
        step = new int[neurons];
        reset();
    }

    /** How many traces: the neurons given to {@link #resize}. */
    public int size() {
        return value.length;
    }

    /** Every trace 0 (a reset of the network's state, whose steps then count from 0 again). */
    public void reset() {
        Arrays.fill(value, 0);
        Arrays.fill(step, Population.NEVER);
    }

    /** The factor a trace keeps over {@code steps} ≥ 0 steps without a spike: exp(−steps·dt/τ), or (1 − dt/τ)^steps. */
    public double decay(int steps) {
        return decay[Math.min(steps, decay.length - 1)];
    }

    /**
     * Trace {@code i} at {@code step}: its value after its last {@link #add}, decayed over the steps since.
     *
     * @throws IllegalArgumentException for a step before the trace's last {@link #add} (steps restarted:
     *                                  {@link #reset})
     */
    public double at(int i, int step) {
        int since = step - this.step[i];
        if (since < 0) {
            throw new IllegalArgumentException("trace " + i + " read at step " + step + ", before its last spike at "
                    + "step " + this.step[i] + "; reset the traces when the steps start again");
        }
        return value[i] * decay(since);
    }

    /** Adds {@code amount} to trace {@code i} at {@code step} (1 at a spike, for a trace that counts spikes). */
    public void add(int i, int step, double amount) {
        value[i] = at(i, step) + amount;
        this.step[i] = step;
    }

    /** The time constant τ (ms). */
    public double tauMs() {
        return tauMs;
    }

    /** The time step (ms). */
    public double dtMs() {
        return dtMs;
    }

    /** Whether the traces decay as forward Euler integrates them, else exactly. */
    public boolean euler() {
        return euler;
    }

    /** Writes each trace's value and the step it was last added to, for a resume snapshot. */
    public void write(DataOutput out) throws IOException {
        StateStreams.writeDoubles(out, value);
        StateStreams.writeInts(out, step);
    }

    /**
     * Reads what {@link #write} wrote into traces of the same size.
     *
     * @param what the traces in the message of an {@link IOException}, e.g. "all-to-all STDP of projection e_e pre"
     * @throws IOException for another count of traces
     */
    public void read(DataInput in, String what) throws IOException {
        StateStreams.readDoubles(in, value, what + " traces");
        StateStreams.readInts(in, step, what + " trace steps");
    }
}
