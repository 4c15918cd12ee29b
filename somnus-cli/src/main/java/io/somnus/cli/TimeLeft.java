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
 * Times are nanoseconds of one monotonic clock ({@link System#nanoTime()}), passed in, so that tests choose them.
 */
final class TimeLeft {
    private long startNanos;
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

    /** A new phase from {@code nowNanos}: its own pace, no pauses yet. */
    synchronized void restart(long nowNanos) {
        startNanos = nowNanos;
        pausedNanos = 0;
        pauses = 0;
        paused = false;
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
     * @param done units done in this phase
     * @param toGo units still to do
     * @return the time left at {@code nowNanos}; empty before a unit is done
     */
    synchronized Optional<Duration> left(long nowNanos, long done, long toGo) {
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
