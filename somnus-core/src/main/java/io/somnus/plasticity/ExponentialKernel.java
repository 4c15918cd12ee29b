package io.somnus.plasticity;

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
