package io.somnus.cli;

import io.somnus.experiment.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.sweep.SweepCommandSupport;
import io.somnus.experiment.sweep.SweepResult;
import io.somnus.experiment.sweep.SweepSummaryTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code somnus sweep}: a grid of runs from one file, in parallel, resumable. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a grid of runs (presets × datasets × sleep fractions × seeds × any field) in parallel.",
                "Each run's state is kept in DIR/ledger.sqlite; --resume continues an interrupted sweep."})
final class SweepCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "the sweep file (YAML)")
    Path config;
    @Option(names = "--out", required = true, description = "the sweep directory")
    Path out;
    @Option(names = "--workers", description = "parallel runs (default: the number of cores)")
    Integer workers;
    @Option(names = "--resume", description = "continue the sweep in --out, keeping finished runs")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        SweepResult r = run(config, out, workers == null ? SweepCommandSupport.defaultWorkers() : workers, resume);
        System.out.println(SweepSummaryTable.format(r));
        return r.allDone() ? 0 : SweepResult.EXIT_RUNS_FAILED;
    }

    static SweepResult run(Path config, Path out, int workers, boolean resume) throws Exception {
        if (workers < 1) {
            throw new CliException("--workers must be >= 1, got " + workers);
        }
        SweepCommandSupport support = new SweepCommandSupport(new StandardResolver(), new StandardRunExecutor());
        try (SweepProgress progress = new SweepProgress()) {
            return support.run(config, out, workers, resume, progress);
        }
    }
}
