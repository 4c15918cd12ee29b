package io.somnus.sg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.somnus.core.GaussianDraws;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The noise drawn ahead on a helper thread is the noise the episode's thread would draw, and nothing more. */
class SgSleepNoiseAheadTest {

    @Test
    void drawsAheadAreTheSameDrawsAndLeaveTheGeneratorWhereTheyWouldHave() {
        // fills of uneven sizes that straddle the chunks, ending inside the last (short) chunk
        int[] sizes = {1, 3_360, SgSleepNoiseAhead.CHUNK, 5, 2 * SgSleepNoiseAhead.CHUNK + 7, 12_345};
        long total = 0;
        for (int size : sizes) {
            total += size;
        }
        SplittableRandom ownThread = new SplittableRandom(5);
        SplittableRandom helper = new SplittableRandom(5);
        try (SgSleepNoiseAhead ahead = new SgSleepNoiseAhead(helper, total)) {
            for (int size : sizes) {
                float[] expected = new float[size + 1];
                float[] got = new float[size + 1];
                GaussianDraws.fill(ownThread, expected, 1, size + 1);
                ahead.fill(got, 1, size + 1);
                assertArrayEquals(expected, got, "fill of " + size);
            }
            assertThrows(IllegalStateException.class, () -> ahead.fill(new float[1], 0, 1),
                    "a draw beyond those announced");
        }
        assertEquals(ownThread.nextLong(), helper.nextLong(), "the helper drew more or fewer than announced");
    }

    @Test
    @Timeout(30)
    void anAbandonedEpisodeStopsItsHelper() {
        SgSleepNoiseAhead ahead = new SgSleepNoiseAhead(new SplittableRandom(1), 1L << 40);
        ahead.fill(new float[10], 0, 10);
        ahead.close(); // returns only once the helper has stopped: a hang here fails the test by timeout
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
