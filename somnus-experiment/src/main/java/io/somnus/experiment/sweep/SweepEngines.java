package io.somnus.experiment.sweep;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.run.RunExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds a {@link SweepEngine} by name: {@code local}, or one a module on the class path provides. */
public final class SweepEngines {
    /** The engine of today: a thread pool in this JVM. */
    public static final String LOCAL = "local";

    private SweepEngines() { }

    /**
     * @param name          {@code local} or a provider's name ({@code spark})
     * @param options       for a distributed engine; the local engine takes none of them
     * @param localExecutor what the local engine runs each run with
     * @throws ConfigException for an unknown or absent engine, or options the local engine does not take
     */
    public static SweepEngine open(String name, EngineOptions options, RunExecutor localExecutor) {
        SweepEngineProvider provider = check(name, options);
        return provider == null ? SweepEngine.local(localExecutor) : provider.open(options);
    }

    /**
     * What {@link #open} refuses before it connects, refused without connecting (a sweep's {@code --dry-run}).
     *
     * @return the provider of the engine {@code name}, or null for the local engine
     * @throws ConfigException for an unknown or absent engine, or options the local engine does not take
     */
    public static SweepEngineProvider check(String name, EngineOptions options) {
        if (name == null || name.equals(LOCAL)) {
            if (options.master() != null || options.dataDir() != null) {
                throw new ConfigException((options.master() != null ? "--master" : "--data-dir")
                        + " is for a distributed engine (--engine spark); the local engine runs in this JVM and finds "
                        + "datasets as 'somnus datasets' shows");
            }
            return null;
        }
        List<String> known = new ArrayList<>(List.of(LOCAL));
        for (SweepEngineProvider p : ServiceLoader.load(SweepEngineProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
            known.add(p.name());
        }
        throw new ConfigException("--engine " + name + ": no such engine here; available: " + String.join(", ", known)
                + (name.equals("spark") ? " (the spark engine is the somnus-spark module: build it with 'mvn install', "
                + "or use the jar for spark-submit, see docs/distributed.md)" : ""));
    }
}
