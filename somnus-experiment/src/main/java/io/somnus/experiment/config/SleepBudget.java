package io.somnus.experiment.config;

/** {@code sleep.budget}: what a sleep fraction costs. */
public enum SleepBudget {
    /** wake data is the same for every f, sleep is added */
    ADDED,
    /** wake + sleep steps are fixed, so more sleep means fewer images */
    FIXED_TOTAL
}
