package io.somnus.cli;

import io.somnus.experiment.run.RunExecutor;
import picocli.CommandLine;

/** A sweep with slow fake runs, to watch the progress display: arguments as for {@code somnus sweep}. */
public final class SweepDemo {
    public static void main(String[] args) {
        RunExecutor slow = (config, dir, progress) -> {
            for (int i = 0; i <= 10; i++) {
                progress.update(i < 8 ? "train" : "eval", i, 10);
                Thread.sleep(80);
            }
            Fakes.executor().execute(config, dir, progress);
        };
        System.exit(new CommandLine(new SweepCommand(Fakes.resolver(), slow)).execute(args));
    }
}
