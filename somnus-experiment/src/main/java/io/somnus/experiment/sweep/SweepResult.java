package io.somnus.experiment.sweep;

import io.somnus.experiment.stats.AggregateResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of one invocation of a sweep.
 *
 * @param outDir    the sweep directory
 * @param name      the sweep's name
 * @param outcomes  every run of the sweep, in plan order
 * @param wall      wall time of this invocation
 * @param aggregate the aggregates written afterwards (null when no run is done, or when a run's files could not be
 *                  read to aggregate them: the listener's message says which)
 */
public record SweepResult(Path outDir, String name, List<RunOutcome> outcomes, Duration wall, AggregateResult aggregate) {
    /** Exit status when every run is done. */
    public static final int EXIT_OK = 0;
    /** Exit status when at least one run failed (or did not finish); distinct from usage (2) and crash (1). */
    public static final int EXIT_RUNS_FAILED = 3;

    /** Keeps an unmodifiable copy of {@code outcomes}. */
    public SweepResult {
        outcomes = List.copyOf(outcomes);
    }

    /** Runs in the sweep's plan, done or not (0 for an empty plan). */
    public int total() {
        return outcomes.size();
    }

    /** Runs done, whether now or earlier. */
    public long done() {
        return outcomes.stream().filter(o -> o.status() == RunStatus.DONE).count();
    }

    /** Runs done by an earlier invocation and skipped now. */
    public long skipped() {
        return outcomes.stream().filter(RunOutcome::skipped).count();
    }

    /** Runs that ended with an error in this invocation or an earlier one and are not done. */
    public long failed() {
        return outcomes.stream().filter(o -> o.status() == RunStatus.FAILED).count();
    }

    /** Whether every run of the plan is done (true for an empty plan). */
    public boolean allDone() {
        return done() == total();
    }

    /** {@link #EXIT_OK} when every run is done, else {@link #EXIT_RUNS_FAILED}. */
    public int exitCode() {
        return allDone() ? EXIT_OK : EXIT_RUNS_FAILED;
    }
}
