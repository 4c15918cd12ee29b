package io.somnus.metrics;

import io.somnus.core.NumberText;

/**
 * Firing rates from spike counts: a neuron that emitted s spikes over T steps of dt milliseconds fired at
 * <pre>r = s / (T · dt / 1000)   [Hz].</pre>
 */
public final class FiringRates {
    private FiringRates() {
    }

    /** Rate in Hz of {@code spikes} spikes over {@code steps} steps of {@code dtMs} ms (one neuron). */
    public static double rateHz(long spikes, long steps, double dtMs) {
        return spikes / seconds(steps, dtMs);
    }

    /**
     * Mean rate in Hz per neuron of a population of {@code neurons} neurons that emitted {@code totalSpikes}
     * spikes altogether over {@code steps} steps of {@code dtMs} ms.
     */
    public static double meanRateHz(long totalSpikes, int neurons, long steps, double dtMs) {
        if (neurons < 1) {
            throw new IllegalArgumentException("neurons = " + neurons + "; must be >= 1");
        }
        return totalSpikes / (neurons * seconds(steps, dtMs));
    }

    /** Mean rate in Hz over neurons of per-neuron spike counts {@code counts} (not modified). */
    public static double meanRateHz(int[] counts, long steps, double dtMs) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        return meanRateHz(total, counts.length, steps, dtMs);
    }

    /** Per-neuron rates in Hz written to {@code out} (same length as {@code counts}, which is not modified). */
    public static void ratesHz(int[] counts, long steps, double dtMs, double[] out) {
        if (out.length != counts.length) {
            throw new IllegalArgumentException("output has " + out.length + " entries but counts has "
                    + counts.length);
        }
        double inv = 1.0 / seconds(steps, dtMs);
        for (int i = 0; i < counts.length; i++) {
            out[i] = counts[i] * inv;
        }
    }

    /** Per-neuron rates in Hz (a new array). */
    public static double[] ratesHz(int[] counts, long steps, double dtMs) {
        double[] out = new double[counts.length];
        ratesHz(counts, steps, dtMs, out);
        return out;
    }

    private static double seconds(long steps, double dtMs) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + "; must be >= 1");
        }
        if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
            throw new IllegalArgumentException("dt = " + NumberText.of(dtMs) + " ms; must be finite and > 0");
        }
        return steps * dtMs / 1000.0;
    }
}
