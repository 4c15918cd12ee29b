package io.somnus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The state read from a SplittableRandom and advanced here gives the generator's own draws. */
class SplittableStateTest {

    @Test
    void theStateAdvancedInlineGivesTheGeneratorsDraws() {
        assertTrue(SplittableState.available(), "the test JVMs pass --add-opens " + SplittableState.OPENS);
        SplittableRandom root = new SplittableRandom(2026);
        SplittableRandom twinRoot = new SplittableRandom(2026);
        for (int g = 0; g < 50; g++) {
            SplittableRandom gen = root.split(); // each split has its own γ
            SplittableRandom twin = twinRoot.split();
            long seed = SplittableState.seed(gen);
            long gamma = SplittableState.gamma(gen);
            assertEquals(1, gamma & 1, "γ is odd");
            for (int i = 0; i < 1000; i++) {
                assertEquals(twin.nextLong(), SplittableState.mix64(seed += gamma), "generator " + g + " draw " + i);
            }
            // written back, the generator goes on where its twin is
            SplittableState.setSeed(gen, seed);
            assertEquals(twin.nextLong(), gen.nextLong());
            assertEquals(twin.nextGaussian(), gen.nextGaussian());
        }
    }

    /**
     * Without reflection: a generator drained (two draws) and rebuilt from the state read goes on as its twin, never
     * drained, does: the seeds and γs of 50 split generators (each its own γ) after 0 to 49 draws of each kind.
     */
    @Test
    void aDrainedGeneratorRebuiltGoesOnAsItsTwin() {
        assertTrue(SplittableState.rebuildable(), "JDK 17 to 25 build SplittableRandom.split(source) so");
        SplittableRandom root = new SplittableRandom(7);
        SplittableRandom twinRoot = new SplittableRandom(7);
        for (int g = 0; g < 50; g++) {
            SplittableRandom gen = root.split();
            SplittableRandom twin = twinRoot.split();
            for (int i = 0; i < g; i++) {
                gen.nextInt(g + 1);
                twin.nextInt(g + 1);
                gen.nextGaussian();
                twin.nextGaussian();
            }
            long[] state = SplittableState.drain(gen);
            // the state read is the one reflection shows (an independent reading of the same fields)
            assertEquals(SplittableState.gamma(twin), state[1], "γ of generator " + g);
            assertEquals(SplittableState.seed(twin), state[0], "seed of generator " + g);
            SplittableRandom rebuilt = SplittableState.rebuild(state[0], state[1]);
            for (int i = 0; i < 100; i++) {
                assertEquals(twin.nextLong(), rebuilt.nextLong(), "generator " + g + " draw " + i);
            }
            assertEquals(twin.nextDouble(), rebuilt.nextDouble());
            assertEquals(twin.nextInt(1000), rebuilt.nextInt(1000));
            assertEquals(twin.nextGaussian(), rebuilt.nextGaussian());
            assertEquals(SplittableState.gamma(twin), SplittableState.gamma(rebuilt), "the same γ");
        }
    }

    /** mix64 inverted: x back from mix64(x); and γs that mixGamma cannot give (even numbers) are refused. */
    @Test
    void theMixingFunctionsAreInverted() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long x = r.nextLong();
            assertEquals(x, SplittableState.unmix64(SplittableState.mix64(x)));
            long gamma = SplittableState.mixGamma(x);
            assertEquals(gamma, SplittableState.mixGamma(SplittableState.unmixGamma(gamma)));
        }
        Assertions.assertThrows(IllegalArgumentException.class,
                () -> SplittableState.rebuild(0, 2));
    }
}
