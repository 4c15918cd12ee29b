package io.somnus.experiment.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.model.RunProgress;
import java.nio.file.Path;
import java.util.List;

/**
 * Executes one run: a pure function of its resolved configuration to the files of its run directory
 * (config.yaml, provenance.json, metrics.csv, summary.json, weights.npz, ...). Nothing else is read
 * or written, so that a sweep (or a distributed engine) can execute runs unchanged.
 */
public interface RunExecutor {
    /**
     * @param config   resolved configuration (from a {@link RunConfigResolver})
     * @param runDir   an empty directory to fill; the caller moves it into place when this returns
     * @param progress receives progress reports (may be called from the calling thread only)
     */
    void execute(ObjectNode config, Path runDir, RunProgress progress) throws Exception;

    /**
     * Told before a sweep's runs start which configurations it will execute, so that it may begin reading what they
     * share (datasets) in the background, while the sweep sets up; the runs must not depend on it. Default: nothing.
     */
    default void prefetch(List<ObjectNode> configs) {
    }
}
