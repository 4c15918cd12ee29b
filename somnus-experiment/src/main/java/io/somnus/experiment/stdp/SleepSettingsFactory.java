package io.somnus.experiment.stdp;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.SleepConfig;
import io.somnus.sleep.DecayTarget;
import io.somnus.sleep.LinearDecay;
import io.somnus.sleep.LogSpaceDecay;
import io.somnus.sleep.SleepSettings;
import io.somnus.sleep.WeightDecayLaw;

/** Turns the {@code sleep} section of a configuration into {@link SleepSettings}. */
public final class SleepSettingsFactory {
    private SleepSettingsFactory() { }

    public static SleepSettings create(SleepConfig c, double dtMs) {
        if (!(c.fraction() >= 0 && c.fraction() < 1)) {
            throw new ConfigException("sleep.fraction must be in [0, 1), got " + c.fraction());
        }
        if (c.wakeSteps() <= 0) {
            throw new ConfigException("sleep.wake_steps must be > 0, got " + c.wakeSteps());
        }
        if (!"added".equals(c.budget()) && !"fixed_total".equals(c.budget())) {
            throw new ConfigException("sleep.budget: '" + c.budget() + "'; use added or fixed_total");
        }
        try {
            WeightDecayLaw law = switch (c.law()) {
                case "log" -> new LogSpaceDecay(c.lambda(), c.weightNoise());
                case "linear" -> new LinearDecay(c.tauSleepMs(), c.weightNoise());
                default -> throw new ConfigException("sleep.law: '" + c.law() + "'; use log or linear");
            };
            DecayTarget target = switch (c.target()) {
                case "constant" -> DecayTarget.CONSTANT;
                case "projection_mean" -> DecayTarget.PROJECTION_MEAN;
                case "post_mean" -> DecayTarget.POST_MEAN;
                default -> throw new ConfigException("sleep.target: '" + c.target() + "'; use constant, projection_mean or post_mean");
            };
            return new SleepSettings(c.noiseStdMv(), c.inputRateHz(), c.plasticity(), law, target, c.targetMagnitude(),
                    c.projections() == null ? java.util.List.of() : c.projections(), c.decayEverySteps(),
                    c.earlyEndTolerance(), c.traceEverySteps());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
