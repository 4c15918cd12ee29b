package io.somnus.experiment.stdp;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.ProjectionConfig;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.InitialWeights;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.sleep.DecayTarget;

/**
 * The control whose weights start where sleep pulls them ({@code train.initial_weights: sleep_target}): every
 * projection that sleep decays ({@code sleep.projections}, or every plastic one when that list is empty) starts
 * with all its weights at the constant target |w_tgt| ({@code sleep.target_magnitude}), signed like the
 * projection's configured {@code weight} (sleep keeps each weight's sign). With plasticity off, such a network
 * has the weight scale sleep restores and nothing learned.
 */
final class SleepTargetWeights {
    private SleepTargetWeights() { }

    /**
     * The value every weight of {@code pc} starts at, or NaN when the projection keeps its preset initialisation.
     *
     * @throws ConfigException when the sleep target is not a constant, or the projection's weight has no sign
     */
    static double initialWeight(StdpRunConfig cfg, ProjectionConfig pc) {
        if (!cfg.train().startsAtSleepTarget() || !decayedBySleep(cfg, pc)) {
            return Double.NaN;
        }
        if (cfg.sleep().target() != DecayTarget.CONSTANT) {
            throw new ConfigException("train.initial_weights: '" + Choices.of(InitialWeights.SLEEP_TARGET)
                    + "' needs sleep.target: constant (a fixed magnitude to start at), got '"
                    + Choices.of(cfg.sleep().target()) + "'");
        }
        double sign = Math.signum(pc.weight());
        if (sign == 0) {
            throw new ConfigException("projections." + pc.name() + ".weight is 0: train.initial_weights: '"
                    + Choices.of(InitialWeights.SLEEP_TARGET) + "' takes each projection's sign from its weight");
        }
        return sign * cfg.sleep().targetMagnitude();
    }

    private static boolean decayedBySleep(StdpRunConfig cfg, ProjectionConfig pc) {
        var listed = cfg.sleep().projections();
        return listed == null || listed.isEmpty() ? pc.plasticity() != null : listed.contains(pc.name());
    }
}
