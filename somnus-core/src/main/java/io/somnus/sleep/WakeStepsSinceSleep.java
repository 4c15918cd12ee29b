package io.somnus.sleep;

/**
 * A schedule that sleeps after a number of wake steps: what it counts is the wake steps since its last episode,
 * which a restart forgets and a resume snapshot keeps.
 */
abstract class WakeStepsSinceSleep implements SleepSchedule {
    /** Wake steps (presentations' steps) since the last episode, or since the start. */
    long sinceSleep;

    @Override
    public void restart() {
        sinceSleep = 0;
    }

    /** The wake steps since the last episode (a resume snapshot keeps them). */
    @Override
    public long counted() {
        return sinceSleep;
    }

    @Override
    public void restoreCounted(long counted) {
        if (counted < 0) {
            throw new IllegalArgumentException("wake steps since the last episode must be >= 0, got " + counted);
        }
        sinceSleep = counted;
    }
}
