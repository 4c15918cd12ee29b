package io.somnus.experiment.config;

/** {@code sleep.law}: how weights decay toward the target during sleep. */
public enum SleepLaw {
    /** |w| ← w_tgt·(|w|/w_tgt)^λ per step ({@link io.somnus.sleep.LogSpaceDecay}) */
    LOG,
    /** linear relaxation with τ_sleep ({@link io.somnus.sleep.LinearDecay}) */
    LINEAR
}
