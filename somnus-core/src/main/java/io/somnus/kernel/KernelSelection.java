package io.somnus.kernel;

/** Holds the kernels this JVM can run and prefers; see {@link Kernels#preferred()}. */
final class KernelSelection {
    static final Kernels VECTOR = loadVector();
    static final Kernels PREFERRED = Kernels.named(System.getProperty("somnus.kernels", "auto"));

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
