package io.somnus.experiment.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.model.SnapshotTrigger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Executes one run: a pure function of its resolved configuration to the files of its run directory
 * (config.yaml, provenance.json, metrics.csv, summary.json, weights.npz, ...). Nothing else is read
 * or written, so that a sweep (or a distributed engine) can execute runs unchanged.
 *
 * <p>Its methods declare the checked exceptions a run can meet, {@link IOException} and {@link InterruptedException},
 * and no other: a configuration refused ({@link io.somnus.experiment.config.ConfigException}), a data set not found
 * ({@link io.somnus.data.DatasetException}), a damaged file ({@link io.somnus.experiment.io.FileFormatException}) and a
 * diverged simulation ({@link io.somnus.network.NonFiniteStateException}) are unchecked, and so is a run that failed
 * on the machine a distributed engine executed it on ({@link RemoteRunException}, naming the run).
 */
public interface RunExecutor {
    /**
     * @param config   resolved configuration (from a {@link RunConfigResolver})
     * @param runDir   an empty directory to fill; the caller moves it into place when this returns
     * @param progress receives progress reports (may be called from the calling thread only)
     * @throws IOException          when a file the run reads or writes cannot be (a data file, the run directory)
     * @throws InterruptedException when the thread is interrupted while the run waits (an executor that waits on
     *                              another process or machine, as Spark's; {@link StandardRunExecutor} never waits so)
     */
    void execute(ObjectNode config, Path runDir, RunProgress progress) throws IOException, InterruptedException;

    /**
     * Whether {@link #resume} can go on with a run cut short from the resume snapshot in its directory (an STDP-SNN
     * or SG-SNN run's, docs/run-directory.md, "Resume snapshot"). Default: no.
     */
    default boolean resumes() {
        return false;
    }

    /**
     * Goes on with the run cut short in {@code runDir} (its config.yaml, tables so far and resume snapshot) and
     * finishes its files as {@link #execute} would have. Default: {@link #resume(Path, RunProgress,
     * java.util.function.Consumer)}, told nothing.
     *
     * @throws io.somnus.experiment.config.ConfigException or {@link io.somnus.experiment.io.FileFormatException} when
     *         the run cannot be resumed (no snapshot, a damaged one, another configuration, a model without resume)
     * @throws IOException          as {@link #execute}
     * @throws InterruptedException as {@link #execute}
     */
    default void resume(Path runDir, RunProgress progress) throws IOException, InterruptedException {
        resume(runDir, progress, at -> { });
    }

    /**
     * As {@link #resume(Path, RunProgress)}, telling {@code goingOn} where the run goes on ({@link ResumePoint}) once
     * its snapshot has passed the checks, before the run's data is loaded. Default: not supported.
     *
     * @throws UnsupportedOperationException by default, naming the executor's class
     * @throws IOException                   as {@link #execute}
     * @throws InterruptedException          as {@link #execute}
     */
    default void resume(Path runDir, RunProgress progress, Consumer<ResumePoint> goingOn)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume a run");
    }

    /**
     * Sets when the STDP-SNN runs it executes from now on take a resume snapshot between two checkpoints: a fresh
     * trigger from {@code triggers} for each run ({@code sweep --snapshot-minutes}; docs/run-directory.md, "Resume
     * snapshot"). It changes no number. Default: ignored (an executor whose runs are never resumed, as a Spark
     * executor's, which start again).
     */
    default RunExecutor snapshotTriggers(Supplier<SnapshotTrigger> triggers) {
        return this;
    }

    /**
     * Told before a sweep's runs start which configurations it will execute, so that it may begin reading what they
     * share (datasets) in the background, while the sweep sets up; the runs must not depend on it. Default: nothing.
     */
    default void prefetch(List<ObjectNode> configs) {
    }

    /**
     * Refuses, before a sweep's runs start, a dataset that none of these configurations could load where this
     * executor runs them (not found there and not downloadable), so that a sweep does not fail each of its runs on it
     * one by one. Default: checks nothing (an executor whose runs find their data elsewhere, as a cluster's).
     *
     * @throws io.somnus.experiment.config.ConfigException naming the dataset and how to get it
     */
    default void checkData(List<ObjectNode> configs) {
    }
}
