package io.somnus.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.CpuInfo;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
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

    /** Scalar kernels under another name: a stand-in for SIMD kernels, whose timings the tests make up. */
    private static Kernels standIn(String name) {
        return (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(),
                new Class<?>[] {Kernels.class}, (proxy, method, args) -> method.getName().equals("name") ? name
                        : method.invoke(Kernels.scalar(), args));
    }

    /** Two candidates (scalar and a stand-in named vector-512) with made-up timings. */
    private static final Kernels WIDE = standIn("vector-512");
    private static final List<Kernels> TWO = List.of(Kernels.scalar(), WIDE);
    private static final List<String> TWO_NAMES = List.of("scalar", "vector-512");
    /** A stand-in for the same CPU's 256-bit SIMD kernels, as a JVM loads them after 256 bits won. */
    private static final Kernels NARROW = standIn("vector-256");
    /** The candidates of a 512-bit machine: scalar, 512- and 256-bit SIMD kernels. */
    private static final List<String> THREE_NAMES = VectorWidth.machineCandidateNames(512);

    /**
     * {@code auto} over the loaded kernels' names; a second JVM, asked only where scalar won, agrees that the SIMD
     * kernels are slower.
     */
    private static KernelChoice auto(List<Kernels> loaded, KernelChoiceCache cache,
                                     Supplier<KernelCalibration.Result> calibration) {
        return KernelChoice.auto(loaded, names(loaded), cache, calibration, name -> {
            assertEquals("vector-512", name, "no other width to time");
            return Optional.of(new ForkedCalibration.Timing(Map.of("scalar", 1000.0, name, 2000.0), true));
        });
    }

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
        KernelChoice first = auto(TWO, cache, () -> measured(Kernels.scalar(), true));
        assertEquals("calibrated", first.source());
        assertSame(Kernels.scalar(), first.kernels());
        Path file = Path.of(first.cacheFile());
        assertTrue(Files.isRegularFile(file));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(1, listing.count(), "no temp files left");
        }
        KernelChoice second = auto(TWO, cache, () -> {
            throw new AssertionError("a cached choice is not measured again");
        });
        assertEquals("cached", second.source());
        assertSame(Kernels.scalar(), second.kernels());

        // a file of another key (same name), naming no candidate, or not parsing is ignored: measured again
        String key = KernelChoice.key(TWO_NAMES);
        Files.writeString(file, "key=another CPU\nkernels=scalar\n");
        assertSame(WIDE, auto(TWO, cache, () -> measured(WIDE, true)).kernels());
        Files.writeString(file, "key=" + key.replace("\\", "\\\\") + "\nkernels=gpu\n");
        assertEquals("calibrated", auto(TWO, cache, () -> measured(WIDE, true)).source());
        Files.write(file, new byte[] {'k', 'e', 'y', '=', '\\', 'u', 'z', 'z'});
        assertEquals("calibrated", auto(TWO, cache, () -> measured(WIDE, true)).source());
        // the other JVM (another key) does not see this choice
        assertEquals("calibrated", auto(List.of(Kernels.scalar(), WIDE, WIDE), cache,
                () -> measured(Kernels.scalar(), true)).source());
    }

    @Test
    void scalarBeatingSimdKernelsIsTimedAgainInASecondJvmWhichDecidesForTheNextJvms() {
        KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("somnus"));
        List<String> forked = new ArrayList<>();
        // this JVM: scalar 400, vector-512 700 ns (a slow compile); the second JVM: scalar 1 000, vector-512 200
        KernelChoice c = KernelChoice.auto(TWO, TWO_NAMES, cache, () -> measured(Kernels.scalar(), true), name -> {
            forked.add(name);
            return Optional.of(new ForkedCalibration.Timing(Map.of("scalar", 1000.0, name, 200.0), true));
        });
        assertEquals(List.of("vector-512"), forked);
        assertSame(Kernels.scalar(), c.kernels(), "this JVM runs what was faster in it");
        assertEquals("calibrated", c.source());
        assertEquals(80.0, c.nanosPerStep().get("vector-512"), 1e-9, "200 ns scaled by 400 / 1 000");
        assertEquals(700.0, c.nanosPerStep().get("vector-512 in this JVM"), 1e-9);
        KernelChoice next = KernelChoice.auto(TWO, TWO_NAMES, cache, () -> {
            throw new AssertionError("cached");
        }, name -> {
            throw new AssertionError("cached");
        });
        assertEquals("cached", next.source());
        assertSame(WIDE, next.kernels(), "the next JVMs run the SIMD kernels");
    }

    @Test
    void scalarConfirmedByASecondJvmIsCachedAndWithoutOneNothingIs() throws Exception {
        KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("somnus"));
        // the second JVM agrees: vector-512 2 000 × 400 / 1 000 = 800 ns, slower than scalar's 400
        KernelChoice c = auto(TWO, cache, () -> measured(Kernels.scalar(), true));
        assertSame(Kernels.scalar(), c.kernels());
        assertEquals(800.0, c.nanosPerStep().get("vector-512"), 1e-9);
        assertTrue(cache.confirmedInSecondJvm(KernelChoice.key(TWO_NAMES)));
        assertEquals("cached", auto(TWO, cache, () -> {
            throw new AssertionError("cached");
        }).source());

        // no second JVM (it could not start, failed, or did not settle): this JVM runs scalar, nothing is cached
        for (Optional<ForkedCalibration.Timing> answer : List.of(Optional.<ForkedCalibration.Timing>empty(),
                Optional.of(new ForkedCalibration.Timing(Map.of("scalar", 1000.0, "vector-512", 1.0), false)))) {
            KernelChoiceCache fresh = new KernelChoiceCache(tmp.resolve("fresh-" + answer.isPresent()));
            KernelChoice alone = KernelChoice.auto(TWO, TWO_NAMES, fresh, () -> measured(Kernels.scalar(), true),
                    name -> answer);
            assertSame(Kernels.scalar(), alone.kernels());
            assertNull(alone.cacheFile());
            assertTrue(fresh.read(KernelChoice.key(TWO_NAMES)).isEmpty(), "not cached after " + answer);
        }

        // a scalar choice cached before this rule, without a second JVM's confirmation, is measured again
        KernelChoiceCache old = new KernelChoiceCache(tmp.resolve("old"));
        old.write(KernelChoice.key(TWO_NAMES), "scalar", Map.of("scalar", 400.0, "vector-512", 3000.0), false);
        assertEquals("calibrated", auto(TWO, old, () -> measured(WIDE, true)).source());
        assertSame(WIDE, auto(TWO, old, () -> {
            throw new AssertionError("cached");
        }).kernels());
    }

    @Test
    void scalarBeating128BitKernelsNeedsNoSecondJvm() {
        Kernels narrowest = standIn("vector-128");
        KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("somnus"));
        List<Kernels> loaded = List.of(Kernels.scalar(), narrowest);
        KernelChoice c = KernelChoice.auto(loaded, names(loaded), cache,
                () -> new KernelCalibration.Result(Kernels.scalar(), Map.of("scalar", 400.0, "vector-128", 700.0), true),
                name -> {
                    throw new AssertionError("128-bit kernels losing is no surprise (the rule picks scalar)");
                });
        assertSame(Kernels.scalar(), c.kernels());
        assertEquals("cached", KernelChoice.auto(loaded, names(loaded), cache, () -> {
            throw new AssertionError("cached");
        }, name -> {
            throw new AssertionError("cached");
        }).source());
    }

    @Test
    void theKeyCountsTheJvmsCompilerOptionsOnly() {
        String plain = KernelChoice.key(TWO_NAMES, List.of());
        String diagnostic = KernelChoice.key(TWO_NAMES, List.of("-Xmx2g", "-XX:TypeProfileWidth=0", "-Dsomnus.x=1"));
        assertNotEquals(plain, diagnostic, "a JVM without type profiles calibrates for itself");
        assertTrue(diagnostic.contains("-XX:TypeProfileWidth=0"), diagnostic);
        assertEquals(plain, KernelChoice.key(TWO_NAMES, List.of("-Xmx2g", "-Dsomnus.x=1")), "heap and properties do not count");
        KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("somnus"));
        assertNotEquals(cache.file(plain), cache.file(diagnostic));
        // and the CPU with its family and model numbers, which tell apart CPUs a VM gives one model name
        assertTrue(plain.startsWith(CpuInfo.description() + " | "), plain);
        // this JVM's key holds its own -XX options
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-XX:")) {
                assertTrue(KernelChoice.key(TWO_NAMES).contains(option), option);
            }
        }
    }

    @Test
    void anUnsettledCalibrationFallsBackToTheRuleAndIsNotCached() {
        KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("somnus"));
        KernelChoice c = auto(TWO, cache, () -> measured(Kernels.scalar(), false));
        assertEquals("rule", c.source());
        assertSame(WIDE, c.kernels(), "512-bit SIMD by the rule");
        assertNull(c.cacheFile());
        assertTrue(Files.notExists(cache.file(KernelChoice.key(TWO_NAMES))));
    }

    @Test
    void anUnwritableCacheIsSkipped() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        KernelChoice c = auto(TWO, new KernelChoiceCache(notADirectory), () -> measured(WIDE, true));
        assertSame(WIDE, c.kernels());
        assertNull(c.cacheFile());
    }

    @Test
    void onA512BitMachineTheHalfWidthIsTimedInASecondJvmAndWinsForTheNextJvms() {
        KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("somnus"));
        assertEquals(List.of("scalar", "vector-512", "vector-256"), THREE_NAMES);
        assertEquals(512, VectorWidth.width(512, cache), "nothing cached: the machine's widest");
        List<String> forked = new ArrayList<>();
        // this JVM: scalar 900, vector-512 300 ns; the second JVM, slower as a whole: scalar 1 000, vector-256 200
        KernelChoice first = KernelChoice.auto(TWO, THREE_NAMES, cache, () -> measured(WIDE, true), name -> {
            forked.add(name);
            return Optional.of(new ForkedCalibration.Timing(Map.of("scalar", 1000.0, name, 200.0), true));
        });
        assertEquals(List.of("vector-256", "vector-256"), forked, "a width that wins is timed again, in a third JVM");
        assertEquals("calibrated", first.source());
        assertSame(WIDE, first.kernels(), "this JVM runs the faster of the kernels it loaded");
        assertEquals(180.0, first.nanosPerStep().get("vector-256"), 1e-9, "200 ns scaled by 900 / 1 000");
        assertEquals(256, VectorWidth.width(512, cache), "the next JVMs load 256-bit kernels");
        KernelChoice next = KernelChoice.auto(List.of(Kernels.scalar(), NARROW), THREE_NAMES, cache, () -> {
            throw new AssertionError("a cached choice is not measured again");
        }, name -> {
            throw new AssertionError("nor forked");
        });
        assertEquals("cached", next.source());
        assertSame(NARROW, next.kernels());
        // a JVM that loaded 512 bits all the same (e.g. the cache appeared meanwhile) keeps its SIMD kernels
        assertSame(WIDE, KernelChoice.auto(TWO, THREE_NAMES, cache, () -> {
            throw new AssertionError("cached");
        }, name -> Optional.empty()).kernels());
        // 256-bit machines never time another width
        assertEquals(256, VectorWidth.width(256, cache));
        assertEquals(List.of("scalar", "vector-256"), VectorWidth.machineCandidateNames(256));
    }

    @Test
    void aWidthThatWinsOnceOnlyIsNotCached() {
        // the second JVM: 180 ns scaled, faster than vector-512's 300; the third: 400 × 900 / 1 000 = 360, slower
        List<Double> answers = new ArrayList<>(List.of(200.0, 400.0));
        KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("somnus"));
        KernelChoice c = KernelChoice.auto(TWO, THREE_NAMES, cache, () -> measured(WIDE, true),
                name -> Optional.of(new ForkedCalibration.Timing(Map.of("scalar", 1000.0, name, answers.remove(0)), true)));
        assertTrue(answers.isEmpty(), "timed twice");
        assertEquals(360.0, c.nanosPerStep().get("vector-256"), 1e-9, "the slower of the two timings is kept");
        assertEquals(512, VectorWidth.width(512, cache), "not confirmed: the machine's widest stays");
        // an unsettled confirmation confirms nothing either
        KernelChoiceCache other = new KernelChoiceCache(tmp.resolve("other"));
        List<Boolean> settled = new ArrayList<>(List.of(true, false));
        KernelChoice.auto(TWO, THREE_NAMES, other, () -> measured(WIDE, true),
                name -> Optional.of(new ForkedCalibration.Timing(Map.of("scalar", 1000.0, name, 200.0), settled.remove(0))));
        assertEquals(512, VectorWidth.width(512, other));
    }

    @Test
    void theHalfWidthMustWinByTheMarginInBothJvms() {
        // vector-512 300 ns here; the half width scaled to 900 / 1 000 of its second JVM's time
        for (double[] c : new double[][] {
            {330.0, 330.0, 512}, // 297 ns both times: 1 % faster, a tie
            {318.0, 318.0, 512}, // 286.2: 4.6 % faster, inside the margin
            {310.0, 310.0, 256}, // 279: 7 % faster
            {310.0, 325.0, 512}, // faster by the margin once only
        }) {
            List<Double> answers = new ArrayList<>(List.of(c[0], c[1]));
            KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("margin-" + c[0] + "-" + c[1]));
            KernelChoice.auto(TWO, THREE_NAMES, cache, () -> measured(WIDE, true), name -> answers.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new ForkedCalibration.Timing(Map.of("scalar", 1000.0, name, answers.remove(0)), true)));
            assertEquals((int) c[2], VectorWidth.width(512, cache), Arrays.toString(c));
        }
    }

    @Test
    void aSecondJvmThatLosesFailsOrDoesNotSettleLeavesTheMachinesWidth() {
        KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("somnus"));
        // scaled: 400 × 900 / 1 000 = 360 > 300 ns of vector-512
        KernelChoice lost = KernelChoice.auto(TWO, THREE_NAMES, cache, () -> measured(WIDE, true),
                name -> Optional.of(new ForkedCalibration.Timing(Map.of("scalar", 1000.0, name, 400.0), true)));
        assertEquals(360.0, lost.nanosPerStep().get("vector-256"), 1e-9);
        assertEquals(512, VectorWidth.width(512, cache));
        for (Optional<ForkedCalibration.Timing> answer : List.of(Optional.<ForkedCalibration.Timing>empty(),
                Optional.of(new ForkedCalibration.Timing(Map.of("scalar", 1000.0, "vector-256", 1.0), false)))) {
            KernelChoiceCache fresh = new KernelChoiceCache(tmp.resolve("fresh-" + answer.isPresent()));
            KernelChoice c = KernelChoice.auto(TWO, THREE_NAMES, fresh, () -> measured(WIDE, true), name -> answer);
            assertEquals("calibrated", c.source());
            assertSame(WIDE, c.kernels());
            assertTrue(!c.nanosPerStep().containsKey("vector-256"), "no time taken from " + answer);
            assertEquals(512, VectorWidth.width(512, fresh));
            assertEquals("cached", KernelChoice.auto(TWO, THREE_NAMES, fresh, () -> {
                throw new AssertionError("cached even so: a second JVM is tried once per CPU and JVM");
            }, name -> Optional.empty()).source());
        }
    }

    /**
     * The whole path a 512-bit machine takes, one width down so that it runs here: this JVM's kernels calibrated, the
     * half width in a real second JVM, the winner cached, and the next call reading it. Timings decide nothing asserted.
     */
    @Test
    void aRealCalibrationWithASecondJvmIsCachedAndReadBack() {
        Assumptions.assumeTrue(Kernels.vector() != null, "no SIMD kernels in this JVM");
        List<Kernels> loaded = KernelSelection.candidates();
        String half = VectorWidth.name(VectorWidth.bits(Kernels.vector().name()) / 2);
        List<String> names = List.of("scalar", Kernels.vector().name(), half);
        KernelChoiceCache cache = new KernelChoiceCache(tmp.resolve("somnus"));
        List<Optional<ForkedCalibration.Timing>> forked = new ArrayList<>();
        KernelChoice c = KernelChoice.auto(loaded, names, cache, () -> KernelCalibration.measure(loaded, 5, 4, 20, 1000),
                name -> {
                    Optional<ForkedCalibration.Timing> t = ForkedCalibration.measure(name);
                    if (name.equals(half)) {
                        forked.add(t);
                    }
                    return t;
                });
        assertTrue(loaded.contains(c.kernels()));
        if (c.source().equals("rule")) {
            assertTrue(forked.isEmpty(), "an unsettled calibration forks nothing");
            return; // this JVM's timings did not settle (a loaded machine): nothing cached, nothing more to check
        }
        assertEquals("calibrated", c.source());
        if (c.cacheFile() == null) {
            // scalar won here and no second JVM could time the SIMD kernels again: nothing cached, nothing more to check
            assertSame(Kernels.scalar(), c.kernels());
            return;
        }
        assertTrue(forked.size() == 1 || forked.size() == 2, "one JVM, and a second where its width won: " + forked);
        assertTrue(forked.get(0).isPresent(), "the second JVM answered");
        assertEquals(forked.get(0).get().settled(), c.nanosPerStep().containsKey(half), c.nanosPerStep().toString());
        assertEquals(names.subList(0, 2), List.copyOf(c.nanosPerStep().keySet()).subList(0, 2));
        String winner = cache.read(KernelChoice.key(names)).orElseThrow();
        double fastest = c.nanosPerStep().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        if (c.nanosPerStep().get(winner) != fastest) { // the half width led: by less than the margin, or unconfirmed
            assertEquals(fastest, c.nanosPerStep().get(half), "the cache names the fastest of the three: " + c);
            // its confirming JVM did not settle (a loaded machine): it led once, which does not make it the choice
            boolean unconfirmed = forked.size() == 2 && !forked.get(1).map(ForkedCalibration.Timing::settled).orElse(false);
            assertTrue(unconfirmed || fastest >= (1 - KernelChoice.OTHER_WIDTH_MARGIN) * c.nanosPerStep().get(winner),
                    c + ", the half width's JVMs: " + forked);
        }
        KernelChoice next = KernelChoice.auto(loaded, names, cache, () -> {
            throw new AssertionError("cached");
        }, name -> {
            throw new AssertionError("cached");
        });
        assertEquals("cached", next.source());
        assertSame(winner.equals(half) ? KernelChoice.rule(loaded) : loaded.get(names.indexOf(winner)), next.kernels());
    }

    @Test
    void aForcedChoiceIsNotMeasured() {
        KernelChoice c = KernelSelection.choose("scalar");
        assertSame(Kernels.scalar(), c.kernels());
        assertEquals("forced", c.source());
        assertTrue(c.nanosPerStep().isEmpty());
    }
}
