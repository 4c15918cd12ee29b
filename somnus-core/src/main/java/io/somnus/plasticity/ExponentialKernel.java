package io.somnus.plasticity;

/**
 * The decay of a trace set to 1 at a spike, tabulated for Δt = 0, 1, 2, … steps as floats: {@link ExponentialTraces}'
 * factors, exact, exp(−Δt·dt/τ), or as forward Euler integrates it, (1 − dt/τ)^Δt (Brian2's {@code method='euler'} on
 * clock-driven traces); 0 beyond 30 τ, where it is below 10⁻¹³. A lookup replaces an exp per synaptic update in the hot
 * loop.
 */
final class ExponentialKernel {
    private final float[] table;
    private final double dtMs;

    ExponentialKernel(double tauMs, double dtMs) {
        this(tauMs, dtMs, false);
    }

    ExponentialKernel(double tauMs, double dtMs, boolean euler) {
        ExponentialTraces.checkedTauMs("STDP", "trace τ", tauMs, dtMs, euler);
        this.dtMs = dtMs;
        double[] decay = ExponentialTraces.decayTable(tauMs, dtMs, euler);
        table = new float[decay.length];
        for (int k = 0; k < decay.length; k++) {
            table[k] = (float) decay[k];
        }
    }

    /**
     * A kernel whose τ and dt are checked under the rule's and the parameter's names
     * ({@link ExponentialTraces#checkedTauMs}).
     */
    static ExponentialKernel checked(String rule, String tauName, double tauMs, double dtMs, boolean euler) {
        return new ExponentialKernel(ExponentialTraces.checkedTauMs(rule, tauName, tauMs, dtMs, euler), dtMs, euler);
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
