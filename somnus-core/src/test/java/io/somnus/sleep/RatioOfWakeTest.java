package io.somnus.sleep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The authors' dose: round(W·ratio) after every W wake steps, capped (docs/fidelity.md §1.5). */
class RatioOfWakeTest {
    @Test
    void episodeIsRatioTimesWakeCappedAtTheMaximum() {
        assertEquals(3500, new RatioOfWake(0.1, 35_000, 10_000).episodeSteps());
        assertEquals(7000, new RatioOfWake(0.2, 35_000, 10_000).episodeSteps());
        // 0.3·35 000 = 10 500 > cap: every ratio from 2/7 up is one dose
        assertEquals(10_000, new RatioOfWake(0.3, 35_000, 10_000).episodeSteps());
        assertEquals(10_000, new RatioOfWake(1.0, 35_000, 10_000).episodeSteps());
        // max(1, round(·)): a tiny ratio still sleeps one step
        assertEquals(1, new RatioOfWake(1e-6, 35_000, 10_000).episodeSteps());
        assertFalse(new RatioOfWake(0, 35_000, 10_000).sleeps());
    }

    @Test
    void sleepsAfterEvery35ImagesOf1000Steps() {
        RatioOfWake s = new RatioOfWake(0.1, 35_000, 10_000);
        SleepClock clock = new SleepClock(s);
        for (int image = 1; image <= 300; image++) {
            long due = clock.wake(SleepSchedule.WakeUnit.PRESENTATION, 1000);
            assertEquals(image % 35 == 0 ? 3500 : 0, due, "image " + image);
            if (due > 0) {
                clock.slept(due, false);
            }
        }
        assertEquals(8, clock.episodes());
        assertEquals(0, s.afterWake(SleepSchedule.WakeUnit.EPOCH, 35_000), "only presentations count");
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new RatioOfWake(-0.1, 35_000, 10_000));
        assertThrows(IllegalArgumentException.class, () -> new RatioOfWake(0.1, 0, 10_000));
        assertThrows(IllegalArgumentException.class, () -> new RatioOfWake(0.1, 35_000, 0));
    }

    /**
     * The authors' clock restarts with each batch (src/train.py:415-423 @40b7d33): within a batch of 300 images of
     * 1000 steps it calls for sleep at t = 35 000·k, k = 1…8 (t < 300 000), so 8 episodes per batch and 160 in 20
     * batches; counted across batches (no restart) 6 000 000 / 35 000 = 171.
     */
    @Test
    void aClockThatRestartsWithEachBatchSleepsEightTimesPerBatch() {
        assertEquals(160, episodes(true));
        assertEquals(171, episodes(false));
    }

    private static int episodes(boolean restartEachBatch) {
        RatioOfWake s = new RatioOfWake(0.2, 35_000, 10_000);
        int episodes = 0;
        for (int image = 0; image < 300 * 20; image++) {
            if (restartEachBatch && image % 300 == 0) {
                s.restart();
            }
            if (s.afterWake(SleepSchedule.WakeUnit.PRESENTATION, 1000) > 0) {
                episodes++;
            }
        }
        return episodes;
    }
}
