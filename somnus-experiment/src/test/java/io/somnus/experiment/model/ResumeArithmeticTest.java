package io.somnus.experiment.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.GaussianDraws;
import io.somnus.experiment.config.ConfigException;
import io.somnus.sg.SgThreading;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison of a snapshot's arithmetic with this JVM's, on hand-made facts. */
class ResumeArithmeticTest {
    private static final Path FILE = Path.of("run", "resume.snapshot");

    @Test
    void differencesNameEachFactThenAndNowAndAFactMissingOnOneSide() {
        Map<String, String> then = new LinkedHashMap<>(Map.of("a", "1"));
        then.put("b", "2");
        Map<String, String> now = new LinkedHashMap<>(Map.of("a", "1"));
        now.put("b", "3");
        now.put("c", "4");
        assertEquals(List.of("b: 2 when the snapshot was written, 3 now", "c: not applicable when the snapshot was written, 4 now"),
                ResumeArithmetic.differences(then, now));
        assertEquals(List.of(), ResumeArithmetic.differences(now, new LinkedHashMap<>(now)));
    }

    @Test
    void theSameArithmeticGoesOnWithTheRecordedMixesAndAnotherIsRefusedUnlessAllowed() {
        Map<String, String> facts = Map.of("gaussian_draws", "jdk17-ziggurat");
        ResumeArithmetic.Recorded recorded = new ResumeArithmetic.Recorded(facts, List.of("earlier mix"));
        assertEquals(List.of("earlier mix"), ResumeArithmetic.check(FILE, recorded, facts, false));
        Map<String, String> other = Map.of("gaussian_draws", "java-25-nextGaussian");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ResumeArithmetic.check(FILE, recorded, other, false));
        assertTrue(e.getMessage().startsWith(FILE + " was computed with other arithmetic than this JVM's "
                + "(gaussian_draws: jdk17-ziggurat when the snapshot was written, java-25-nextGaussian now)"), e.getMessage());
        assertEquals(List.of("earlier mix", "gaussian_draws: jdk17-ziggurat when the snapshot was written, "
                + "java-25-nextGaussian now"), ResumeArithmetic.check(FILE, recorded, other, true));
        assertThrows(ConfigException.class, () -> ResumeArithmetic.check(FILE, null, facts, false));
        assertTrue(ResumeArithmetic.check(FILE, null, facts, true).get(0).startsWith("not checked"));
    }

    @Test
    void recordedFactsReadBackAsWritten() throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("os_arch", "amd64");
        facts.put("blas_library", "/usr/lib/libblas.so.3 (é)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ResumeArithmetic.Recorded(facts, List.of("m")).write(new DataOutputStream(bytes));
        ResumeArithmetic.Recorded back = ResumeArithmetic.Recorded.read(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(List.copyOf(facts.entrySet()), List.copyOf(back.facts().entrySet()), "in order");
        assertEquals(List.of("m"), back.mixes());
    }

    @Test
    void theStdpSnnRecordsItsDrawsAndArchitectureOnly() {
        Map<String, String> f = ResumeArithmetic.current(false);
        assertEquals(List.of("gaussian_draws", "os_arch"), List.copyOf(f.keySet()));
        assertEquals(GaussianDraws.stream(), f.get("gaussian_draws"));
        assertEquals(System.getProperty("os.arch"), f.get("os_arch"));
        Map<String, String> sg = ResumeArithmetic.current(true);
        assertTrue(sg.keySet().containsAll(List.of("gaussian_draws", "os_arch", "blas_implementation", "blas_library",
                "openblas_coretype")), sg.toString());
        // a native BLAS's products on 1 and 2 threads differ (docs/sg.md, "Threads"): its thread count is recorded
        boolean nativeBlas = !sg.get("blas_library").startsWith("none");
        assertEquals(nativeBlas ? String.valueOf(SgThreading.blasThreads()) : null,
                sg.get("openblas_threads"), sg.toString());
    }
}
