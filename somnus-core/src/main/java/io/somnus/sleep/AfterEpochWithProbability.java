package io.somnus.sleep;

import io.somnus.core.NumberText;
import java.util.random.RandomGenerator;

/**
 * After each epoch, with probability p, an episode of a fixed length (the paper's SG-SNN: p = the sleep ratio,
 * 500 iterations × 100 steps). One uniform number is drawn per epoch, even when p is 0, so that runs differing only in
 * p sleep after nested sets of epochs. Other units are ignored (and draw nothing).
 */
public final class AfterEpochWithProbability implements SleepSchedule {
    private final double probability;
    private final long episodeSteps;
    private final RandomGenerator rng;

    /**
     * An episode of {@code episodeSteps} steps after each epoch with probability p (the SG-SNN's schedule).
     *
     * @param probability  p in [0, 1]
     * @param episodeSteps steps of each episode (> 0)
     * @param rng          the run's sleep-decision stream (one draw per epoch)
     * @throws IllegalArgumentException for a p outside [0, 1] or an episode of no step
     */
    public AfterEpochWithProbability(double probability, long episodeSteps, RandomGenerator rng) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("the sleep probability must be in [0, 1], got " + NumberText.of(probability));
        }
        if (episodeSteps <= 0) {
            throw new IllegalArgumentException("sleep episodes must last > 0 steps, got " + episodeSteps);
        }
        this.probability = probability;
        this.episodeSteps = episodeSteps;
        this.rng = rng;
    }

    /** p, the probability of an episode after each epoch, in [0, 1]. */
    public double probability() {
        return probability;
    }

    /** Steps of each episode (> 0). */
    public long episodeSteps() {
        return episodeSteps;
    }

    @Override
    public boolean sleeps() {
        return probability > 0;
    }

    @Override
    public long afterWake(WakeUnit unit, long steps) {
        if (unit != WakeUnit.EPOCH) {
            return 0;
        }
        return rng.nextDouble() < probability ? episodeSteps : 0;
    }
}
