package io.somnus.experiment.sweep;

/**
 * Opens a {@link SweepEngine} other than the local one: a module that brings one (somnus-spark) registers its
 * provider in {@code META-INF/services/io.somnus.experiment.sweep.SweepEngineProvider}, so that the CLI needs no
 * compile-time dependency on it.
 */
public interface SweepEngineProvider {
    /** The name {@code --engine} selects it by. */
    String name();

    /**
     * Connects to the engine (e.g. starts a Spark application).
     *
     * @throws io.somnus.experiment.config.ConfigException for options it cannot use, naming the option
     */
    SweepEngine open(EngineOptions options);
}
