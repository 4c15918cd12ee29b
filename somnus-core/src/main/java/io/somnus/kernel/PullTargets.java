package io.somnus.kernel;

/**
 * Target magnitudes of the sleep's log-space pull, one per post neuron (e.g. each post neuron's mean weight), with
 * their natural logarithms computed once, so that the SIMD kernel pulls a whole row toward per-column targets
 * without a logarithm per target and weight ({@link Kernels#logSpacePull(float[], int, int, PullTargets, int,
 * double, double[])}).
 */
public final class PullTargets {
    final float[] target;
    /** ln|target| where the SIMD path may use it (a normal, finite float), NaN where only the definition may. */
    final double[] lnMagnitude;
    /** Working space for the sums the targets are taken from (a column's weights), one per target. */
    private final double[] sums;

    /** Room for {@code size} targets (one per post neuron), all 0 until {@link #set}. */
    public PullTargets(int size) {
        target = new float[size];
        lnMagnitude = new double[size];
        sums = new double[size];
    }

    /** Working space of {@link #size()} doubles, for the caller's sums before it sets the targets. */
    public double[] sums() {
        return sums;
    }

    /** The number of targets (post neurons). */
    public int size() {
        return target.length;
    }

    /** Sets target {@code j} (its sign is ignored, as the law ignores it). */
    public void set(int j, float value) {
        target[j] = value;
        double m = Math.abs((double) value);
        lnMagnitude[j] = m >= Float.MIN_NORMAL && m <= Float.MAX_VALUE ? Math.log(m) : Double.NaN;
    }

    /** Target {@code j}, as set. */
    public float get(int j) {
        return target[j];
    }
}
