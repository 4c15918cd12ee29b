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

    /**
     * The warm-up's mark: the count at the first count after the phase's first 10 s, {@code count} units of 100 then
     * (less than a quarter); the pace is measured from there.
     */
    private static TimeLeft warmedUp(long count) {
        TimeLeft left = new TimeLeft(0);
        left.counted(10 * S, count, 100);
        return left;
    }

    /** 10 units in the 10 s after the mark: 80 s left at 1 s each, however long the first pause, not known yet. */
    @Test
    void aFirstPauseDoesNotMakeTheTimeLeftGrow() {
        TimeLeft left = warmedUp(10);
        assertEquals(Duration.ofSeconds(80), left.left(20 * S, 20, 80).orElseThrow());
        left.pause(20 * S);
        for (long t = 20; t <= 80; t += 15) {
            assertEquals(Duration.ofSeconds(80), left.left(t * S, 20, 80).orElseThrow(), "at " + t + " s");
        }
    }

    /**
     * Units at 1 s each from the mark, a first pause of 20 s after 10 of them; at 20 units since the mark (50 s) the
     * time since it is 40 s for 20 units, 2 s each with the finished pause's share: 70 × 2 = 140 s, and a second pause
     * then adds what it is expected still to take, the first's 20 s less its own time, down to none.
     */
    @Test
    void aLaterPauseCountsDownTheMeanOfTheFinishedOnes() {
        TimeLeft left = warmedUp(10);
        left.pause(20 * S);
        left.resume(40 * S);
        assertEquals(Duration.ofSeconds(140), left.left(50 * S, 30, 70).orElseThrow());
        left.pause(50 * S);
        assertEquals(Duration.ofSeconds(160), left.left(50 * S, 30, 70).orElseThrow());
        assertEquals(Duration.ofSeconds(155), left.left(55 * S, 30, 70).orElseThrow());
        assertEquals(Duration.ofSeconds(140), left.left(70 * S, 30, 70).orElseThrow());
        assertEquals(Duration.ofSeconds(140), left.left(110 * S, 30, 70).orElseThrow());
        Duration before = Duration.ofDays(1);
        for (long t = 50; t < 130; t++) {
            Duration now = left.left(t * S, 30, 70).orElseThrow();
            assertTrue(now.compareTo(before) <= 0, "grew at " + t + " s: " + before + " -> " + now);
            before = now;
        }
    }

    /** The last checkpoint, at the count's end: its expected rest, the earlier ones' mean (10 s) less 4 s. */
    @Test
    void theLastPauseAtTheEndShowsItsExpectedRest() {
        TimeLeft left = warmedUp(10);
        left.pause(50 * S);
        left.resume(60 * S);
        left.pause(110 * S);
        assertEquals(Duration.ofSeconds(6), left.left(114 * S, 100, 0).orElseThrow());
    }

    /**
     * The JIT's warm-up: the first 10 units take the phase's first 10 s, the next 100 units 10 s more (0.1 s each).
     * Nothing is known in the first 10 s, nor in the first second after the mark; then the pace is the units' since
     * the mark: 890 to go at 0.1 s, 89 s, where the whole phase's pace (20 s for 110 units) said 161.8 s.
     */
    @Test
    void theWarmUpNeitherShowsNorPacesTheTimeLeft() {
        TimeLeft left = new TimeLeft(0);
        left.counted(5 * S, 5, 1000);
        assertTrue(left.left(5 * S, 5, 995).isEmpty(), "in the warm-up");
        left.counted(10 * S - 1, 10, 1000);
        assertTrue(left.left(10 * S - 1, 10, 990).isEmpty(), "in the warm-up");
        left.counted(10 * S, 10, 1000);
        assertTrue(left.left(10 * S, 10, 990).isEmpty(), "none done since the mark");
        assertTrue(left.left(10 * S + S / 2, 15, 985).isEmpty(), "half a second since the mark");
        left.counted(20 * S, 110, 1000);
        assertEquals(Duration.ofSeconds(89), left.left(20 * S, 110, 890).orElseThrow());
        left.restart(30 * S);
        left.counted(35 * S, 20, 1000);
        assertTrue(left.left(36 * S, 30, 970).isEmpty(), "a new phase warms up again");
    }

    /** A new phase: its own pace and warm-up, its pauses forgotten; nothing done, nothing known. */
    @Test
    void aRestartForgetsThePhaseBefore() {
        TimeLeft left = warmedUp(10);
        left.pause(20 * S);
        left.restart(100 * S);
        assertTrue(left.left(100 * S, 0, 10).isEmpty());
        left.counted(110 * S, 5, 15);
        assertEquals(Duration.ofSeconds(10), left.left(120 * S, 10, 5).orElseThrow());
    }

    /**
     * A count resumed from a snapshot at 3 000 of 4 000 units: 10 more in the 10 s after this clock's mark, 980 to go
     * at 1 s each (those before the snapshot were done by another process, in a time not known here), not
     * 10 s / 3 020 × 980 ≈ 3 s.
     */
    @Test
    void aResumedCountIsPacedByWhatThisProcessDid() {
        TimeLeft left = new TimeLeft(0);
        left.restart(5 * S);
        left.countFrom(3000);
        assertTrue(left.left(5 * S, 3000, 1000).isEmpty(), "nothing done here yet, nothing known");
        left.counted(15 * S, 3010, 4000);
        assertEquals(Duration.ofSeconds(980), left.left(25 * S, 3020, 980).orElseThrow());
        left.restart(30 * S);
        left.counted(40 * S, 5, 15);
        assertEquals(Duration.ofSeconds(5), left.left(45 * S, 10, 5).orElseThrow(), "the next phase counts from 0");
    }

    /**
     * A phase shorter than the warm-up (100 units in a few seconds): its mark is its first count at a quarter of its
     * units, 25 at 2 s, and a second later its time left is paced by the units since: 20 in 1 s, 0.05 s each, 55 to go,
     * 2.75 s, where the 10 s warm-up alone showed none at all.
     */
    @Test
    void aShortPhaseIsPacedFromItsFirstQuarter() {
        TimeLeft left = new TimeLeft(0);
        left.counted(1 * S, 10, 100);
        assertTrue(left.left(1 * S, 10, 90).isEmpty(), "a tenth done");
        left.counted(2 * S, 25, 100);
        assertTrue(left.left(2 * S + S / 2, 30, 70).isEmpty(), "half a second since the quarter's mark");
        left.counted(3 * S, 45, 100);
        assertEquals(Duration.ofMillis(2750), left.left(3 * S, 45, 55).orElseThrow());
    }

    /**
     * A resumed phase's quarter is of the units this process does: at image 3 200 of 4 000, from a snapshot at 3 000,
     * 200 of its 1 000 are done, less than a quarter; at 3 250 the mark is set, and 100 more in the next second leave
     * 650 at 0.01 s each, 6.5 s.
     */
    @Test
    void aResumedPhasesQuarterIsOfWhatThisProcessDoes() {
        TimeLeft left = new TimeLeft(0);
        left.countFrom(3000);
        left.counted(1 * S, 3200, 4000);
        assertTrue(left.left(2 * S, 3220, 780).isEmpty(), "a fifth of this process's units done");
        left.counted(2 * S, 3250, 4000);
        assertEquals(Duration.ofMillis(6500), left.left(3 * S, 3350, 650).orElseThrow());
    }
}
