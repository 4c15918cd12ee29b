package io.somnus.experiment.sweep;

import java.util.List;

/**
 * Receives a sweep's progress, for progress bars and logs. Worker threads call the run methods
 * concurrently, so implementations must be thread-safe. Workers are numbered from 1.
 */
public interface SweepListener {
    /**
     * The sweep is planned and checked; {@code toRun} will execute, {@code alreadyDone} runs an earlier invocation
     * finished are skipped (a resumed sweep's time left learns from what they measured).
     */
    default void started(SweepPlan plan, List<PlannedRun> toRun, List<FinishedRun> alreadyDone) {}

    /** A remark worth a log line (resumed, leftovers deleted, aggregates written). */
    default void message(String line) {}

    /** Run {@code runId} starts on worker {@code worker} (from 1). */
    default void runStarted(int worker, String runId) {}

    /**
     * The run just started on {@code worker} goes on from its resume snapshot at {@code from}, in words ("image 41 of
     * 100", {@link io.somnus.experiment.run.ResumePoint#inWords(long, int)}), {@code left} of its work still to do, per
     * phase ({@link SweepEta#leftAtResume}); {@code from} null and {@code left} the whole run's where it runs again from
     * the start after all, its snapshot refused.
     */
    default void runResumed(int worker, String runId, String from, RunWork left) {}

    /** Relayed {@link io.somnus.experiment.model.RunProgress} updates of the run on {@code worker}. */
    default void runProgress(int worker, String runId, String phase, long done, long total) {}

    /**
     * Relayed {@link io.somnus.experiment.model.RunProgress#note}s of the run on {@code worker}: what {@code phase}
     * spends its time on while its count waits (a checkpoint's readouts); the phase's next update ends it.
     */
    default void runNote(int worker, String runId, String phase, String note) {}

    /** The run on {@code worker} ended, done or failed ({@link RunOutcome#status()}). */
    default void runFinished(int worker, RunOutcome outcome) {}

    /** Every run has finished (or the sweep stopped). */
    default void finished(SweepResult result) {}

    /** A listener that ignores everything. */
    SweepListener NONE = new SweepListener() {};
}
