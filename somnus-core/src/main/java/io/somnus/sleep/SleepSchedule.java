package io.somnus.sleep;

/**
 * When sleep happens: after every {@code wakeSteps} steps of wake, an episode of
 * {@code round(f/(1−f)·wakeSteps)} sleep steps, so that sleep time / (wake + sleep time) = f.
 * The paper uses W = 35 000 steps (350 images of 100 steps).
 *
 * @param fraction  the sleep fraction f in [0, 1)
 * @param wakeSteps W, wake steps between episodes (> 0)
 */
public record SleepSchedule(double fraction, long wakeSteps) {
    public SleepSchedule {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("sleep.fraction must be in [0, 1), got " + fraction);
        }
        if (wakeSteps <= 0) {
            throw new IllegalArgumentException("sleep.wake_steps must be > 0, got " + wakeSteps);
        }
    }

    /** Sleep steps per episode. */
    public long episodeSteps() {
        return Math.round(fraction / (1 - fraction) * wakeSteps);
    }

    public boolean sleeps() {
        return fraction > 0 && episodeSteps() > 0;
    }
}
