package io.somnus.sleep;

import io.somnus.core.NumberText;

/**
 * The sleep dose of the authors' code as it ran (docs/fidelity.md §1.5): after every W wake steps an episode of
 * {@code max(1, round(W·ratio))} steps ({@code src/train.py:363-366 @40b7d33}), capped at {@code maxEpisodeSteps}
 * ({@code sleep_max_iters}, 10 000 in the recorded runs, {@code train.py:471}). Unlike {@link EveryWakeSteps} the
 * ratio is sleep per wake, not sleep per total time, and the cap makes every ratio above cap/W the same dose.
 * An episode may still end early (the sleep engine's set-point test); the length here is its most.
 */
public final class RatioOfWake extends WakeStepsSinceSleep {
    private final double ratio;
    private final long wakeSteps;
    private final long maxEpisodeSteps;

    /**
     * @param ratio           sleep steps per wake step, ≥ 0 (0 = never sleep)
     * @param wakeSteps       W, wake steps between episodes (> 0)
     * @param maxEpisodeSteps the cap on an episode's steps (> 0)
     * @throws IllegalArgumentException naming the value out of range ({@code sleep.fraction}, {@code sleep.wake_steps}
     *                                  or the cap)
     */
    public RatioOfWake(double ratio, long wakeSteps, long maxEpisodeSteps) {
        if (!(ratio >= 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("sleep.fraction (a ratio of wake here) must be >= 0 and finite, got " + NumberText.of(ratio));
        }
        if (wakeSteps <= 0) {
            throw new IllegalArgumentException("sleep.wake_steps must be > 0, got " + wakeSteps);
        }
        if (maxEpisodeSteps <= 0) {
            throw new IllegalArgumentException("sleep.max_episode_steps must be > 0, got " + maxEpisodeSteps);
        }
        this.ratio = ratio;
        this.wakeSteps = wakeSteps;
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    /** The most steps of one episode: min(max(1, round(W·ratio)), cap), 0 when the ratio is 0. */
    public long episodeSteps() {
        if (ratio == 0) {
            return 0;
        }
        return Math.min(Math.max(1, Math.round(wakeSteps * ratio)), maxEpisodeSteps);
    }

    @Override
    public boolean sleeps() {
        return episodeSteps() > 0;
    }

    @Override
    public long afterWake(WakeUnit unit, long steps) {
        if (unit != WakeUnit.PRESENTATION || !sleeps()) {
            return 0;
        }
        sinceSleep += steps;
        if (sinceSleep < wakeSteps) {
            return 0;
        }
        sinceSleep = 0;
        return episodeSteps();
    }
}
