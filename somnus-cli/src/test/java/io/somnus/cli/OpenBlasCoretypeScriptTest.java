package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/openblas-coretype}, which the launcher asks which OpenBLAS kernels to pin (docs/portability.md): Haswell's
 * exactly where the CPU has AVX2, FMA and BMI2 as whole flags, nothing otherwise, and never a failure.
 */
class OpenBlasCoretypeScriptTest {
    private static final Path SCRIPT = ScriptRun.script("openblas-coretype");

    @TempDir
    Path tmp;

    /** The script's output, which must exit 0. */
    private static String run(String... args) throws IOException, InterruptedException {
        ScriptRun r = ScriptRun.run(SCRIPT, args);
        assertEquals(0, r.exit(), "exit status, output: " + r.output());
        return r.output().strip();
    }

    private String withFlags(String flags) throws IOException, InterruptedException {
        Path cpuinfo = Files.createTempFile(tmp, "cpuinfo", "");
        Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: " + flags
                + "\nbugs\t\t: sysret_ss_attrs\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        return run(cpuinfo.toString());
    }

    @Test
    void pinsHaswellOnlyWhereTheCpuHasAllThreeFlags() throws Exception {
        assertEquals("Haswell", withFlags("fpu sse2 avx avx2 fma bmi1 bmi2 avx512f"));
        assertEquals("Haswell", withFlags("bmi2 fma avx2")); // first and last on the line
        assertEquals("", withFlags("fpu sse2 avx fma bmi1 bmi2 avx512f"), "no AVX2 (avx512f is another flag)");
        assertEquals("", withFlags("fpu sse2 avx avx2 fma4 bmi2"), "FMA4 is not FMA");
        assertEquals("", withFlags("fpu sse2 avx avx2 fma bmi1"), "no BMI2");
        assertEquals("", run(tmp.resolve("missing").toString()), "no cpuinfo: no pin, and no failure");
    }

    @Test
    void agreesWithThisMachinesFlags() throws Exception {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            assertEquals("", run());
            return;
        }
        Set<String> flags = new TreeSet<>();
        for (String line : Files.readAllLines(cpuinfo)) {
            if (line.startsWith("flags")) {
                flags.addAll(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                break;
            }
        }
        boolean haswell = flags.containsAll(List.of("avx2", "fma", "bmi2"));
        assertEquals(haswell ? "Haswell" : "", run());
    }
}
