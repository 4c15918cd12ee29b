package io.somnus.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auto}'s calibration and its cache. No timed assertion: which kernels win depends on the CPU and the
 * load; all give the same bits ({@link KernelsTest}), so only the bookkeeping is checked, with made-up
 * measurements where the outcome matters.
 */
class KernelChoiceTest {
    @TempDir
    Path tmp;

    private static List<String> names(List<Kernels> ks) {
        return ks.stream().map(Kernels::name).collect(Collectors.toList());
    }

    /** Two candidates (scalar and a stand-in named vector-512) with made-up timings. */
    private static final Kernels WIDE = (Kernels) java.lang.reflect.Proxy.newProxyInstance(Kernels.class.getClassLoader(),
            new Class<?>[] {Kernels.class}, (proxy, method, args) -> method.getName().equals("name") ? "vector-512"
                    : method.invoke(Kernels.scalar(), args));
    private static final List<Kernels> TWO = List.of(Kernels.scalar(), WIDE);

    private static KernelCalibration.Result measured(Kernels winner, boolean settled) {
        Map<String, Double> ns = new LinkedHashMap<>();
        ns.put("scalar", winner == WIDE ? 900.0 : 400.0);
        ns.put("vector-512", winner == WIDE ? 300.0 : 700.0);
        return new KernelCalibration.Result(winner, ns, settled);
    }

    @Test
    void preferredKernelsAreOneOfTheCandidates() {
        List<String> allowed = names(KernelSelection.candidates());
        assertTrue(allowed.contains("scalar"));
        assertTrue(allowed.contains(Kernels.preferred().name()), Kernels.preferred().name() + " not in " + allowed);
        assertSame(Kernels.preferred(), Kernels.preferredChoice().kernels());
        assertTrue(List.of("forced", "cached", "calibrated", "rule", "only-scalar").contains(Kernels.preferredChoice().source()));
    }

    @Test
    void aRealCalibrationPicksTheCandidateWithTheLowestMedian() {
        List<Kernels> candidates = KernelSelection.candidates();
        KernelCalibration.Result r = KernelCalibration.measure(candidates, 5, 4, 20, 1000);
        assertTrue(candidates.contains(r.chosen()));
        assertEquals(names(candidates), List.copyOf(r.nanosPerStep().keySet()));
        r.nanosPerStep().values().forEach(ns -> assertTrue(ns > 0, "ns per step " + ns));
        double min = r.nanosPerStep().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(min, r.nanosPerStep().get(r.chosen().name()));
    }

    @Test
    void aSettledCalibrationIsCachedPerKeyAndReadBack() throws Exception {
        KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("somnus"));
        KernelChoice first = KernelChoice.auto(TWO, cache, () -> measured(Kernels.scalar(), true));
        assertEquals("calibrated", first.source());
        assertSame(Kernels.scalar(), first.kernels());
        Path file = Path.of(first.cacheFile());
        assertTrue(Files.isRegularFile(file));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(1, listing.count(), "no temp files left");
        }
        KernelChoice second = KernelChoice.auto(TWO, cache, () -> {
            throw new AssertionError("a cached choice is not measured again");
        });
        assertEquals("cached", second.source());
        assertSame(Kernels.scalar(), second.kernels());

        // a file of another key (same name), naming no candidate, or not parsing is ignored: measured again
        String key = KernelChoice.key(TWO);
        Files.writeString(file, "key=another CPU\nkernels=scalar\n");
        assertSame(WIDE, KernelChoice.auto(TWO, cache, () -> measured(WIDE, true)).kernels());
        Files.writeString(file, "key=" + key.replace("\\", "\\\\") + "\nkernels=gpu\n");
        assertEquals("calibrated", KernelChoice.auto(TWO, cache, () -> measured(WIDE, true)).source());
        Files.write(file, new byte[] {'k', 'e', 'y', '=', '\\', 'u', 'z', 'z'});
        assertEquals("calibrated", KernelChoice.auto(TWO, cache, () -> measured(WIDE, true)).source());
        // the other JVM (another key) does not see this choice
        assertEquals("calibrated", KernelChoice.auto(List.of(Kernels.scalar(), WIDE, WIDE), cache,
                () -> measured(Kernels.scalar(), true)).source());
    }

    @Test
    void anUnsettledCalibrationFallsBackToTheRuleAndIsNotCached() {
        KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("somnus"));
        KernelChoice c = KernelChoice.auto(TWO, cache, () -> measured(Kernels.scalar(), false));
        assertEquals("rule", c.source());
        assertSame(WIDE, c.kernels(), "512-bit SIMD by the rule");
        assertNull(c.cacheFile());
        assertTrue(Files.notExists(cache.file(KernelChoice.key(TWO))));
    }

    @Test
    void anUnwritableCacheIsSkipped() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        KernelChoice c = KernelChoice.auto(TWO, new KernelChoiceCache(notADirectory), () -> measured(WIDE, true));
        assertSame(WIDE, c.kernels());
        assertNull(c.cacheFile());
    }

    @Test
    void aForcedChoiceIsNotMeasured() {
        KernelChoice c = KernelSelection.choose("scalar");
        assertSame(Kernels.scalar(), c.kernels());
        assertEquals("forced", c.source());
        assertTrue(c.nanosPerStep().isEmpty());
    }
}
