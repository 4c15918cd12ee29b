package io.somnus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The draws give the bits of JDK 17's {@code nextGaussian()} on the same generator and leave it in the same state, on
 * JDK 17 (compared with the JDK) and on any other JDK found on this machine (compared with this JVM's draws).
 */
class GaussianDrawsTest {

    @Test
    void bulkDrawsAreJdk17sGaussiansBitForBit() {
        assertTrue(GaussianDraws.fast(), GaussianDraws.algorithm());
        assertEquals("jdk17-ziggurat", GaussianDraws.stream());
        assumeTrue(Runtime.version().feature() == 17, "the JDK's own draws are JDK 17's only on JDK 17");
        int n = 1_000_000;
        float[] bulk = new float[n + 2];
        SplittableRandom ours = new SplittableRandom(42);
        SplittableRandom jdk = new SplittableRandom(42);
        // two calls, to cross a call boundary; index 0 and the last stay untouched
        GaussianDraws.fill(ours, bulk, 1, 400_001);
        GaussianDraws.fill(ours, bulk, 400_001, n + 1);
        int tail = 0;
        for (int i = 1; i <= n; i++) {
            float expected = (float) jdk.nextGaussian();
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(bulk[i]), "draw " + i);
            tail += Math.abs(expected) > 3.6 ? 1 : 0;
        }
        assertEquals(0f, bulk[0]);
        assertEquals(0f, bulk[n + 1]);
        // |x| > 3.6 only comes from the ziggurat's tail, i.e. the slow path (P ≈ 3.2·10⁻⁴: ≈ 320 expected)
        assertTrue(tail > 200, "too few tail draws to have exercised the slow path: " + tail);
        assertEquals(jdk.nextLong(), ours.nextLong(), "the generators' states differ after the draws");
    }

    /**
     * Bulk draws with the generator's state in a local variable give the numbers of draws one at a time on the
     * generator (float and double, across slow-path draws and call boundaries) and leave the same state.
     */
    @Test
    void bulkDrawsFromTheGeneratorsStateAreItsOwnDraws() {
        assertTrue(GaussianDraws.bulkFromState(), "the test JVMs pass --add-opens " + SplittableState.OPENS);
        assertEquals("", bulkAgainstOneAtATime(7, 1_000_000));
    }

    /** Without {@link SplittableState#OPENS} the bulk draws call the generator: the same numbers. */
    @Test
    void withoutTheStateTheBulkDrawsAreTheSame() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", GaussianDraws.OPENS, "-cp", System.getProperty("java.class.path"),
                GaussianDrawsTest.class.getName(), "bulk")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        assertEquals("fast true, from state false, differences: none", out);
    }

    /**
     * {@code n} draws of {@code new SplittableRandom(seed)} through both {@code fill}s in uneven chunks against
     * {@link GaussianDraws#draw} on a twin; "" when every bit and the final states agree, else the first difference.
     */
    private static String bulkAgainstOneAtATime(long seed, int n) {
        SplittableRandom bulk = new SplittableRandom(seed);
        SplittableRandom single = new SplittableRandom(seed);
        float[] f = new float[n];
        double[] d = new double[n];
        int tail = 0;
        for (int from = 0, chunk = 1; from < n; from += chunk, chunk = chunk * 3 + 1) {
            int to = Math.min(n, from + chunk);
            GaussianDraws.fill(bulk, f, from, to);
            GaussianDraws.fill(bulk, d, from, to);
            for (int i = from; i < to; i++) {
                double x = GaussianDraws.draw(single);
                if (Float.floatToRawIntBits(f[i]) != Float.floatToRawIntBits((float) x)) {
                    return "float draw " + i;
                }
                tail += Math.abs(x) > 3.6 ? 1 : 0;
            }
            for (int i = from; i < to; i++) {
                double x = GaussianDraws.draw(single);
                if (Double.doubleToRawLongBits(d[i]) != Double.doubleToRawLongBits(x)) {
                    return "double draw " + i;
                }
                tail += Math.abs(x) > 3.6 ? 1 : 0;
            }
        }
        if (tail < 4e-4 * n) { // P(|x| > 3.6) ≈ 3.2·10⁻⁴, in 2n draws: 6.4·10⁻⁴·n expected
            return "too few tail draws to have exercised the slow path: " + tail;
        }
        return bulk.nextLong() == single.nextLong() ? "" : "the generators' states after the draws";
    }

    @Test
    void anotherGeneratorGetsItsOwnNextGaussian() {
        float[] bulk = new float[1000];
        GaussianDraws.fill(new Random(7), bulk, 0, bulk.length);
        Random jdk = new Random(7);
        for (int i = 0; i < bulk.length; i++) {
            assertEquals((float) jdk.nextGaussian(), bulk[i], "draw " + i);
        }
    }

    @Test
    void oneAtATimeTheDrawsAreJdk17sToo() {
        assumeTrue(Runtime.version().feature() == 17, "the JDK's own draws are JDK 17's only on JDK 17");
        SplittableRandom ours = new SplittableRandom(43);
        SplittableRandom jdk = new SplittableRandom(43);
        for (int i = 0; i < 300_000; i++) {
            assertEquals(Double.doubleToRawLongBits(jdk.nextGaussian()), Double.doubleToRawLongBits(GaussianDraws.draw(ours)),
                    "draw " + i);
            if (i % 1000 == 0) {
                assertEquals(jdk.nextLong(), ours.nextLong(), "a draw of another kind in between, at " + i);
            }
        }
        Random other = new Random(3);
        assertEquals(new Random(3).nextGaussian(), GaussianDraws.draw(other));
    }

    @Test
    void exponentialDrawsAreJdk17sBitForBit() {
        assumeTrue(Runtime.version().feature() == 17, "the JDK's own draws are JDK 17's only on JDK 17");
        ModifiedZiggurat.Tables t = ModifiedZiggurat.TABLES;
        SplittableRandom ours = new SplittableRandom(11);
        SplittableRandom jdk = new SplittableRandom(11);
        int tail = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double expected = jdk.nextExponential();
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(ModifiedZiggurat.exponential(t, ours)),
                    "draw " + i);
            tail += expected > t.exponentialX0() ? 1 : 0; // beyond x₀ only through the tail's loop
        }
        assertTrue(tail > 300, "too few tail draws to have exercised the slow path: " + tail); // P = e^−7.57: ≈ 516
        assertEquals(jdk.nextLong(), ours.nextLong(), "the generators' states differ after the draws");
    }

    /** Independent of any JDK: the draws have the moments and tails of N(0, 1) and Exp(1). */
    @Test
    void theDrawsAreStandardNormalAndExponential() {
        ModifiedZiggurat.Tables t = ModifiedZiggurat.TABLES;
        SplittableRandom g = new SplittableRandom(5);
        int n = 2_000_000;
        double sum = 0, sumSq = 0, expSum = 0;
        int beyond3 = 0, beyond4 = 0;
        for (int i = 0; i < n; i++) {
            double x = GaussianDraws.draw(g);
            sum += x;
            sumSq += x * x;
            beyond3 += Math.abs(x) > 3 ? 1 : 0;
            beyond4 += Math.abs(x) > 4 ? 1 : 0;
            expSum += ModifiedZiggurat.exponential(t, g);
        }
        // standard errors: mean 1/√n = 7·10⁻⁴, variance √(2/n) = 10⁻³, exponential mean 7·10⁻⁴; five of them allowed
        assertEquals(0, sum / n, 0.0035);
        assertEquals(1, sumSq / n, 0.005);
        assertEquals(1, expSum / n, 0.0035);
        // P(|x| > 3) = 0.0026998 (5 399 expected, sd ≈ 73); P(|x| > 4) = 6.334·10⁻⁵ (127 expected, sd ≈ 11)
        assertEquals(5399, beyond3, 5 * 73);
        assertEquals(127, beyond4, 5 * 11);
    }

    /**
     * The same draws on another JDK: every JDK of this machine other than the running one (under /usr/lib/jvm, or the
     * one {@code -Dsomnus.test.other_jdk} names) runs {@link #main} and must print this JVM's digest. Java 25's own
     * {@code nextGaussian()} differs from Java 17's after ≈ 2·10⁶ draws; these 4·10⁶ draws cross that.
     */
    @Test
    void anotherJdkDrawsTheSameNumbers() throws Exception {
        List<Path> others = otherJdks();
        assumeTrue(!others.isEmpty(), "no other JDK on this machine");
        String here = digest();
        for (Path java : others) {
            Process p = new ProcessBuilder(java.toString(), "--add-opens", GaussianDraws.OPENS,
                    "-cp", System.getProperty("java.class.path"), GaussianDrawsTest.class.getName())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, p.waitFor(), java + ": " + out);
            assertEquals(here, out, "draws on " + java);
        }
    }

    /** A JVM that cannot read the JDK's tables says so and draws the JDK's own {@code nextGaussian()}. */
    @Test
    void withoutTheOpenPackageTheDrawsAreTheJdksOwn() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GaussianDrawsTest.class.getName(), "fallback")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        int feature = Runtime.version().feature();
        // on Java 17 the JDK's own draws are this class's: the same stream key (a sweep may resume across the two)
        String key = feature == 17 ? "jdk17-ziggurat" : "java-" + feature + "-nextGaussian";
        assertTrue(out.startsWith(key + " this JDK's nextGaussian() (this JDK's ziggurat tables cannot be read"), out);
        assertTrue(out.contains("--add-opens " + GaussianDraws.OPENS), out);
        assertTrue(out.endsWith(" the JDK's own draws"), out);
    }

    /**
     * Prints {@link #digest()} (run by {@link #anotherJdkDrawsTheSameNumbers} on another JDK), or with {@code fallback}
     * the algorithm and whether 10⁵ draws were the JDK's own.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("bulk")) {
            String differences = bulkAgainstOneAtATime(7, 300_000);
            System.out.println("fast " + GaussianDraws.fast() + ", from state " + GaussianDraws.bulkFromState()
                    + ", differences: " + (differences.isEmpty() ? "none" : differences));
            return;
        }
        if (args.length > 0 && args[0].equals("fallback")) {
            SplittableRandom ours = new SplittableRandom(1);
            SplittableRandom jdk = new SplittableRandom(1);
            boolean same = true;
            for (int i = 0; i < 100_000; i++) {
                same &= Double.doubleToRawLongBits(GaussianDraws.draw(ours)) == Double.doubleToRawLongBits(jdk.nextGaussian());
            }
            System.out.println(GaussianDraws.stream() + " " + GaussianDraws.algorithm()
                    + (same ? " the JDK's own draws" : " other draws"));
            return;
        }
        System.out.println(digest());
    }

    /** The draws' algorithm, a hash of 4·10⁶ draws from two seeds and the generators' states after them. */
    private static String digest() {
        long h = 0;
        for (long seed : new long[] {42, 20_261_130}) {
            SplittableRandom g = new SplittableRandom(seed);
            float[] bulk = new float[1_000_000];
            for (int i = 0; i < 1_000_000; i++) {
                h = 31 * h + Double.doubleToRawLongBits(GaussianDraws.draw(g));
            }
            GaussianDraws.fill(g, bulk, 0, bulk.length);
            for (float x : bulk) {
                h = 31 * h + Float.floatToRawIntBits(x);
            }
            h = 31 * h + g.nextLong();
        }
        return GaussianDraws.algorithm() + " " + Long.toHexString(h);
    }

    private static List<Path> otherJdks() throws IOException {
        String named = System.getProperty("somnus.test.other_jdk");
        Path self = Path.of(System.getProperty("java.home")).toRealPath();
        List<Path> homes = new ArrayList<>();
        if (named != null && !named.isBlank()) {
            homes.add(Path.of(named));
        } else if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
            try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
                s.filter(h -> Files.isExecutable(h.resolve("bin/java"))).forEach(homes::add);
            }
        }
        List<Path> javas = new ArrayList<>();
        Set<Path> seen = new HashSet<>(Set.of(self));
        for (Path home : homes) {
            Path real = home.toRealPath();
            if (seen.add(real)) {
                javas.add(real.resolve("bin/java"));
            }
        }
        return javas;
    }

    @Test
    void theSwitchIsTrueOrFalseAndNamesItselfOtherwise() {
        assertTrue(GaussianDraws.fastPathWanted(null, null));
        assertTrue(GaussianDraws.fastPathWanted(" TRUE ", "true"));
        assertEquals(false, GaussianDraws.fastPathWanted("false", null));
        assertEquals(false, GaussianDraws.fastPathWanted(null, "False"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianDraws.fastPathWanted("off", null));
        assertTrue(e.getMessage().contains("-Dsomnus.fast_gaussian=off"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianDraws.fastPathWanted(null, "0"));
        assertTrue(e.getMessage().contains("-Dsomnus.sg.fast_noise=0"), e.getMessage());
    }
}
