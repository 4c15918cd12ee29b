package io.somnus.cli;

import java.time.Duration;
import java.util.Optional;

/**
 * A phase's time left where its count stands still through pauses, as a training's through each checkpoint's
 * evaluation (a minute at N_e = 1 600). The count's own pace, elapsed × (to go / done), counted the pause as time
 * spent on the units and so grew all through it ({@code left 0:23} to {@code 0:41} through one checkpoint of a
 * 3 000-image diehl-cook training). Here the time left is the time outside the current pause at the pace so far (the
 * finished pauses included, so the pauses to come are priced at their rate per unit done), plus what the current
 * pause is expected still to take: the mean of the finished ones less its time so far, none before one has finished.
 * Through a pause it never grows: the first part stands still, the second counts down to zero.
 * <p>
 * The pace is this process's alone: a resumed training counts on from its snapshot (image 3 000 of 4 000), and those
 * images, done by the process before, took no time on this clock; counted as done here they read its time left a
 * thousandfold too low at first ({@link #countFrom}).
 * <p>
 * Nor is it the JIT's: a phase's first seconds run slower while the JVM compiles its loops (a fresh {@code train}
 * and {@code train --resume} alike: 10 of 4 000 diehl-cook images in the first 5 s, 825 by 10 s, 3 327 by 15 s), and
 * paced by them the time left read high (at 10 s, 10 s × 3 175 / 825 ≈ 0:38 for what took 6 s more). So the pace is that of the units counted
 * from the first count after the phase's first {@link #WARM_UP_NANOS} or its first quarter, whichever comes first
 * ({@link #counted}), and no time left is known before {@link #PACED_NANOS} of those. The quarter is for a phase shorter than
 * the warm-up (a small run's readouts), which showed no time left at all; its first quarter's slower units are left
 * out of its pace as the warm-up's are.
 * <p>
 * Times are nanoseconds of one monotonic clock ({@link System#nanoTime()}), passed in, so that tests choose them.
 */
final class TimeLeft {
    /** A phase's first 10 s, in nanoseconds: the JIT's warm-up, whose slower units would pace the time left. */
    static final long WARM_UP_NANOS = 10_000_000_000L;
    /** The part of a phase's units after which the warm-up's mark is set, however short the time (a short phase's). */
    static final double WARM_UP_PART = 0.25;
    /** The least time after the warm-up's mark to pace the units by, in nanoseconds (1 s: a few units mislead). */
    static final long PACED_NANOS = 1_000_000_000L;
    private long startNanos;
    /** The phase's count when its clock started: units an earlier process did (a resumed run's), 0 otherwise. */
    private long startDone;
    /** The finished pauses' time, in nanoseconds, and their number. */
    private long pausedNanos;
    private int pauses;
    /** When the current pause began; meaningful while {@link #paused}. */
    private long pauseStartNanos;
    private boolean paused;
    /** Whether the warm-up is over: then its end's mark, the time and the units done by then, paces the time left. */
    private boolean marked;
    private long markNanos;
    private long markDone;

    /** @param nowNanos when the phase starts */
    TimeLeft(long nowNanos) {
        restart(nowNanos);
    }

    /** A new phase from {@code nowNanos}, from a count of 0: its own pace, no pauses yet. */
    synchronized void restart(long nowNanos) {
        startNanos = nowNanos;
        startDone = 0;
        pausedNanos = 0;
        pauses = 0;
        paused = false;
        marked = false;
    }

    /** The phase's count starts at {@code done}, units done before its clock started (by the process a run resumes). */
    synchronized void countFrom(long done) {
        startDone = done;
    }

    /** The count stands still from {@code nowNanos} (a checkpoint begins); a pause already begun goes on. */
    synchronized void pause(long nowNanos) {
        if (!paused) {
            paused = true;
            pauseStartNanos = nowNanos;
        }
    }

    /** The count moves again at {@code nowNanos}: the pause is over, counted among the finished ones. */
    synchronized void resume(long nowNanos) {
        if (paused) {
            paused = false;
            pausedNanos += Math.max(0, nowNanos - pauseStartNanos);
            pauses++;
        }
    }

    /**
     * The phase's {@code count} of {@code total} at {@code nowNanos} (each update of it): the first after the warm-up,
     * or once a {@link #WARM_UP_PART} of the units this process does is done, marks where the pace is measured from.
     */
    synchronized void counted(long nowNanos, long count, long total) {
        long done = count - startDone;
        boolean partDone = total > startDone && done >= WARM_UP_PART * (total - startDone);
        if (!marked && (nowNanos - startNanos >= WARM_UP_NANOS || partDone)) {
            marked = true;
            markNanos = nowNanos;
            markDone = done;
        }
    }

    /**
     * @param count the phase's count, the units done before its clock started ({@link #countFrom}) included
     * @param toGo  units still to do
     * @return the time left at {@code nowNanos}; empty before {@link #PACED_NANOS} after the warm-up's mark with a unit
     *         done since
     */
    synchronized Optional<Duration> left(long nowNanos, long count, long toGo) {
        long paced = count - startDone - markDone;
        if (!marked || paced <= 0 || nowNanos - markNanos < PACED_NANOS) {
            return Optional.empty();
        }
        long inPause = paused ? Math.max(0, nowNanos - pauseStartNanos) : 0;
        long pausedSinceMark = paused ? Math.max(0, nowNanos - Math.max(pauseStartNanos, markNanos)) : 0;
        long outsidePause = Math.max(0, nowNanos - markNanos - pausedSinceMark);
        double units = (double) outsidePause / paced * Math.max(0, toGo);
        double rest = paused && pauses > 0 ? Math.max(0, (double) pausedNanos / pauses - inPause) : 0;
        return Optional.of(Duration.ofNanos(Math.round(units + rest)));
    }
}
