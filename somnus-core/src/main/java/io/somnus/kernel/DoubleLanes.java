package io.somnus.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one species of double vectors in a JVM: 4 lanes where the CPU has 256-bit vectors (512-bit ones included), 2
 * otherwise. The sleep's log-space pull ({@link VectorKernels}) and the readout's products
 * ({@code io.somnus.readout.VectorDenseProducts}) share it. Two shapes of one element type in a JVM share the Vector
 * API's type profiles (its methods are common to both): C2 then no longer knows the vector's class where it compiles a
 * store, and runs it as the API's Java fallback, 10–100× slower. Observed on an AVX-512 Zen 4 with 512-bit kernels and
 * 256-bit readout products in one quick study: 1–2 % of its CPU time in the fallback's stores, gone with one shape.
 * Loaded only where the JVM has {@code jdk.incubator.vector}.
 */
public final class DoubleLanes {
    /** A constant, as C2 needs it. */
    public static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED.length() >= 4
            ? DoubleVector.SPECIES_256 : DoubleVector.SPECIES_128;

    private DoubleLanes() {
    }
}
