package io.somnus.sleep;

/**
 * A run's wake and sleep time: asks its {@link SleepSchedule} after each unit of wake whether to sleep, and counts
 * the wake steps, the sleep steps actually slept (an episode may end early) and the episodes. The achieved sleep
 * fraction, sleep / (wake + sleep) steps, is what results report, not the configured one.
 */
public final class SleepClock {
    private final SleepSchedule schedule;
    private long wakeSteps;
    private long sleepSteps;
    private int episodes;
    private int endedEarly;

    /**
     * A clock at 0 wake and 0 sleep steps, asking {@code schedule} when to sleep (the schedule is stateful: one per
     * clock).
     */
    public SleepClock(SleepSchedule schedule) {
        this.schedule = schedule;
    }

    /** The schedule this clock asks. */
    public SleepSchedule schedule() {
        return schedule;
    }

    /**
     * Counts {@code steps} steps of wake that finish one {@code unit}.
     *
     * @return the most steps of the episode to run now, 0 for none
     */
    public long wake(SleepSchedule.WakeUnit unit, long steps) {
        wakeSteps += steps;
        return schedule.afterWake(unit, steps);
    }

    /** Counts an episode that slept {@code steps} steps. */
    public void slept(long steps, boolean early) {
        sleepSteps += steps;
        episodes++;
        if (early) {
            endedEarly++;
        }
    }

    /**
     * Sets the counts to those of a run being resumed (its schedule's count is the schedule's to restore).
     *
     * @throws IllegalArgumentException for a negative count, or more episodes ended early than episodes
     */
    public void restore(long wakeSteps, long sleepSteps, int episodes, int endedEarly) {
        if (wakeSteps < 0 || sleepSteps < 0 || episodes < 0 || endedEarly < 0 || endedEarly > episodes) {
            throw new IllegalArgumentException("impossible clock: wake " + wakeSteps + ", sleep " + sleepSteps
                    + " steps, " + episodes + " episodes, " + endedEarly + " ended early");
        }
        this.wakeSteps = wakeSteps;
        this.sleepSteps = sleepSteps;
        this.episodes = episodes;
        this.endedEarly = endedEarly;
    }

    /** Wake steps counted so far. */
    public long wakeSteps() {
        return wakeSteps;
    }

    /** Sleep steps actually slept so far (an episode that ended early counts its steps, not its most). */
    public long sleepSteps() {
        return sleepSteps;
    }

    /** Wake plus sleep steps so far: the simulation clock. */
    public long steps() {
        return wakeSteps + sleepSteps;
    }

    /** Episodes slept so far. */
    public int episodes() {
        return episodes;
    }

    /** Episodes that ended before their full length. */
    public int episodesEndedEarly() {
        return endedEarly;
    }

    /** Sleep / (wake + sleep) steps; 0 before any step. */
    public double achievedFraction() {
        long total = wakeSteps + sleepSteps;
        return total == 0 ? 0.0 : (double) sleepSteps / total;
    }
}
