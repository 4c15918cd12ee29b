package io.somnus.cli;

import io.somnus.experiment.run.RunExecutor;
import io.somnus.experiment.sweep.EngineOptions;
import io.somnus.experiment.sweep.SweepEngine;
import io.somnus.experiment.sweep.SweepEngines;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a sweep's runs execute: {@code --engine}, and the options of a distributed engine (sweep and reproduce). */
final class EngineMixin {
    @Option(names = "--engine", paramLabel = "NAME", description = "where the runs execute: local (this JVM's threads, "
            + "the default) or spark (one Spark task per run; the ledger stays here; see docs/distributed.md)")
    String engine = SweepEngines.LOCAL;

    @Option(names = "--master", paramLabel = "URL", description = "with --engine spark: the cluster, e.g. local[4], "
            + "spark://HOST:7077, yarn, k8s://https://HOST:443 (default: spark-submit's master, else local[*])")
    String master;

    @Option(names = "--task-attempts", paramLabel = "N", description = "with --engine spark: attempts of a run's task "
            + "before the run is recorded failed; a lost executor does not count (default: "
            + EngineOptions.DEFAULT_TASK_ATTEMPTS + ")")
    Integer taskAttempts;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "with --engine spark: ship the datasets in DIR "
            + "(DIR/<name>/...) to every executor, instead of each executor finding or fetching them itself")
    Path dataDir;

    /** The first of these options the command line gave, or null when it gave none (the local engine). */
    String firstGiven() {
        return !SweepEngines.LOCAL.equals(engine) ? "--engine" : master != null ? "--master"
                : taskAttempts != null ? "--task-attempts" : dataDir != null ? "--data-dir" : null;
    }

    /** Whether the runs execute in this JVM (--engine local, the default). */
    boolean local() {
        return SweepEngines.LOCAL.equals(engine);
    }

    /**
     * @param local what the local engine runs each run with
     * @throws io.somnus.experiment.config.ConfigException for an unknown engine or an option it does not take
     */
    SweepEngine open(RunExecutor local) {
        return SweepEngines.open(engine, options(), local);
    }

    /**
     * Refuses what {@link #open} would refuse, without connecting to an engine: {@code sweep --dry-run}'s check.
     *
     * @throws io.somnus.experiment.config.ConfigException for an unknown engine or an option it does not take
     */
    void check() {
        SweepEngines.check(engine, options());
    }

    private EngineOptions options() {
        if (SweepEngines.LOCAL.equals(engine) && taskAttempts != null) {
            throw new CliException("--task-attempts is for a distributed engine (--engine spark); the local engine "
                    + "records a failed run at once, and --resume runs it again");
        }
        return new EngineOptions(master, taskAttempts == null ? EngineOptions.DEFAULT_TASK_ATTEMPTS : taskAttempts,
                dataDir);
    }
}
