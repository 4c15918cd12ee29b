package io.somnus.experiment.config;

/** {@code sleep.delivery}: with which weights a sleep step's spikes reach their targets, given that step's decay. */
public enum SleepDelivery {
    /** the weights before the step's decay: every step delivers its spikes within itself (Somnus's order) */
    BEFORE_DECAY,
    /**
     * the weights after it: the authors' loop delivers a sleep step's spikes at its next update, after that step's
     * {@code sleep_func} ({@code src/train.py:611-632, 654-666 @40b7d33})
     */
    AFTER_DECAY
}
