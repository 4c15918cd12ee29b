package io.somnus.sg;

import io.somnus.sleep.EveryMinibatches;
import io.somnus.sleep.SleepSchedule;
import java.util.random.RandomGenerator;

/**
 * When the SG-SNN sleeps, given the sleep ratio f ({@link SgConfig#sleepRatio()}) and the episode of
 * {@link SgConfig#sleep()}. Both end up as a {@link SleepSchedule}.
 */
public enum SgSleepSchedule {
    /**
     * After each epoch, with probability f, one episode (the paper, SPEC §4;
     * {@link io.somnus.sleep.AfterEpochWithProbability}). One uniform draw per epoch, also when f is 0.
     */
    PER_EPOCH,
    /**
     * One episode after every ⌊1/f⌋-th minibatch of training, starting with its first, after that minibatch's Adam
     * step; the count runs on across epochs; f = 0 never sleeps ({@link io.somnus.sleep.EveryMinibatches}).
     * This is the schedule of the code behind the authors' recorded SG numbers (docs/fidelity.md, "Sleep schedule").
     */
    EVERY_MINIBATCHES;

    /**
     * The schedule for a run.
     *
     * @param ratio        the sleep ratio f in [0, 1]
     * @param episodeSteps steps of one episode
     * @param decision     the stream of the per-epoch draws (not used by {@link #EVERY_MINIBATCHES})
     */
    SleepSchedule schedule(double ratio, long episodeSteps, RandomGenerator decision) {
        return switch (this) {
            case PER_EPOCH -> SleepSchedule.afterEpochWithProbability(ratio, episodeSteps, decision);
            case EVERY_MINIBATCHES -> ratio == 0 ? SleepSchedule.NEVER
                    : EveryMinibatches.forFraction(ratio, episodeSteps);
        };
    }
}
