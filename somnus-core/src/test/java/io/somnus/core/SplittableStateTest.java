package io.somnus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
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
}
