package io.somnus.experiment.sweep;

import io.somnus.experiment.config.ConfigException;
import java.nio.file.Path;

/**
 * What a distributed engine is told from the command line.
 *
 * @param master       the cluster to run on ({@code local[2]}, {@code spark://host:7077}, {@code yarn},
 *                     {@code k8s://...}); null: the engine's default (under spark-submit, the one given there)
 * @param taskAttempts attempts a run's task gets before its run is recorded failed (a lost executor does not
 *                     count), at least 1
 * @param dataDir      a folder of datasets ({@code DIR/<name>/...}) to ship to every executor; null: each executor
 *                     finds or fetches the datasets itself
 */
public record EngineOptions(String master, int taskAttempts, Path dataDir) {
    /** Spark's own default of task attempts. */
    public static final int DEFAULT_TASK_ATTEMPTS = 4;

    /**
     * Checks the attempts.
     *
     * @throws io.somnus.experiment.config.ConfigException if {@code taskAttempts} is below 1 (names --task-attempts)
     */
    public EngineOptions {
        if (taskAttempts < 1) {
            throw new ConfigException("--task-attempts = " + taskAttempts + ": must be at least 1");
        }
    }
}
