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
}
