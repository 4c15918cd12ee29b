package io.somnus.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
        return field(cpuinfo(), "model name").orElse(System.getProperty("os.arch"));
    }

    /** The SIMD extensions among {@link #SIMD_FLAGS} the CPU reports, e.g. [sse4_2, avx, avx2, fma]. */
    public static List<String> simdFlags() {
        return simdFlags(cpuinfo());
    }

    /**
     * The model name with the family and model numbers and the SIMD extensions, e.g. "AMD EPYC (family 26, model 2;
     * sse4_2 avx avx2 fma avx512f)": what tells apart the CPUs a virtual machine names alike (the Zen 4 and Zen 5
     * EPYCs Somnus is measured on both read "AMD EPYC"), whose speeds differ.
     */
    public static String description() {
        return describe(cpuinfo(), System.getProperty("os.arch"));
    }

    /** {@link #description()} of the {@code /proc/cpuinfo} lines given ({@code arch} where they have no model name). */
    static String describe(List<String> cpuinfo, String arch) {
        List<String> parts = new ArrayList<>();
        field(cpuinfo, "cpu family").ifPresent(f -> parts.add("family " + f));
        field(cpuinfo, "model").ifPresent(m -> parts.add("model " + m));
        String id = String.join(", ", parts);
        String simd = String.join(" ", simdFlags(cpuinfo));
        String inside = id.isEmpty() || simd.isEmpty() ? id + simd : id + "; " + simd;
        String name = field(cpuinfo, "model name").orElse(arch);
        return inside.isEmpty() ? name : name + " (" + inside + ")";
    }

    static List<String> simdFlags(List<String> cpuinfo) {
        List<String> out = new ArrayList<>();
        String flags = " " + field(cpuinfo, "flags").orElse("") + " ";
        for (String f : SIMD_FLAGS) {
            if (flags.contains(" " + f + " ")) {
                out.add(f);
            }
        }
        return out;
    }

    /** The first processor's value of {@code name} ({@code /proc/cpuinfo} repeats the fields for each). */
    private static Optional<String> field(List<String> cpuinfo, String name) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | SecurityException e) {
            return List.of(); // not Linux, or not readable: provenance then says less
        }
    }
}
