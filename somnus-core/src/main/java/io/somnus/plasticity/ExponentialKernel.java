package io.somnus.plasticity;

import io.somnus.core.NumberText;

/**
 * The decay of a trace set to 1 at a spike, tabulated for Δt = 0, 1, 2, … steps: exact, exp(−Δt·dt/τ), or
 * as forward Euler integrates it, (1 − dt/τ)^Δt (Brian2's {@code method='euler'} on clock-driven traces);
 * 0 beyond 30 τ, where it is below 10⁻¹³. A lookup replaces an exp per synaptic update in the hot loop.
 */
final class ExponentialKernel {
    private final float[] table;
    private final double dtMs;

    ExponentialKernel(double tauMs, double dtMs) {
        this(tauMs, dtMs, false);
    }

    ExponentialKernel(double tauMs, double dtMs, boolean euler) {
        checkedTauMs("STDP", "trace τ", tauMs, dtMs, euler);
        this.dtMs = dtMs;
        int n = (int) Math.ceil(30 * tauMs / dtMs) + 1;
        table = new float[n + 1]; // the last entry stays 0: lookups past the end are capped there
        double keep = 1 - dtMs / tauMs;
        double x = 1;
        for (int k = 0; k < n; k++) {
            table[k] = (float) (euler ? x : Math.exp(-k * dtMs / tauMs));
            x *= keep;
        }
    }

    /** A kernel whose τ and dt are checked under the rule's and the parameter's names ({@link #checkedTauMs}). */
    static ExponentialKernel checked(String rule, String tauName, double tauMs, double dtMs, boolean euler) {
        return new ExponentialKernel(checkedTauMs(rule, tauName, tauMs, dtMs, euler), dtMs, euler);
    }

    /**
     * {@code tauMs}, checked under the rule's and the parameter's names (the constructor checks again under generic
     * ones): τ and dt finite and &gt; 0, else the table's length is negative or the traces NaN; 30 τ/dt steps within an
     * array; with Euler traces τ ≥ dt, else the factor 1 − dt/τ kept per step is negative and a trace alternates in sign.
     */
    static double checkedTauMs(String rule, String tauName, double tauMs, double dtMs, boolean euler) {
        if (!(dtMs > 0 && dtMs < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(rule + " needs a finite dt > 0 ms, got " + NumberText.of(dtMs));
        }
        if (!(tauMs > 0 && tauMs < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(rule + " needs a finite " + tauName + " > 0 ms, got " + NumberText.of(tauMs));
        }
        if (euler && tauMs < dtMs) {
            throw new IllegalArgumentException(rule + " with Euler traces needs " + tauName + " >= dt (" + NumberText.of(dtMs)
                    + " ms): a trace keeps 1 − dt/τ per step, negative below; got " + NumberText.of(tauMs));
        }
        if (30 * tauMs / dtMs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rule + ": " + tauName + " " + NumberText.of(tauMs) + " ms is too long for dt " + NumberText.of(dtMs)
                    + " ms (the table holds 30 τ/dt steps)");
        }
        return tauMs;
    }

    double dtMs() {
        return dtMs;
    }

    /** The table: entry k is the trace k steps after a spike; the last entry is 0 (any later k). */
    float[] table() {
        return table;
    }

    /** exp(−steps·dt/τ) for steps ≥ 0. */
    float at(int steps) {
        return steps < table.length ? table[steps] : 0f;
    }
}
