package io.somnus.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigDifferences;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.FieldReference;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.NpyHeader;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.sweep.SweepLedger;
import io.somnus.experiment.sweep.SweepRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code somnus inspect}: what a run directory, a sweep directory or a preset holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        header = "Shows a run's summary, a sweep's runs, a preset, or every field.",
        description = "A run directory: its summary, where its preset re-presents images (diehl-cook) the "
                + "presentations per image of its first and last stretch between checkpoints (metrics.csv's "
                + "presentations), the classes of one's own it loaded (rule: class, model: class: "
                + "where each came from, its class files' short SHA-256), the fields its configuration changed from its "
                + "preset, and the shape of each array in weights.npz. A sweep directory: the classes of one's own its "
                + "runs load, each run's state and attempts as its ledger records them (runs in the report's order: "
                + "preset, dataset and variant as the sweep file lists them, sleep fraction, seed), and whether the last attempt "
                + "went on from a resume snapshot (from where) or started afresh. A bundled preset: its "
                + "file, with the comments that explain its values. A YAML file: its configuration as read. --fields: every "
                + "configuration field.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR|SWEEP_DIR|PRESET", arity = "0..1", description = "a run directory, a sweep "
            + "directory, or a preset name / YAML file")
    String target;
    @Option(names = "--fields", description = "list every configuration field: the models it belongs to, the values "
            + "allowed and the presets' values (docs/fields.md)")
    boolean fields;
    @Spec
    CommandSpec spec;

    /**
     * What the run changed from its bundled preset (a sweep's grid, --set, options); for a whole configuration file of
     * its own (a composed network), that it has no bundled preset to differ from.
     */
    private static void presetDifferences(Path dir, PrintWriter out) throws IOException {
        Path config = dir.resolve(RunDirectory.CONFIG);
        if (Files.isRegularFile(config)) {
            Optional<ConfigDifferences.FromPreset> differences = ConfigDifferences.ofRun(config);
            String name = Mappers.YAML.readTree(config.toFile()).path("preset").asText();
            differences.ifPresent(d -> {
                // a changes file's run is named after the file (preset: ff, base_preset: paper)
                String of = name.equals(d.preset()) ? "preset " + d.preset() : name + ", preset " + d.preset();
                out.println("configuration: " + of + (d.changes().isEmpty() ? " as it is" : ", changed:"));
                d.changes().forEach(c -> out.println("    " + c));
            });
            if (differences.isEmpty()) {
                out.println("configuration: a whole file of its own (preset " + name + " is no bundled preset, so no "
                        + "changes to list); " + config + " holds every field");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (fields == (target != null)) {
            throw new CliException(fields ? "--fields lists the fields of every configuration: give it without "
                    + target : "give a run directory or a preset (or a YAML file), or --fields");
        }
        if (fields) {
            out.print(FieldReference.markdown());
            out.flush();
            return 0;
        }
        Path dir = Path.of(target);
        if (target.contains("/") && !Files.exists(dir)) {
            throw new CliException(target + " does not exist (inspect takes a run or sweep directory, a preset's name or a "
                    + "YAML file)");
        }
        if (Files.isDirectory(dir)) {
            Path summary = dir.resolve(RunDirectory.SUMMARY);
            if (!Files.exists(summary) && SweepLedger.isSweepDirectory(dir)) {
                SweepListing.lines(dir).forEach(out::println);
                out.println("(a run's summary: somnus inspect " + dir.resolve(SweepRunner.RUNS_DIR) + "/ID; the whole "
                        + "sweep: somnus report " + dir + ")");
                out.flush();
                return 0;
            }
            if (!Files.exists(summary)) {
                throw new CliException(dir + " is not a run directory: it has no " + RunDirectory.SUMMARY
                        + (Files.isDirectory(dir.resolve(SweepRunner.RUNS_DIR))
                                ? "; it holds a sweep: inspect one of its runs (" + dir.resolve(SweepRunner.RUNS_DIR) + "/ID), or see "
                                        + "the whole sweep with 'somnus report " + dir + "'"
                                : ""));
            }
            out.println(Summaries.describe(dir));
            Summaries.presentationStretches(dir).forEach(out::println);
            Summaries.userClasses(dir).forEach(out::println);
            for (String w : Summaries.configurationWarnings(dir)) { // train said them once, when it started
                out.println("warning (when it ran): " + w);
            }
            presetDifferences(dir, out);
            Path npz = dir.resolve(RunDirectory.WEIGHTS);
            if (Files.exists(npz)) {
                Npz.verify(npz); // reading streams the entries: a file cut after them would pass
                // the headers alone: a diehl-cook N_e = 6 400 run's arrays are 330 MB, its shapes a few bytes
                for (Map.Entry<String, NpyHeader> e : Npz.list(npz).entrySet()) {
                    out.println("weights " + e.getKey() + " " + Arrays.toString(e.getValue().shape()));
                }
            }
            out.flush();
            return 0;
        }
        if (Configs.PRESETS.contains(target)) {
            // the file as written: its comments say why each value is what it is
            out.print(Configs.presetText(target));
            out.println("# (with options: somnus train --preset " + target + " ... --print-config)");
            out.flush();
            return 0;
        }
        Path parent = dir.toAbsolutePath().getParent();
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (!name.equals(RunDirectory.CONFIG) && RunDirectory.FILES.contains(name) && parent != null
                && Files.isRegularFile(parent.resolve(RunDirectory.SUMMARY))) {
            // a run's record, not a configuration: read as YAML it would be echoed as one
            throw new CliException(target + " is a run's " + name + ", not a configuration: inspect the run directory, "
                    + "somnus inspect " + parent);
        }
        ObjectNode tree = Configs.loadPreset(target);
        if (tree.has("presets") && tree.has("sleep_fractions")) {
            throw new CliException(target + " is a sweep file, not a configuration: see its runs with somnus sweep "
                    + "--config " + target + " --dry-run");
        }
        try {
            Configs.bind(tree); // a file that is no configuration is refused, naming its first wrong field
        } catch (ConfigException e) {
            throw new CliException(target + " is not a configuration: " + e.getMessage());
        }
        out.print(Configs.toYaml(tree));
        out.flush();
        return 0;
    }
}
