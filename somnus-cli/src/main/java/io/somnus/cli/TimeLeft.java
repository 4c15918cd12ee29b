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
 * Times are nanoseconds of one monotonic clock ({@link System#nanoTime()}), passed in, so that tests choose them.
 */
final class TimeLeft {
    private long startNanos;
    /** The phase's count when its clock started: units an earlier process did (a resumed run's), 0 otherwise. */
    private long startDone;
    /** The finished pauses' time, in nanoseconds, and their number. */
    private long pausedNanos;
    private int pauses;
    /** When the current pause began; meaningful while {@link #paused}. */
    private long pauseStartNanos;
    private boolean paused;

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
     * @param count the phase's count, the units done before its clock started ({@link #countFrom}) included
     * @param toGo  units still to do
     * @return the time left at {@code nowNanos}; empty before a unit is done on this clock
     */
    synchronized Optional<Duration> left(long nowNanos, long count, long toGo) {
        long done = count - startDone;
        if (done <= 0) {
            return Optional.empty();
        }
        long inPause = paused ? Math.max(0, nowNanos - pauseStartNanos) : 0;
        long outsidePause = Math.max(0, nowNanos - startNanos - inPause);
        double units = (double) outsidePause / done * Math.max(0, toGo);
        double rest = paused && pauses > 0 ? Math.max(0, (double) pausedNanos / pauses - inPause) : 0;
        return Optional.of(Duration.ofNanos(Math.round(units + rest)));
    }
}
