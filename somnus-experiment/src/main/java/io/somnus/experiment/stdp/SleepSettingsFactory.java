package io.somnus.experiment.stdp;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.SleepConfig;
import io.somnus.sleep.LinearDecay;
import io.somnus.sleep.LogSpaceDecay;
import io.somnus.sleep.SleepSettings;
import io.somnus.sleep.WeightDecayLaw;

/** Turns the {@code sleep} section of a configuration into {@link SleepSettings}. */
public final class SleepSettingsFactory {
    private SleepSettingsFactory() { }

    public static SleepSettings create(SleepConfig c, double dtMs) {
        try {
            WeightDecayLaw law = switch (c.law()) {
                case LOG -> new LogSpaceDecay(c.lambda(), c.weightNoise());
                case LINEAR -> new LinearDecay(c.tauSleepMs(), c.weightNoise());
            };
            return new SleepSettings(c.noiseStdMv(), c.inputRateHz(), c.plasticity(), law, c.target(), c.targetMagnitude(),
                    c.projections() == null ? java.util.List.of() : c.projections(), c.decayEverySteps(),
                    c.earlyEndTolerance(), c.traceEverySteps());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
