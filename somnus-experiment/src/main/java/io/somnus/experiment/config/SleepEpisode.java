package io.somnus.experiment.config;

/** {@code sleep.episode}: how long an episode is, from {@code sleep.fraction} and {@code sleep.wake_steps} W. */
public enum SleepEpisode {
    /** f/(1−f)·W steps, so that sleep is the fraction f of all time, f in [0, 1) (the paper) */
    FRACTION,
    /** max(1, round(W·r)) steps capped at {@code sleep.max_episode_steps}, r in [0, 1] (the authors' code) */
    RATIO_OF_WAKE
}
