package io.somnus.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The processor a run executed on, for provenance: STDP-SNN numbers do not depend on it (pure Java
 * arithmetic in a fixed order), but speed does, and so do the last digits of SG-SNN numbers through
 * native BLAS. Read from {@code /proc/cpuinfo} on Linux; elsewhere {@code os.arch} only.
 */
public final class CpuInfo {
    /** The SIMD extensions that decide which kernels a native BLAS or the Vector API can use. */
    private static final List<String> SIMD_FLAGS = List.of("sse4_2", "avx", "avx2", "fma", "avx512f");

    private CpuInfo() {
    }

    /** The model name, e.g. "AMD EPYC 9R14 96-Core Processor"; {@code os.arch} where unknown. */
    public static String model() {
        return field("model name").orElse(System.getProperty("os.arch"));
    }

    /** The SIMD extensions among {@link #SIMD_FLAGS} the CPU reports, e.g. [sse4_2, avx, avx2, fma]. */
    public static List<String> simdFlags() {
        List<String> out = new ArrayList<>();
        String flags = " " + field("flags").orElse("") + " ";
        for (String f : SIMD_FLAGS) {
            if (flags.contains(" " + f + " ")) {
                out.add(f);
            }
        }
        return out;
    }

    private static java.util.Optional<String> field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return java.util.Optional.of(line.substring(colon + 1).trim());
                }
            }
        } catch (IOException | SecurityException e) {
            // not Linux, or not readable: provenance then says less
        }
        return java.util.Optional.empty();
    }
}
