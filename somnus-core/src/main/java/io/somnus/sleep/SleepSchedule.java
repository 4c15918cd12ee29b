package io.somnus.sleep;

import java.util.random.RandomGenerator;

/**
 * When sleep happens and how long an episode lasts, for any model. Training reports each finished unit of wake (a
 * presentation, a minibatch, an epoch) with its wake steps, and runs the episode the schedule then asks for; the
 * bookkeeping of what was actually slept (episodes may end early) is a {@link SleepClock}'s.
 * <p>
 * Implementations:
 * <ul>
 *   <li>{@link EveryWakeSteps}: after every W wake steps an episode of f/(1−f)·W steps (STDP-SNN, SPEC §3);</li>
 *   <li>{@link AfterEpochWithProbability}: after each epoch, with probability p, an episode of fixed length (the
 *       paper's SG-SNN, SPEC §4);</li>
 *   <li>{@link EveryMinibatches}: an episode of fixed length every k minibatches, k = ⌊1/f⌋ (the code behind the
 *       authors' recorded SG numbers, docs/fidelity.md).</li>
 * </ul>
 * Schedules are stateful (steps or minibatches since the last episode, a random stream): one per run.
 */
public interface SleepSchedule {
    /** A finished unit of wake after which a schedule may call for sleep. */
    enum WakeUnit {
        /** One training image shown (all its presentations). */
        PRESENTATION,
        /** One minibatch trained (after its optimiser step). */
        MINIBATCH,
        /** One pass over the training set (after its last minibatch). */
        EPOCH
    }

    /** Never sleeps. */
    SleepSchedule NEVER = new SleepSchedule() {
        @Override
        public long afterWake(WakeUnit unit, long steps) {
            return 0;
        }

        @Override
        public boolean sleeps() {
            return false;
        }
    };

    /**
     * Wake has advanced by {@code steps} steps, finishing one {@code unit}.
     *
     * @return the length in steps of the sleep episode to run now (the most it may last), 0 for none
     */
    long afterWake(WakeUnit unit, long steps);

    /** Whether this schedule can ever call for an episode (false: training need not build a sleep engine). */
    boolean sleeps();

    /**
     * Forgets the wake counted toward the next episode, as a clock that restarts (the authors' within-batch clock,
     * {@code src/train.py:415-423 @40b7d33}); schedules that count no wake ignore it.
     */
    default void restart() { }

    /**
     * What the schedule has counted so far, beyond the generator it draws from (a resume snapshot keeps it): the
     * minibatches of {@link EveryMinibatches}; 0 for a schedule that counts nothing.
     */
    default long counted() {
        return 0;
    }

    /** Sets what {@link #counted()} gave, when a run resumes; a schedule that counts nothing takes only 0. */
    default void restoreCounted(long counted) {
        if (counted != 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " counts nothing, got " + counted);
        }
    }

    /** @see EveryWakeSteps */
    static EveryWakeSteps everyWakeSteps(double fraction, long wakeSteps) {
        return new EveryWakeSteps(fraction, wakeSteps);
    }

    /** @see AfterEpochWithProbability */
    static AfterEpochWithProbability afterEpochWithProbability(double probability, long episodeSteps,
                                                               RandomGenerator rng) {
        return new AfterEpochWithProbability(probability, episodeSteps, rng);
    }

    /** @see EveryMinibatches#forFraction */
    static EveryMinibatches everyMinibatches(int minibatches, long episodeSteps) {
        return new EveryMinibatches(minibatches, episodeSteps);
    }
}
