package io.somnus.neuron;

/**
 * The authors' spike test ({@link CurrentLifScheme#authorsSpikeTest()}): a current-LIF neuron fires when
 * V &gt; θ_prev, the threshold of the previous step, θ_prev = clip(θ + a_prev, −90, 0) mV, where a_prev is the
 * adaptation before this step's decay (their {@code update_spikes} compares with the threshold it returned one step
 * earlier, then decays and raises a and clips θ + a to [−90, 0]: {@code src/train.py:231-252 @40b7d33}). The step
 * itself is {@link io.somnus.kernel.Kernels#currentLifPreviousThreshold}, scalar or SIMD.
 */
final class AuthorsSpikeTest {
    /** Lower clip of the moving threshold (mV), {@code train.py:250 @40b7d33}. */
    static final float THRESHOLD_MIN_MV = -90f;
    /** Upper clip of the moving threshold (mV), {@code train.py:250 @40b7d33}. */
    static final float THRESHOLD_MAX_MV = 0f;

    private AuthorsSpikeTest() { }
}
