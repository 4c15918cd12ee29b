package io.somnus.experiment.config;

/** {@code sleep.wake_clock}: what the wake steps toward the next episode count. */
public enum WakeClock {
    /** every wake step since the last episode, across streams */
    CONTINUOUS,
    /**
     * as continuous, restarted at every stream start (every reset_every_images images): the authors' clock, which
     * restarts with each batch of 300 images, so 8 episodes per batch ({@code src/train.py:415-423 @40b7d33})
     */
    PER_STREAM
}
