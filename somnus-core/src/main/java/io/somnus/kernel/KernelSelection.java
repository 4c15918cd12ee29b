package io.somnus.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Holds the kernels this JVM can run and prefers; see {@link Kernels#preferred()}. */
final class KernelSelection {
    static final Kernels VECTOR = loadVector();

    private KernelSelection() { }

    /** Resolved on first use only: {@code auto} may calibrate, which a JVM that never simulates should not pay. */
    static final class Preferred {
        static final KernelChoice CHOICE = choose(System.getProperty("somnus.kernels", "auto"));

        private Preferred() { }
    }

    /** The kernels {@code auto} can choose from in this JVM: scalar, and the SIMD kernels where loaded. */
    static List<Kernels> candidates() {
        List<Kernels> c = new ArrayList<>();
        c.add(ScalarKernels.INSTANCE);
        if (VECTOR != null) {
            c.add(VECTOR);
        }
        return c;
    }

    /** {@code auto} calibrates once per CPU model and JVM (about a second of warm-up on the first JVM); else forced. */
    static KernelChoice choose(String property) {
        String name = property.trim().toLowerCase(Locale.ROOT);
        if (!name.equals("auto")) {
            return new KernelChoice(Kernels.named(name), "forced", Map.of(), null);
        }
        return auto();
    }

    /**
     * The faster candidate on this CPU and JVM: cached, else calibrated (20 000 warm-up calls and 0.2 s each,
     * windows of 16 rounds of 200 steps, at most 3 s; SIMD kernels at half the machine's 512-bit width in a second
     * JVM, see {@link VectorWidth}), else the rule.
     */
    static KernelChoice auto() {
        List<Kernels> candidates = candidates();
        List<String> names = VectorWidth.candidateNames(VECTOR != null);
        return KernelChoice.auto(candidates, names, new KernelChoiceCache(KernelChoiceCache.defaultDirectory()),
                () -> KernelCalibration.measure(candidates, 200, 16, 200, 3000), ForkedCalibration::measure);
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
