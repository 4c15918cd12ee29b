package io.somnus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuInfoTest {
    /** The first lines of a processor's entry in /proc/cpuinfo as a KVM guest on a Zen 4 EPYC shows them. */
    private static List<String> entry(String family, String model, String flags) {
        return List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: " + family, "model\t\t: " + model,
                "model name\t: AMD EPYC", "stepping\t: 1", "flags\t\t: " + flags, "",
                "processor\t: 1", "cpu family\t: 99", "model\t\t: 99", "model name\t: other");
    }

    @Test
    void describesTheFirstProcessorByNameFamilyModelAndSimd() {
        assertEquals("AMD EPYC (family 25, model 17; sse4_2 avx avx2 fma avx512f)",
                CpuInfo.describe(entry("25", "17", "fpu sse4_2 avx avx2 fma avx512f avx512bw"), "amd64"));
        // "model name" is not "model", and a flag is matched whole (avx512bw is not avx512f)
        assertEquals("AMD EPYC (family 26, model 2; avx2)",
                CpuInfo.describe(entry("26", "2", "avx2 avx512bw"), "amd64"));
    }

    @Test
    void cpusAVmNamesAlikeAreDescribedApart() {
        String zen4 = CpuInfo.describe(entry("25", "17", "avx2 avx512f"), "amd64");
        String zen5 = CpuInfo.describe(entry("26", "2", "avx2 avx512f"), "amd64");
        assertNotEquals(zen4, zen5);
    }

    @Test
    void saysWhatItKnowsWhereFieldsAreMissing() {
        assertEquals("aarch64", CpuInfo.describe(List.of(), "aarch64"));
        assertEquals("aarch64 (sse4_2)", CpuInfo.describe(List.of("flags : sse4_2"), "aarch64"));
        assertEquals("X (family 6, model 85)", CpuInfo.describe(List.of("model name: X", "cpu family: 6", "model: 85"),
                "amd64"));
    }
}
