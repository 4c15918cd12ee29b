package io.somnus.encoding;

import java.util.Arrays;

/** Test helper: a {@link SpikeTrain} as dense 0/1 matrices (step × input), to check encoders cell by cell. */
final class DenseSpikes {
    private DenseSpikes() {
    }

    /** A new {@code [numSteps][numInputs]} matrix with 1 where an input spikes. */
    static float[][] dense(SpikeTrain train, int numInputs) {
        float[][] out = new float[train.numSteps()][numInputs];
        for (int t = 0; t < out.length; t++) {
            for (int k = train.start(t); k < train.end(t); k++) {
                out[t][train.source(k)] = 1f;
            }
        }
        return out;
    }

    /**
     * Fills {@code out} (row-major, {@code out[t·numInputs + i]}, at least {@code numSteps·numInputs} long)
     * with 1 where input i spikes at step t and 0 elsewhere. Allocates nothing.
     */
    static void fill(SpikeTrain train, int numInputs, float[] out) {
        int n = train.numSteps() * numInputs;
        if (out.length < n) {
            throw new IllegalArgumentException("output holds " + out.length + " values, need " + train.numSteps()
                    + " steps x " + numInputs + " inputs = " + n);
        }
        Arrays.fill(out, 0, n, 0f);
        for (int t = 0; t < train.numSteps(); t++) {
            int row = t * numInputs;
            for (int k = train.start(t); k < train.end(t); k++) {
                out[row + train.source(k)] = 1f;
            }
        }
    }
}
