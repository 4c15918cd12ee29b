package io.somnus.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The calibration of another SIMD width in a second JVM: its answer's parsing, and a real second JVM. */
class ForkedCalibrationTest {
    @Test
    void anAnswerNeedsBothKernelsTimesAndTheSettledFlag() {
        Optional<ForkedCalibration.Timing> t = ForkedCalibration.parse(
                "WARNING: ignored\nsettled=true\nscalar=1234.5\nvector-256=456.25\nvector-512=1.0\n", "vector-256");
        assertEquals(Optional.of(new ForkedCalibration.Timing(Map.of("scalar", 1234.5, "vector-256", 456.25), true)), t);
        assertEquals(false, ForkedCalibration.parse("settled=false\nscalar=2\nvector-256=1\n", "vector-256")
                .orElseThrow().settled());
        for (String bad : List.of("", "settled=true\nscalar=2\n", "scalar=2\nvector-256=1\n",
                "settled=true\nscalar=2\nvector-512=1\n", "settled=true\nscalar=x\nvector-256=1\n",
                "settled=true\nscalar=2\nvector-256=0\n", "settled=true\nscalar=NaN\nvector-256=1\n")) {
            assertTrue(ForkedCalibration.parse(bad, "vector-256").isEmpty(), bad);
        }
    }

    @Test
    void aSecondJvmTimesTheScalarAndTheSimdKernelsAtTheWidthAskedFor() {
        // 128 bits: narrower than any x86 machine's widest, so the width is the one forced in the second JVM
        // (waiting up to 10 min rather than the launcher's 60 s: on a machine loaded many times over, as CI's may be,
        // the second JVM's start and warm-up alone took longer, and the launcher then keeps its own width)
        Optional<ForkedCalibration.Timing> t = ForkedCalibration.measure("vector-128", 600);
        assertTrue(t.isPresent(), "the second JVM answered");
        assertEquals(List.of("scalar", "vector-128"), List.copyOf(t.get().nanosPerStep().keySet()));
        t.get().nanosPerStep().values().forEach(ns -> assertTrue(ns > 0 && ns < 1e9, "ns per step " + ns));
    }

    @Test
    void theSecondJvmGetsTheOptionsThatDoNotWriteFilesOrAttachAgents() {
        for (String kept : List.of("--add-modules", "jdk.incubator.vector", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline,io.somnus.kernel.VectorKernels::addRow", "-Dsomnus.home=/x",
                "-XX:PerMethodTrapLimit=10000", // the launcher's: the second JVM compiles the kernels as the first
                "--enable-native-access=ALL-UNNAMED", "-XX:+UnlockDiagnosticVMOptions")) {
            assertTrue(ForkedCalibration.KEPT.test(kept), kept);
        }
        for (String dropped : List.of("-Xmx16g", "-Xms1g", "-javaagent:/a.jar", "-agentlib:jdwp=transport=dt_socket",
                "-XX:StartFlightRecording=filename=/tmp/p.jfr,settings=profile", "-XX:+FlightRecorder",
                "-XX:+DumpPerfMapAtExit", "-Xlog:gc:file=/tmp/gc.log", "-XX:HeapDumpPath=/tmp",
                "-XX:+HeapDumpOnOutOfMemoryError", "-XX:ErrorFile=/tmp/err.log")) {
            assertTrue(!ForkedCalibration.KEPT.test(dropped), dropped);
        }
    }
}
