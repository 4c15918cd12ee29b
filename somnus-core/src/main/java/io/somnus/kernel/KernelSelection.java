package io.somnus.kernel;

/** Holds the kernel choice; see {@link Kernels#active()}. */
final class KernelSelection {
    static final Kernels VECTOR = loadVector();
    static volatile Kernels active = Kernels.named(System.getProperty("somnus.kernels", "auto"));

    private KernelSelection() { }

    /** SIMD kernels are loaded and their vectors are at least 256 bits wide. */
    static boolean vectorIsFaster() {
        return VECTOR != null && Integer.parseInt(VECTOR.name().substring("vector-".length())) >= 256;
    }

    private static Kernels loadVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return (Kernels) Class.forName("io.somnus.kernel.VectorKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
