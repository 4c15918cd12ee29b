/**
 * The simulator's inner loops, scalar and SIMD (Vector API), which give the same bits; the choice between them
 * per CPU, calibrated and cached.
 *
 * <p>A library user only picks a {@link Kernels} instance: {@link Kernels#preferred()} (this JVM's choice, recorded
 * as a {@link KernelChoice}) or {@link Kernels#scalar()}; every choice gives the same numbers. The rest serves the neuron,
 * synapse and sleep code.
 */
package io.somnus.kernel;
