package io.somnus.sleep;

import io.somnus.core.NumberText;

/**
 * An episode of a fixed length after every k-th minibatch of training, counting from its first: after minibatches
 * 0, k, 2k, … (0-based), the count running on across epochs. This is the schedule of the code behind the authors'
 * recorded SG-SNN numbers (docs/fidelity.md, "Sleep schedule": one 25-step iteration every ⌊1/f⌋ minibatches,
 * starting at minibatch 0, after that batch's optimiser step, counted by {@code global_iter_counter}, set to 0 once
 * per run, {@code snntorch/main.py:640, 803 @de54a77}): where k does not divide the minibatches per epoch, the
 * minibatches that sleep shift from epoch to epoch. Until 6 Dec 2026 the count restarted with every epoch.
 */
public final class EveryMinibatches implements SleepSchedule {
    private final int minibatches;
    private final long episodeSteps;
    /** Minibatches finished since training began. */
    private long trained;

    /**
     * An episode of {@code episodeSteps} steps after every k minibatches.
     *
     * @param minibatches  k (>= 1)
     * @param episodeSteps steps of each episode (> 0)
     * @throws IllegalArgumentException for a k below 1 or an episode of no step
     */
    public EveryMinibatches(int minibatches, long episodeSteps) {
        if (minibatches < 1) {
            throw new IllegalArgumentException("sleep every k minibatches needs k >= 1, got " + minibatches);
        }
        if (episodeSteps <= 0) {
            throw new IllegalArgumentException("sleep episodes must last > 0 steps, got " + episodeSteps);
        }
        this.minibatches = minibatches;
        this.episodeSteps = episodeSteps;
    }

    /**
     * k = ⌊1/f⌋ for a sleep fraction f in (0, 1] (f = 0.4 and 0.5 both give 2, f ≥ 0.6 gives 1).
     *
     * @throws IllegalArgumentException for an f outside (0, 1] or an episode of no step
     */
    public static EveryMinibatches forFraction(double fraction, long episodeSteps) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("sleep every ⌊1/f⌋ minibatches needs f in (0, 1], got " + NumberText.of(fraction));
        }
        return new EveryMinibatches((int) Math.min(Integer.MAX_VALUE, Math.floor(1 / fraction)), episodeSteps);
    }

    /** k, the minibatches from one episode to the next (≥ 1). */
    public int minibatches() {
        return minibatches;
    }

    /** Steps of each episode (> 0). */
    public long episodeSteps() {
        return episodeSteps;
    }

    @Override
    public boolean sleeps() {
        return true;
    }

    @Override
    public long counted() {
        return trained;
    }

    @Override
    public void restoreCounted(long counted) {
        if (counted < 0) {
            throw new IllegalArgumentException("minibatches trained must be >= 0, got " + counted);
        }
        trained = counted;
    }

    @Override
    public long afterWake(WakeUnit unit, long steps) {
        if (unit != WakeUnit.MINIBATCH) { // an epoch's end neither sleeps nor restarts the count
            return 0;
        }
        long index = trained++;
        return index % minibatches == 0 ? episodeSteps : 0;
    }
}
