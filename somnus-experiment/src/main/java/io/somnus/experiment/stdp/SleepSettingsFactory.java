package io.somnus.experiment.stdp;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.LastStepSpikes;
import io.somnus.experiment.config.SleepConfig;
import io.somnus.experiment.config.SleepDelivery;
import io.somnus.sleep.LinearDecay;
import io.somnus.sleep.LogSpaceDecay;
import io.somnus.sleep.RatioOfWake;
import io.somnus.sleep.SleepSchedule;
import io.somnus.sleep.SleepSettings;
import io.somnus.sleep.WeightDecayLaw;
import java.util.List;

/** Turns the {@code sleep} section of a configuration into {@link SleepSettings}. */
public final class SleepSettingsFactory {
    private SleepSettingsFactory() { }

    /** The settings of {@code c} for a network stepping {@code dtMs} ms; a ConfigException names a value refused. */
    public static SleepSettings create(SleepConfig c, double dtMs) {
        if (!c.ratioOfWake() && !(c.fraction() < 1)) {
            throw new ConfigException("sleep.fraction must be in [0, 1), got " + c.fraction()
                    + " (1 is allowed only as a ratio of wake, sleep.episode: ratio_of_wake)");
        }
        try {
            WeightDecayLaw law = switch (c.law()) {
                case LOG -> new LogSpaceDecay(c.lambda(), c.weightNoise());
                case LINEAR -> new LinearDecay(c.tauSleepMs(), c.weightNoise());
            };
            return new SleepSettings(c.noiseStdMv(), c.inputRateHz(), c.plasticity(), law, c.target(), c.targetMagnitude(),
                    c.projections() == null ? List.of() : c.projections(), c.decayEverySteps(),
                    c.earlyEndTolerance(), c.traceEverySteps(), c.earlyEnd(), c.keepState(),
                    c.lastWakeInput() == LastStepSpikes.DROPPED, c.delivery() == SleepDelivery.AFTER_DECAY);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** When and how long the run sleeps: the paper's fraction, or the authors' capped ratio of wake. */
    public static SleepSchedule schedule(SleepConfig c) {
        return switch (c.episode()) {
            case FRACTION -> SleepSchedule.everyWakeSteps(c.fraction(), c.wakeSteps());
            case RATIO_OF_WAKE -> new RatioOfWake(c.fraction(), c.wakeSteps(),
                    c.maxEpisodeSteps() == 0 ? Long.MAX_VALUE : c.maxEpisodeSteps());
        };
    }
}
