package io.somnus.spark;

import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.sweep.EngineOptions;
import io.somnus.experiment.sweep.SweepEngine;
import io.somnus.experiment.sweep.SweepEngines;
import io.somnus.experiment.sweep.SweepListener;
import java.nio.file.Path;

/** A sweep's driver as a process of its own, to be killed: arguments SWEEP_FILE OUT_DIR MASTER WORKERS. */
public final class SweepDriverMain {
    private SweepDriverMain() { }

    public static void main(String[] args) throws Exception {
        try (SweepEngine engine = SweepEngines.open("spark", new EngineOptions(args[2], 1, null), new StandardRunExecutor())) {
            SweepFiles.support().run(Path.of(args[0]), Path.of(args[1]), engine, Integer.parseInt(args[3]), false,
                    SweepListener.NONE);
        }
    }
}
