/**
 * The surrogate-gradient SNN (SG-SNN) that Somnus trains beside the STDP-SNN, so that the same sleep intervention
 * can be compared on a gradient-trained network (Massey et al. 2026).
 *
 * <ul>
 *   <li>{@link io.somnus.sg.SgConfig} — every setting with the paper's defaults
 *       ({@link io.somnus.sg.SgConfig#paperSg()}: 225 → 1000 → 10, T = 100, direct current); the runs' networks are
 *       the presets of the experiment module, which write out every field.</li>
 *   <li>{@link io.somnus.sg.SgTrainer} — minibatch Adam with BPTT through all steps, optional sleep after epochs,
 *       evaluation, weight export; the parts it runs on (the epochs' generators, the sleep episodes, evaluation,
 *       resuming from a checkpoint, the images' checks, the parameters' names) are named in its class comment.</li>
 *   <li>{@code SgNetwork} — the LIF dynamics (snnTorch {@code Leaky}, reset by subtraction) and their backward pass;
 *       its class comment has the equations. {@link io.somnus.sg.SgSurrogate} — the surrogate derivatives.</li>
 *   <li>{@code SgSleep} — the paper's SG sleep: iterations of zero input with membrane noise on a batch of copies,
 *       trace STDP summed over an iteration and applied once, then one log-space pull of every weight toward
 *       ±0.2 per iteration.</li>
 * </ul>
 *
 * Matrix products go through netlib-java's {@code BLAS.getInstance()} (the system OpenBLAS when installed; keep it
 * single-threaded with {@code OPENBLAS_NUM_THREADS=1} and parallelise across runs). Everything runs on the calling
 * thread; a trainer is not thread-safe, use one per run.
 */
package io.somnus.sg;
