package io.somnus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The draws give the bits of {@code nextGaussian()} on the same generator, and leave it in the same state. */
class GaussianDrawsTest {

    @Test
    void bulkDrawsAreTheGeneratorsOwnGaussiansBitForBit() {
        assertTrue(GaussianDraws.fast(), "the running JDK's nextGaussian() was not reproduced: the fast path is off");
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
    void oneAtATimeTheDrawsAreTheGeneratorsOwnToo() {
        SplittableRandom ours = new SplittableRandom(43);
        SplittableRandom jdk = new SplittableRandom(43);
        GaussianDraws draws = GaussianDraws.on(ours);
        assertSame(ours, draws.generator());
        for (int i = 0; i < 300_000; i++) {
            assertEquals(Double.doubleToRawLongBits(jdk.nextGaussian()), Double.doubleToRawLongBits(draws.next()),
                    "draw " + i);
            if (i % 1000 == 0) {
                assertEquals(jdk.nextLong(), ours.nextLong(), "a draw of another kind in between, at " + i);
            }
        }
        Random other = new Random(3);
        GaussianDraws generic = GaussianDraws.on(other);
        assertEquals(new Random(3).nextGaussian(), generic.next());
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
