package io.somnus.plasticity;

/**
 * exp(−Δt·dt/τ) tabulated for Δt = 0, 1, 2, … steps; 0 beyond 30 τ, where it is below 10⁻¹³.
 * A lookup replaces an exp per synaptic update in the hot loop.
 */
final class ExponentialKernel {
    private final float[] table;

    ExponentialKernel(double tauMs, double dtMs) {
        int n = (int) Math.ceil(30 * tauMs / dtMs) + 1;
        table = new float[n];
        for (int k = 0; k < n; k++) {
            table[k] = (float) Math.exp(-k * dtMs / tauMs);
        }
    }

    /** exp(−steps·dt/τ) for steps ≥ 0. */
    float at(int steps) {
        return steps < table.length ? table[steps] : 0f;
    }
}
