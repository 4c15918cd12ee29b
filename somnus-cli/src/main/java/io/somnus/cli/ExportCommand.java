package io.somnus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.data.FileHashes;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.JsonFiles;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.Safetensors;
import io.somnus.experiment.stdp.SpikeExchange;
import io.somnus.experiment.sweep.SweepLedger;
import io.somnus.experiment.sweep.SweepRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code somnus export}: a run's weights as a safetensors file, which PyTorch opens without numpy's zip reader. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Writes a run's weights as a safetensors file, for PyTorch users.",
        description = "Reads a run's weights.npz (an STDP-SNN's or an SG-SNN's: every array, under its own name) and "
                + "writes weights.safetensors beside it, or to --out FILE, which safetensors.torch.load_file and "
                + "safetensors.numpy.load_file open (Hugging Face's format: a JSON header, then each tensor's bytes). "
                + "The run's files are left as they were. The tensors are ordered as safetensors' own writer orders "
                + "them (wider element types first, then by name); the header's __metadata__ holds the run's model, "
                + "preset, dataset, seed and somnus_version, the source file and its SHA-256, and the layout "
                + "(weights.npz: dense [pre][post]). With --network: the run's network.npz (train --save-network: "
                + "weights by synapse with their pre and post neurons, int32, and θ, float64) to network.safetensors "
                + "instead. A sweep directory: every finished run in it, each into its own directory. Exit status 0 "
                + "when every file was written, 2 when a run or --out was refused (no such run, a run without the "
                + ".npz, a directory where the file goes, an --out that cannot be written or is another file than a "
                + "safetensors one (read by its first bytes); a run without it or with "
                + "such a directory writes no run's file) (docs/run-directory.md).")
final class ExportCommand implements Callable<Integer> {
    /** The one format written; the option names it so that a second can come without changing the command. */
    static final String SAFETENSORS = "safetensors";
    /** weights.npz's layout, for the metadata: what a PyTorch user needs to read the matrices the right way round. */
    static final String WEIGHTS_LAYOUT = "dense [pre][post] per projection (row i: presynaptic neuron i, column j: "
            + "postsynaptic neuron j; 0 where no synapse), named as the run's projections; 1-D arrays: an SG-SNN "
            + "layer's biases; torch.nn.Linear's weight is the transpose (docs/run-directory.md)";
    /** network.npz's layout. */
    static final String NETWORK_LAYOUT = "by synapse: projection.NAME.weights (float32) with each synapse's pre and "
            + "post neuron (projection.NAME.pre, projection.NAME.post, int32) and, where drawn, delay in steps "
            + "(projection.NAME.delay_steps, int32); population.NAME.theta_mv: the adaptive threshold in mV "
            + "(float64); simulation.dt_ms (float64) (docs/run-directory.md)";

    @Parameters(paramLabel = "RUN_DIR|SWEEP_DIR", description = "a run directory, or a sweep directory (its runs)")
    Path target;
    @Option(names = "--format", paramLabel = "FORMAT", description = "the file format: safetensors (the only one; "
            + "default)")
    String format = SAFETENSORS;
    @Option(names = "--network", description = "export network.npz (a run trained with --save-network) to "
            + "network.safetensors, in place of weights.npz")
    boolean network;
    @Option(names = "--out", paramLabel = "FILE", description = "the file to write (default: beside the run's .npz, "
            + "its name ending in .safetensors); one run only")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!format.equals(SAFETENSORS)) {
            throw new CliException("--format " + format + ": the only format is " + SAFETENSORS + " (the run's "
                    + RunDirectory.WEIGHTS + " is the numpy one)");
        }
        if (!Files.exists(target)) {
            throw new CliException(target + " does not exist; give a run directory (or a sweep directory)");
        }
        if (!Files.isDirectory(target)) {
            throw new CliException(target + " is a file; give its run directory (or a sweep directory)");
        }
        List<Path> runs = runs();
        if (out != null) {
            if (!RunDirectory.isRun(target)) {
                throw new CliException("--out " + out + " names one file, and " + target + " is a sweep of "
                        + runs.size() + " runs: leave --out out, and each run's file is written into its own directory");
            }
            requireWritable(out, target);
        }
        for (Path run : runs) { // every run first: a sweep's file missing from its fifth run writes none
            if (!Files.isRegularFile(run.resolve(sourceName()))) {
                throw new CliException(run + " has no " + sourceName() + (network ? ": only a run trained with "
                        + "--save-network has one" : ": the run did not finish, or the file was removed"));
            }
            requireNoDirectoryInPlace(run);
        }
        PrintWriter printed = spec.commandLine().getOut();
        for (Path run : runs) {
            Path source = run.resolve(sourceName());
            Path file = out != null ? out : run.resolve(exportName());
            Map<String, NpyArray> arrays = read(source);
            try {
                Safetensors.write(file, arrays, metadata(run, source));
            } catch (FileSystemException e) {
                throw new CliException("cannot write " + file + " (" + AtomicFiles.reason(e) + "); choose an --out "
                        + "where you may write");
            }
            printed.println(file + ": " + arrays.size() + " tensors from " + source.getFileName() + ", "
                    + Files.size(file) + " bytes");
        }
        printed.flush();
        return 0;
    }

    /** The run directories to export: {@link #target} itself, or a sweep's finished runs. */
    private List<Path> runs() throws IOException {
        if (RunDirectory.isRun(target)) {
            return List.of(target);
        }
        if (!SweepLedger.isSweepDirectory(target)) {
            throw new CliException(target + " is not a run directory: it has no " + RunDirectory.SUMMARY + " (nor is "
                    + "it a sweep directory: no " + SweepLedger.FILE_NAME + ")");
        }
        Path runsDir = target.resolve(SweepRunner.RUNS_DIR);
        List<Path> finished = List.of();
        if (Files.isDirectory(runsDir)) {
            try (Stream<Path> s = Files.list(runsDir)) {
                finished = s.filter(RunDirectory::isRun).sorted().toList();
            }
        }
        if (finished.isEmpty()) {
            throw new CliException(target + " is a sweep with no finished run in " + runsDir);
        }
        return finished;
    }

    private String sourceName() {
        return network ? SpikeExchange.NETWORK : RunDirectory.WEIGHTS;
    }

    /** weights.safetensors or network.safetensors: the source's name with the format's extension. */
    private String exportName() {
        return exportName(sourceName());
    }

    private static String exportName(String source) {
        return source.substring(0, source.lastIndexOf('.')) + Safetensors.EXTENSION;
    }

    /** The files export writes into a run directory (without --out): weights.safetensors, network.safetensors. */
    static Set<String> filesInRun() {
        return Set.of(exportName(RunDirectory.WEIGHTS), exportName(SpikeExchange.NETWORK));
    }

    /** Every array of {@code npz}, checked whole first: reading streams its entries, and a file cut after them passes. */
    private static Map<String, NpyArray> read(Path npz) throws IOException {
        Npz.verify(npz);
        return Npz.read(npz);
    }

    /**
     * Refuses an --out that names a directory, lies under a file, is one of the run's own files (which export never
     * changes), or is another file than a safetensors one, told by its first bytes whatever its name (a typo'd --out
     * replaced a user's file unasked), before anything is read. An earlier export's file is replaced, as a rerun
     * expects.
     */
    private void requireWritable(Path file, Path run) throws IOException {
        if (Files.isDirectory(file)) {
            throw new CliException("--out " + file + " is a directory; give the file to write, e.g. "
                    + file.resolve(exportName()));
        }
        RunDirectories.requireNoFileAbove("--out", file);
        for (String own : Stream.concat(RunDirectory.FILES.stream(), Stream.of(SpikeExchange.NETWORK)).toList()) {
            Path runFile = run.resolve(own);
            if (Files.exists(file) && Files.exists(runFile) && Files.isSameFile(file, runFile)) {
                throw new CliException("--out " + file + " is the run's own " + own + ", which export leaves as it "
                        + "is; give another file, e.g. " + run.resolve(exportName()));
            }
        }
        if (Files.isRegularFile(file) && !Safetensors.beginsWithHeader(file)) {
            throw new CliException("--out " + file + " already exists and is not a " + SAFETENSORS + " file, which "
                    + "export would replace; remove it first, or give another file, e.g. " + run.resolve(exportName()));
        }
    }

    /**
     * Refuses a directory where the run's file goes (without --out): the rename into place replaced an empty one
     * unasked, and a full one failed with "directory not empty" and the advice to choose an --out, which a sweep has not.
     */
    private void requireNoDirectoryInPlace(Path run) {
        Path file = run.resolve(exportName());
        if (out == null && Files.isDirectory(file)) {
            throw new CliException(file + " is a directory, where export writes the run's " + exportName()
                    + "; move or remove it" + (RunDirectory.isRun(target) ? ", or give --out FILE" : ""));
        }
    }

    /** The header's {@code __metadata__}: what the run was, where the tensors came from, and how to read them. */
    private Map<String, String> metadata(Path run, Path source) throws IOException {
        Map<String, String> meta = new TreeMap<>();
        JsonNode summary = JsonFiles.readObject(run.resolve(RunDirectory.SUMMARY));
        for (String key : List.of("model", "preset", "dataset", "seed")) {
            if (summary.hasNonNull(key)) {
                meta.put(key, summary.get(key).asText());
            }
        }
        Path provenance = run.resolve(RunDirectory.PROVENANCE);
        if (Files.isRegularFile(provenance)) {
            JsonNode version = JsonFiles.readObject(provenance).path("somnus_version");
            if (version.isTextual()) {
                meta.put("somnus_version", version.asText());
            }
        }
        meta.put("source", source.getFileName().toString());
        meta.put("source_sha256", FileHashes.sha256(source));
        meta.put("layout", network ? NETWORK_LAYOUT : WEIGHTS_LAYOUT);
        return meta;
    }
}
