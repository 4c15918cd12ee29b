package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The time left of a count that stands still through pauses (a training's checkpoints), its clock set by hand: the
 * count's own pace, elapsed × (to go / done), grew all through a pause. Expected values are worked out by hand in each
 * test's comments.
 */
class TimeLeftTest {
    private static final long S = 1_000_000_000L;

    /** 10 of 100 units in 10 s: 90 s left at 1 s each, however long the first pause, whose length is not known yet. */
    @Test
    void aFirstPauseDoesNotMakeTheTimeLeftGrow() {
        TimeLeft left = new TimeLeft(0);
        assertEquals(Duration.ofSeconds(90), left.left(10 * S, 10, 90).orElseThrow());
        left.pause(10 * S);
        for (long t = 10; t <= 70; t += 15) {
            assertEquals(Duration.ofSeconds(90), left.left(t * S, 10, 90).orElseThrow(), "at " + t + " s");
        }
    }

    /**
     * Units at 1 s each, a first pause of 20 s after 10 of 100 units; at 20 units (40 s) the time outside the pause
     * is 40 s for 20 units, 2 s each with the finished pause's share: 80 × 2 = 160 s, and a second pause then adds
     * what it is expected still to take, the first's 20 s less its own time, down to none.
     */
    @Test
    void aLaterPauseCountsDownTheMeanOfTheFinishedOnes() {
        TimeLeft left = new TimeLeft(0);
        left.pause(10 * S);
        left.resume(30 * S);
        assertEquals(Duration.ofSeconds(160), left.left(40 * S, 20, 80).orElseThrow());
        left.pause(40 * S);
        assertEquals(Duration.ofSeconds(180), left.left(40 * S, 20, 80).orElseThrow());
        assertEquals(Duration.ofSeconds(175), left.left(45 * S, 20, 80).orElseThrow());
        assertEquals(Duration.ofSeconds(160), left.left(60 * S, 20, 80).orElseThrow());
        assertEquals(Duration.ofSeconds(160), left.left(100 * S, 20, 80).orElseThrow());
        Duration before = Duration.ofDays(1);
        for (long t = 40; t < 120; t++) {
            Duration now = left.left(t * S, 20, 80).orElseThrow();
            assertTrue(now.compareTo(before) <= 0, "grew at " + t + " s: " + before + " -> " + now);
            before = now;
        }
    }

    /** The last checkpoint, at the count's end: its expected rest, the earlier ones' mean (10 s) less 4 s. */
    @Test
    void theLastPauseAtTheEndShowsItsExpectedRest() {
        TimeLeft left = new TimeLeft(0);
        left.pause(50 * S);
        left.resume(60 * S);
        left.pause(110 * S);
        assertEquals(Duration.ofSeconds(6), left.left(114 * S, 100, 0).orElseThrow());
    }

    /** A new phase: its own pace, its pauses forgotten; nothing done, nothing known. */
    @Test
    void aRestartForgetsThePhaseBefore() {
        TimeLeft left = new TimeLeft(0);
        left.pause(10 * S);
        left.restart(100 * S);
        assertTrue(left.left(100 * S, 0, 10).isEmpty());
        assertEquals(Duration.ofSeconds(20), left.left(110 * S, 5, 10).orElseThrow());
    }

    /**
     * A count resumed from a snapshot at 3 000 of 4 000 units: 10 more in this clock's 10 s, 990 to go at 1 s each
     * (those before the snapshot were done by another process, in a time not known here), not 10 s / 3 010 × 990 ≈ 3 s.
     */
    @Test
    void aResumedCountIsPacedByWhatThisProcessDid() {
        TimeLeft left = new TimeLeft(0);
        left.restart(5 * S);
        left.countFrom(3000);
        assertTrue(left.left(5 * S, 3000, 1000).isEmpty(), "nothing done here yet, nothing known");
        assertEquals(Duration.ofSeconds(990), left.left(15 * S, 3010, 990).orElseThrow());
        left.restart(20 * S);
        assertEquals(Duration.ofSeconds(10), left.left(30 * S, 5, 5).orElseThrow(), "the next phase counts from 0");
    }
}
