package io.somnus.experiment.run;

import io.somnus.experiment.ConfigException;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.io.NpyArray;
import java.util.Map;

/** Trains the surrogate-gradient SNN of a configuration (model {@code sg}). */
public final class SgRun {
    public record Result(Map<String, Object> summary, Map<String, NpyArray> arrays) { }

    private SgRun() { }

    public static Result run(RunConfig cfg, PreparedData data, RunRecorder recorder) {
        throw new ConfigException("model sg is not available in this build");
    }
}
