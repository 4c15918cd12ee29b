package io.somnus.spark;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.sweep.EngineOptions;
import io.somnus.experiment.sweep.SweepEngine;
import io.somnus.experiment.sweep.SweepEngineProvider;

/**
 * {@code --engine spark}, found by {@link java.util.ServiceLoader}. Touches no Spark class itself, so that a
 * class path without Spark gets a clear message instead of a {@link NoClassDefFoundError}.
 */
public final class SparkEngineProvider implements SweepEngineProvider {
    @Override
    public String name() {
        return SparkSweepEngine.NAME;
    }

    @Override
    public SweepEngine open(EngineOptions options) {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkEngineProvider.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException("--engine spark: Apache Spark is not on the class path. Build the project with "
                    + "'mvn install' (./somnus then adds somnus-spark/target/lib), or start the sweep with spark-submit "
                    + "(docs/distributed.md)");
        }
        return SparkSweepEngine.open(options);
    }
}
