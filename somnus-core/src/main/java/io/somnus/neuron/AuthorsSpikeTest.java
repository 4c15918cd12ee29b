package io.somnus.neuron;

import io.somnus.kernel.CurrentLifStep;

/**
 * The current-LIF step with the authors' spike test ({@link CurrentLifScheme#authorsSpikeTest()}): as the scalar
 * kernel's step, except that a neuron fires when V &gt; θ_prev, the threshold of the previous step,
 * θ_prev = clip(θ + a_prev, −90, 0) mV, where a_prev is the adaptation before this step's decay (their
 * {@code update_spikes} compares with the threshold it returned one step earlier, then decays and raises a and
 * clips θ + a to [−90, 0]: {@code src/train.py:231-252 @40b7d33}). Plain Java, used only when that choice is on.
 */
final class AuthorsSpikeTest {
    /** Lower clip of the moving threshold (mV), {@code train.py:250 @40b7d33}. */
    static final float THRESHOLD_MIN_MV = -90f;
    /** Upper clip of the moving threshold (mV), {@code train.py:250 @40b7d33}. */
    static final float THRESHOLD_MAX_MV = 0f;

    private AuthorsSpikeTest() { }

    /** One step of neurons [0, n); returns the number of neurons that spiked, written to {@code spikedOut}. */
    static int step(CurrentLifStep c, int step, int n, float[] v, float[] current, float[] adaptation,
                    int[] refractoryUntil, float[] excitatoryIn, float[] inhibitoryIn, float[] noiseMv, int[] spikedOut) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            float vi = v[i];
            float ii = current[i] + (excitatoryIn[i] + inhibitoryIn[i]) * c.gain();
            excitatoryIn[i] = 0f;
            inhibitoryIn[i] = 0f;
            boolean active = step >= refractoryUntil[i];
            if (active) {
                float vInf = c.restMv() + c.resistance() * ii;
                vi = vInf + (vi - vInf) * c.decayV();
                if (noiseMv != null) {
                    vi += noiseMv[i];
                }
            }
            ii *= c.decayI();
            float thetaPrev = Math.min(Math.max(c.thresholdMv() + adaptation[i], THRESHOLD_MIN_MV), THRESHOLD_MAX_MV);
            float ai = adaptation[i] * c.decayA();
            vi = Math.min(Math.max(vi, c.vMinMv()), c.vMaxMv());
            if (active && vi > thetaPrev) {
                vi = c.resetMv();
                ai += c.adaptationMv();
                refractoryUntil[i] = step + c.refractorySteps();
                spikedOut[count++] = i;
            }
            v[i] = vi;
            current[i] = ii;
            adaptation[i] = ai;
        }
        return count;
    }
}
