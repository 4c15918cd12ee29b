package io.somnus.experiment.sweep;

import io.somnus.experiment.run.RunExecutor;
import java.util.function.Consumer;

/**
 * Where a sweep's runs execute. The {@link SweepRunner} on this machine plans the grid and keeps the ledger
 * whatever the engine; an engine only turns one run's configuration into the files of its directory
 * ({@link #executor()}), with up to {@link #defaultWorkers()} runs in flight. {@code local} is this JVM's
 * threads ({@link #local}); others (somnus-spark) are found by name through {@link SweepEngines}.
 */
public interface SweepEngine extends AutoCloseable {
    /** The engine's name, as given to {@code --engine}. */
    String name();

    /** Executes one run into a directory on this machine, wherever the work itself is done. */
    RunExecutor executor();

    /** Runs in flight when {@code --workers} is not given: this machine's processors, or a cluster's cores. */
    int defaultWorkers();

    /**
     * Says the engine's own notices (Spark's: a run's task attempt that failed and is retried, an executor lost)
     * through {@code say} from now on, e.g. a sweep listener's {@link SweepListener#message}, which the CLI prints above
     * its progress bars; {@code null}, and until the first call: on stderr. Default: nothing (the local engine has no
     * notices of its own).
     */
    default void noticesTo(Consumer<String> say) { }

    /** Releases the engine's resources (a cluster connection); the local engine holds none. */
    @Override
    void close();

    /** The threads of this JVM, each run on {@code executor}. */
    static SweepEngine local(RunExecutor executor) {
        return new SweepEngine() {
            @Override
            public String name() {
                return SweepEngines.LOCAL;
            }

            @Override
            public RunExecutor executor() {
                return executor;
            }

            @Override
            public int defaultWorkers() {
                return SweepCommandSupport.defaultWorkers();
            }

            @Override
            public void close() { }
        };
    }
}
