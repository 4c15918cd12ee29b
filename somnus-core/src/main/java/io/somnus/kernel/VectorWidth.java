package io.somnus.kernel;

import java.util.List;

/**
 * The width of this JVM's SIMD kernels, fixed when {@link VectorKernels} is loaded: C2 compiles the Vector API to
 * SIMD instructions only for a constant species, so one JVM holds one width. It is {@code -Dsomnus.vector.bits} if
 * given, else the width {@code auto} found fastest on this CPU and JVM (kept by {@link KernelChoiceCache}), else the
 * machine's widest. Where the widest is 512 bits, {@code auto} also times 256-bit kernels, in a second JVM
 * ({@link ForkedCalibration}): CPUs that execute a 512-bit operation as two halves (AMD Zen 4) may run the narrower
 * kernels faster. Every width gives the same bits; only speed depends on it.
 */
final class VectorWidth {
    /** The narrowest machine width at which half-width kernels are worth timing (128-bit ones lose on Java 17). */
    static final int TIME_HALF_FROM_BITS = 512;

    /** The machine's widest float vector and the width chosen, in bits; 0 until {@link VectorKernels} is loaded. */
    private static volatile int machineBits;
    private static volatile int loadedBits;
    private static volatile boolean forced;

    private VectorWidth() { }

    /** Called once, by {@link VectorKernels}'s initialiser: the width its species will have. */
    static int choose(int machineWidestBits) {
        machineBits = machineWidestBits;
        Integer bits = Integer.getInteger("somnus.vector.bits");
        forced = bits != null && bits > 0;
        loadedBits = forced ? bits : width(machineWidestBits, new KernelChoiceCache(KernelChoiceCache.defaultDirectory()));
        return loadedBits;
    }

    /** The machine's widest width, or half of it where {@code auto}'s cached choice on this CPU and JVM names it. */
    static int width(int machineWidestBits, KernelChoiceCache cache) {
        if (machineWidestBits < TIME_HALF_FROM_BITS) {
            return machineWidestBits;
        }
        int half = machineWidestBits / 2;
        return cache.read(KernelChoice.key(machineCandidateNames(machineWidestBits))).filter(name(half)::equals)
                .isPresent() ? half : machineWidestBits;
    }

    /**
     * What {@code auto} chooses among, in a fixed order (the cache key), given whether this JVM has SIMD kernels:
     * scalar, and with them the loaded width where it was forced, else {@link #machineCandidateNames the machine's}.
     */
    static List<String> candidateNames(boolean simdLoaded) {
        if (!simdLoaded) {
            return List.of("scalar");
        }
        return forced ? List.of("scalar", name(loadedBits)) : machineCandidateNames(machineBits);
    }

    /** Scalar, the machine's widest SIMD kernels and, from {@value #TIME_HALF_FROM_BITS} bits, half that width. */
    static List<String> machineCandidateNames(int machineWidestBits) {
        return machineWidestBits >= TIME_HALF_FROM_BITS
                ? List.of("scalar", name(machineWidestBits), name(machineWidestBits / 2))
                : List.of("scalar", name(machineWidestBits));
    }

    /** "vector-N". */
    static String name(int bits) {
        return "vector-" + bits;
    }

    /** The width of a "vector-N" name. */
    static int bits(String name) {
        return Integer.parseInt(name.substring("vector-".length()));
    }
}
