package io.somnus.sleep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.sleep.SleepSchedule.WakeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The three sleep schedules and the clock that keeps a run's wake and sleep time. */
class SleepScheduleTest {

    @Test
    void everyWakeStepsSleepsFOver1MinusFOfTheWakeSinceTheLastEpisode() {
        EveryWakeSteps s = SleepSchedule.everyWakeSteps(0.2, 1000);
        assertEquals(250, s.episodeSteps());
        // 100-step images: the 10th image of each cycle triggers an episode of exactly f/(1−f)·W
        List<Integer> at = new ArrayList<>();
        for (int image = 1; image <= 35; image++) {
            long due = s.afterWake(WakeUnit.PRESENTATION, 100);
            if (due > 0) {
                assertEquals(250, due);
                at.add(image);
            }
        }
        assertEquals(List.of(10, 20, 30), at);
        // 300-step images (repeated presentations) overshoot W: the episode follows the wake actually seen
        EveryWakeSteps t = SleepSchedule.everyWakeSteps(0.2, 1000);
        assertEquals(0, t.afterWake(WakeUnit.PRESENTATION, 300));
        assertEquals(0, t.afterWake(WakeUnit.PRESENTATION, 300));
        assertEquals(0, t.afterWake(WakeUnit.PRESENTATION, 300));
        assertEquals(300, t.afterWake(WakeUnit.PRESENTATION, 300), "round(0.25 · 1200)");
        assertEquals(0, t.afterWake(WakeUnit.EPOCH, 0), "only presentations count");
    }

    @Test
    void everyWakeStepsThatRoundsToNoSleepNeverSleeps() {
        EveryWakeSteps none = SleepSchedule.everyWakeSteps(0.0, 1000);
        EveryWakeSteps tiny = SleepSchedule.everyWakeSteps(1e-5, 1000); // round(0.01) = 0
        for (EveryWakeSteps s : new EveryWakeSteps[] {none, tiny}) {
            assertFalse(s.sleeps());
            for (int i = 0; i < 100; i++) {
                assertEquals(0, s.afterWake(WakeUnit.PRESENTATION, 100));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SleepSchedule.everyWakeSteps(1.0, 1000));
        assertThrows(IllegalArgumentException.class, () -> SleepSchedule.everyWakeSteps(0.2, 0));
    }

    /**
     * Both schedules that sleep after W wake steps count the wake since their last episode: a resume restores it (the
     * episode falls where the run cut short would have had it), a restart forgets it, and a negative count is refused.
     */
    @Test
    void theWakeSinceTheLastEpisodeIsCountedRestoredAndRestarted() {
        for (SleepSchedule s : new SleepSchedule[] {SleepSchedule.everyWakeSteps(0.2, 1000), new RatioOfWake(0.25, 1000, 10_000)}) {
            String what = s.getClass().getSimpleName();
            assertEquals(0, s.afterWake(WakeUnit.PRESENTATION, 300), what);
            assertEquals(300, s.counted(), what);
            s.restoreCounted(900);
            assertEquals(250, s.afterWake(WakeUnit.PRESENTATION, 100), what + ": 900 restored + 100 is W");
            assertEquals(0, s.counted(), what + ": an episode starts the count again");
            s.restoreCounted(900);
            s.restart();
            assertEquals(0, s.counted(), what);
            assertEquals(0, s.afterWake(WakeUnit.PRESENTATION, 100), what + ": the restart forgot the 900");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.restoreCounted(-1), what);
            assertTrue(e.getMessage().contains("wake steps since the last episode must be >= 0, got -1"), e.getMessage());
        }
    }

    /** Achieved fraction after m full cycles and r trailing wake steps: mE / (mW + r + mE), E = round(f/(1−f)·W). */
    @Test
    void theClockAchievesTheClosedFormFraction() {
        long w = 3500;
        int stepsPerImage = 100;
        for (double f : new double[] {0.05, 0.1, 0.3, 0.6}) {
            for (int images : new int[] {35, 349, 1000}) {
                EveryWakeSteps s = SleepSchedule.everyWakeSteps(f, w);
                SleepClock clock = new SleepClock(s);
                for (int i = 0; i < images; i++) {
                    long due = clock.wake(WakeUnit.PRESENTATION, stepsPerImage);
                    if (due > 0) {
                        clock.slept(due, false);
                    }
                }
                long wake = (long) images * stepsPerImage;
                long m = wake / w;
                long e = Math.round(f / (1 - f) * w);
                assertEquals(m, clock.episodes());
                assertEquals(wake, clock.wakeSteps());
                assertEquals(m * e, clock.sleepSteps());
                assertEquals((double) (m * e) / (wake + m * e), clock.achievedFraction(), 0.0, "f=" + f);
            }
        }
    }

    @Test
    void anEpisodeThatEndsEarlyCountsWhatItSlept() {
        SleepClock clock = new SleepClock(SleepSchedule.everyWakeSteps(0.5, 100));
        long due = clock.wake(WakeUnit.PRESENTATION, 100);
        assertEquals(100, due);
        clock.slept(40, true);
        assertEquals(1, clock.episodesEndedEarly());
        assertEquals(40.0 / 140.0, clock.achievedFraction(), 0.0);
        assertEquals(140, clock.steps());
        assertEquals(0.0, new SleepClock(SleepSchedule.NEVER).achievedFraction());
    }

    /** One uniform per epoch from the given stream, drawn even at p = 0; other units draw nothing. */
    @Test
    void afterEpochWithProbabilityDrawsOncePerEpochFromTheSeededStream() {
        double p = 0.4;
        SplittableRandom reference = new SplittableRandom(11);
        AfterEpochWithProbability s = SleepSchedule.afterEpochWithProbability(p, 5000, new SplittableRandom(11));
        int slept = 0;
        for (int epoch = 0; epoch < 200; epoch++) {
            for (int b = 0; b < 5; b++) {
                assertEquals(0, s.afterWake(WakeUnit.MINIBATCH, 128));
            }
            long due = s.afterWake(WakeUnit.EPOCH, 0);
            boolean expected = reference.nextDouble() < p;
            assertEquals(expected ? 5000 : 0, due, "epoch " + epoch);
            slept += expected ? 1 : 0;
        }
        assertTrue(slept > 50 && slept < 110, "about p of the epochs: " + slept);

        SplittableRandom shared = new SplittableRandom(3);
        AfterEpochWithProbability never = SleepSchedule.afterEpochWithProbability(0.0, 5000, shared);
        assertFalse(never.sleeps());
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(0, never.afterWake(WakeUnit.EPOCH, 0));
        }
        SplittableRandom fresh = new SplittableRandom(3);
        fresh.nextDouble();
        fresh.nextDouble();
        fresh.nextDouble();
        assertEquals(fresh.nextDouble(), shared.nextDouble(), "p = 0 still draws once per epoch");

        AfterEpochWithProbability always = SleepSchedule.afterEpochWithProbability(1.0, 7, new SplittableRandom(1));
        for (int epoch = 0; epoch < 20; epoch++) {
            assertEquals(7, always.afterWake(WakeUnit.EPOCH, 0));
        }
    }

    /**
     * Minibatches 0, k, 2k, … of training (0-based), the count running on across epochs as the authors'
     * global_iter_counter does: k = 3 over two epochs of 8 sleeps after global minibatches 0, 3, 6, 9, 12, 15, which
     * are minibatches 1, 4 and 7 of the second epoch.
     */
    @Test
    void everyMinibatchesTriggersAtMultiplesOfKCountedAcrossEpochs() {
        EveryMinibatches s = SleepSchedule.everyMinibatches(3, 25);
        List<String> at = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int b = 0; b < 8; b++) {
                long due = s.afterWake(WakeUnit.MINIBATCH, 128 * 25);
                if (due > 0) {
                    assertEquals(25, due);
                    at.add(epoch + ":" + b);
                }
            }
            assertEquals(0, s.afterWake(WakeUnit.EPOCH, 0));
        }
        assertEquals(List.of("0:0", "0:3", "0:6", "1:1", "1:4", "1:7"), at);
        assertEquals(0, s.afterWake(WakeUnit.PRESENTATION, 100));
    }

    @Test
    void everyMinibatchesForAFractionUsesTheFloorOfItsInverse() {
        double[] f = {1.0, 0.9, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};
        int[] k = {1, 1, 1, 2, 2, 3, 5, 10, 20};
        for (int i = 0; i < f.length; i++) {
            assertEquals(k[i], EveryMinibatches.forFraction(f[i], 25).minibatches(), "f=" + f[i]);
        }
        // f = 0.5: sleeps after every other minibatch, so 50 of 100 minibatches
        EveryMinibatches half = EveryMinibatches.forFraction(0.5, 25);
        SleepClock clock = new SleepClock(half);
        for (int b = 0; b < 100; b++) {
            long due = clock.wake(WakeUnit.MINIBATCH, 128 * 25);
            if (due > 0) {
                clock.slept(due, false);
            }
        }
        assertEquals(50, clock.episodes());
        assertEquals(50 * 25, clock.sleepSteps());
        assertThrows(IllegalArgumentException.class, () -> EveryMinibatches.forFraction(0.0, 25));
        assertThrows(IllegalArgumentException.class, () -> SleepSchedule.everyMinibatches(0, 25));
    }

    /** One step is the pull with exponent λ; n steps in closed form are the pull with λⁿ. */
    @Test
    void logSpaceDecaysStepAndClosedFormAreOnePull() {
        LogSpaceDecay law = new LogSpaceDecay(0.999, 0);
        for (float w : new float[] {0.9f, 0.05f, -0.7f, -0.01f, 0f, -0f, 3f}) {
            assertEquals((float) LogSpaceDecay.pull(w, 0.2f, 0.999), law.step(w, 0.2f, 1.0, null));
            float x = w;
            for (int i = 0; i < 500; i++) {
                x = law.step(x, 0.2f, 1.0, null);
            }
            double closed = w == 0 ? 0 : Math.copySign(0.2 * Math.pow(Math.abs(w) / 0.2, Math.pow(0.999, 500)), w);
            assertEquals(closed, law.stepN(w, 0.2, 500), 1e-7 * Math.max(1e-3, Math.abs(closed)));
            assertEquals(closed, x, 2e-5 * Math.abs(closed), "500 float steps stay within rounding of the closed form");
        }
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(law.stepN(-0f, 0.2, 9)), "zero keeps its sign");
    }
}
