package io.somnus.experiment.config;

/**
 * The SG-SNN's {@code sleep} section: the sleep fraction alone (the episode is {@code sg.sleep}; see
 * {@link SgRunConfig#sleep()} for what the fraction means there).
 *
 * @param fraction the sleep fraction f in [0, 1)
 */
public record SleepFractionConfig(double fraction) { }
