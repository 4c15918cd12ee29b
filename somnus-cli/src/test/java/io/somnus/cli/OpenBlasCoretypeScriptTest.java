package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private static final Path SCRIPT = Path.of("..", "scripts", "openblas-coretype").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private static String run(String... args) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " is missing or not executable");
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "exit status, output: " + out);
        return out.strip();
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
