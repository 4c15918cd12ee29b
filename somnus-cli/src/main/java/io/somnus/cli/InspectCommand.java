package io.somnus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.sweep.SweepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code somnus inspect}: what a run directory or a preset holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        header = "Shows a run's summary and weights, or a preset's configuration.",
        description = "A run directory: its summary and the shape of each array in weights.npz. A preset or YAML file: "
                + "its configuration, as YAML.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR|PRESET", description = "a run directory, or a preset name / YAML file")
    String target;

    @Override
    public Integer call() throws Exception {
        Path dir = Path.of(target);
        if (Files.isDirectory(dir)) {
            Path summary = dir.resolve(RunDirectory.SUMMARY);
            if (!Files.exists(summary)) {
                throw new CliException(dir + " is not a run directory: it has no " + RunDirectory.SUMMARY
                        + (Files.isDirectory(dir.resolve(SweepRunner.RUNS_DIR))
                                ? "; it holds a sweep: inspect one of its runs (" + dir.resolve(SweepRunner.RUNS_DIR) + "/ID), or see "
                                        + "the whole sweep with 'somnus report " + dir + "'"
                                : ""));
            }
            System.out.println(Summaries.describe(dir));
            Path npz = dir.resolve(RunDirectory.WEIGHTS);
            if (Files.exists(npz)) {
                for (Map.Entry<String, NpyArray> e : Npz.read(npz).entrySet()) {
                    System.out.println("weights " + e.getKey() + " " + Arrays.toString(e.getValue().shape()));
                }
            }
            return 0;
        }
        System.out.print(Configs.toYaml(Configs.loadPreset(target)));
        return 0;
    }
}
