package io.somnus.sleep;

import io.somnus.core.NumberText;

/**
 * Sleep after every {@code W} wake steps, an episode of {@code round(f/(1−f)·w)} steps where {@code w ≥ W} is the
 * wake since the last episode (W itself when wake comes in units that divide it), so that sleep time / (wake + sleep
 * time) = f. The paper uses W = 35 000 steps (350 images of 100 steps). An episode may end early (the sleep engine's
 * set-point tolerance); the length returned here is its most. Only presentations count: other units are ignored.
 */
public final class EveryWakeSteps extends WakeStepsSinceSleep {
    private final double fraction;
    private final long wakeSteps;

    /**
     * An episode of round(f/(1 − f)·W) steps after every W wake steps (the paper's schedule).
     *
     * @param fraction  the sleep fraction f in [0, 1)
     * @param wakeSteps W, wake steps between episodes (> 0)
     * @throws IllegalArgumentException naming {@code sleep.fraction} or {@code sleep.wake_steps} when out of range
     */
    public EveryWakeSteps(double fraction, long wakeSteps) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("sleep.fraction must be in [0, 1), got " + NumberText.of(fraction));
        }
        if (wakeSteps <= 0) {
            throw new IllegalArgumentException("sleep.wake_steps must be > 0, got " + wakeSteps);
        }
        this.fraction = fraction;
        this.wakeSteps = wakeSteps;
    }

    /** The sleep fraction f, sleep / (wake + sleep) steps, in [0, 1). */
    public double fraction() {
        return fraction;
    }

    /** W, the wake steps between episodes (> 0). */
    public long wakeSteps() {
        return wakeSteps;
    }

    /** Sleep steps of an episode that follows exactly W wake steps. */
    public long episodeSteps() {
        return episodeSteps(wakeSteps);
    }

    /** Sleep steps of an episode that follows {@code wake} wake steps: {@code round(f/(1−f)·wake)}. */
    public long episodeSteps(long wake) {
        return Math.round(fraction / (1 - fraction) * wake);
    }

    @Override
    public boolean sleeps() {
        return fraction > 0 && episodeSteps() > 0;
    }

    @Override
    public long afterWake(WakeUnit unit, long steps) {
        if (unit != WakeUnit.PRESENTATION) {
            return 0;
        }
        sinceSleep += steps;
        if (!sleeps() || sinceSleep < wakeSteps) {
            return 0;
        }
        long episode = episodeSteps(sinceSleep);
        sinceSleep = 0;
        return episode;
    }
}
