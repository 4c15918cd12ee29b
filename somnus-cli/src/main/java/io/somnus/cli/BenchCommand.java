package io.somnus.cli;

import io.somnus.core.CpuInfo;
import io.somnus.data.LabeledImages;
import io.somnus.experiment.bench.SgThroughput;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.bench.Throughput;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.validation.Brian2SideBySide;
import io.somnus.experiment.validation.SgTorchReference;
import io.somnus.kernel.KernelChoice;
import io.somnus.kernel.Kernels;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgThreading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code somnus bench}: training and evaluation throughput of the STDP-SNN presets, training of the SG-SNN ones. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Measures the presets' training and evaluation throughput.",
        description = {"STDP-SNN presets: training (plasticity on, one thread) and evaluation (plasticity off, 1 and 2 "
                        + "threads) in images/s and synaptic events/s, and the peak heap.",
                "SG-SNN presets (paper-sg, paper-sg-code, sg-fc): training images/s (BPTT + Adam, no sleep) of one "
                        + "run on 1 and on 2 threads, each with OPENBLAS_NUM_THREADS BLAS threads; their timed images "
                        + "are --sg-images."})
final class BenchCommand implements Callable<Integer> {
    /** The options of the STDP-SNN rows alone: given where only SG-SNN presets run, they would change nothing. */
    static final List<String> STDP_ROW_OPTIONS = List.of("--images", "--eval-images", "--threads", "--kernels");

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "PRESET", split = ",", completionCandidates = Candidates.Presets.class,
            description = "presets (default: paper,diehl-cook)")
    List<String> presets = List.of("paper", "diehl-cook");
    @Option(names = "--excitatory", paramLabel = "N", split = ",", description = "diehl-cook sizes N_e (default: 100,400; --full adds 1600,6400)")
    List<Integer> sizes;
    @Option(names = "--full", description = "also N_e = 1600 and 6400")
    boolean full;
    @Option(names = "--dataset", paramLabel = "NAME", completionCandidates = Candidates.Datasets.class, description = "dataset (default: ${DEFAULT-VALUE})")
    String dataset = "fashion-mnist";
    @Option(names = "--images", paramLabel = "N", description = "timed training images of an STDP-SNN preset "
            + "(default: ${DEFAULT-VALUE})")
    int images = 300;
    @Option(names = "--warmup", paramLabel = "N", description = "warm-up images (default: ${DEFAULT-VALUE}); an SG-SNN row warms up on "
            + "whole minibatches, at least two")
    int warmup = 100;
    @Option(names = "--eval-images", paramLabel = "N", description = "timed evaluation images of an STDP-SNN preset "
            + "(default: ${DEFAULT-VALUE})")
    int evalImages = 1000;
    @Option(names = "--threads", paramLabel = "N", split = ",", description = "evaluation threads of an STDP-SNN preset (default: 1,2)")
    List<Integer> threads = List.of(1, 2);
    @Option(names = "--kernels", paramLabel = "KERNEL", split = ",", description = "STDP-SNN kernels to compare: auto, scalar, vector "
            + "(default: auto)")
    List<String> kernels = List.of("auto");
    @Option(names = "--repeats", paramLabel = "N", description = "measurements per row; the median is printed (default: ${DEFAULT-VALUE})")
    int repeats = 3;
    @Option(names = "--sg-images", paramLabel = "N", description = "timed training images of an SG-SNN preset (default: 2560)")
    Integer sgImagesGiven; // null: not given, so that it is refused where no SG-SNN preset runs

    /** Timed training images of an SG-SNN row: --sg-images, or 2560. */
    int sgImages() {
        return sgImagesGiven == null ? 2560 : sgImagesGiven;
    }
    @Option(names = "--pytorch", description = "also train each SG-SNN preset's network in PyTorch (validation/pytorch, "
            + "Debian python3-torch) on the threads of each Somnus row (a run's threads times OpenBLAS's): images/s of each")
    boolean pytorch;
    @Option(names = "--brian2", description = "also run Brian2 (validation/brian2, Debian python3-brian) on the same "
            + "diehl-cook network and input spikes as Somnus: time per image of each, and their agreement")
    boolean brian2;
    @Option(names = "--brian2-images", paramLabel = "N", description = "images of the Brian2 comparison (default: ${DEFAULT-VALUE})")
    int brian2Images = 20;
    @Option(names = "--brian2-device", paramLabel = "DEVICE", description = "runtime or cpp_standalone (needs g++) (default: ${DEFAULT-VALUE})")
    String brian2Device = "runtime";
    @Option(names = "--brian2-rounds", paramLabel = "N", description = "after the comparison, rounds in which Somnus and Brian2's compiled "
            + "binary take turns on its images; the median of the rounds' ratios is the figure to quote (cpp_standalone "
            + "only; default: 5 with cpp_standalone, 0 with runtime)")
    Integer brian2Rounds;

    /** An SG-SNN row's warm-up images: --warmup in whole minibatches, at least two (the JIT compiles the step in them). */
    int sgWarmup(int batchSize) {
        return Math.max(2, (warmup + batchSize - 1) / batchSize) * batchSize;
    }

    @Override
    public Integer call() throws Exception {
        for (Map.Entry<String, Integer> count : List.of(Map.entry("--images", images), Map.entry("--eval-images",
                evalImages), Map.entry("--repeats", repeats), Map.entry("--brian2-images", brian2Images))) {
            if (count.getValue() < 1) {
                throw new CliException(count.getKey() + " must be >= 1, got " + count.getValue());
            }
        }
        if (warmup < 0) {
            throw new CliException("--warmup must be >= 0, got " + warmup);
        }
        // an option for rows that will not run would be ignored: refuse it by name
        if (sizes != null && full) {
            throw new CliException("--full adds N_e = 1600 and 6400 to the default sizes; with --excitatory, name the "
                    + "sizes there");
        }
        if (pytorch && presets.stream().noneMatch(SgThroughput::isSg)) {
            throw new CliException("--pytorch compares the SG-SNN presets (paper-sg, paper-sg-code, sg-fc); the presets "
                    + "given (" + String.join(",", presets) + ") have none");
        }
        if (!brian2 && (brian2Rounds != null || !brian2Device.equals("runtime"))) {
            throw new CliException((brian2Rounds != null ? "--brian2-rounds" : "--brian2-device") + " is for the Brian2 "
                    + "comparison: add --brian2");
        }
        if (sizes != null && presets.stream().noneMatch(BenchCommand::isDiehlCook)) {
            throw new CliException("--excitatory sets the diehl-cook presets' N_e; the presets given (" + String.join(",",
                    presets) + ") have their own sizes");
        }
        if (!brian2Device.equals("runtime") && !brian2Device.equals("cpp_standalone")) {
            throw new CliException("--brian2-device must be runtime or cpp_standalone, got '" + brian2Device + "'");
        }
        int rounds = brian2Rounds != null ? brian2Rounds : brian2Device.equals("cpp_standalone") ? 5 : 0;
        if (rounds < 0) {
            throw new CliException("--brian2-rounds must be >= 0, got " + rounds);
        }
        if (rounds > 0 && !brian2Device.equals("cpp_standalone")) {
            throw new CliException("--brian2-rounds needs --brian2-device cpp_standalone (rounds rerun Brian2's compiled "
                    + "binary), got --brian2-device " + brian2Device);
        }
        Path home = Path.of(System.getProperty("somnus.home", "."));
        Path scripts = home.resolve("validation").resolve("brian2");
        Path torchScripts = home.resolve("validation").resolve("pytorch");
        if (pytorch) {
            String why = SgTorchReference.unavailable(torchScripts);
            if (why != null) {
                throw new CliException("--pytorch: " + why);
            }
        }
        if (sgImagesGiven != null && presets.stream().noneMatch(SgThroughput::isSg)) {
            throw new CliException("--sg-images is for the SG-SNN presets (paper-sg, paper-sg-code, sg-fc); the presets "
                    + "given (" + String.join(",", presets) + ") have none");
        }
        if (sgImages() < 1) {
            throw new CliException("--sg-images must be >= 1, got " + sgImages());
        }
        for (int n : sizes == null ? List.<Integer>of() : sizes) {
            if (n < 1) {
                throw new CliException("--excitatory: every size N_e must be >= 1, got " + n);
            }
        }
        for (int t : threads) {
            if (t < 1) {
                throw new CliException("--threads: every thread count must be >= 1, got " + t);
            }
        }
        if (brian2) {
            String why = Brian2SideBySide.unavailable(scripts);
            if (why != null) {
                throw new CliException("--brian2: " + why);
            }
        }
        for (String preset : presets) { // every preset and the dataset resolved before anything is printed or run
            try {
                if (SgThroughput.isSg(preset)) {
                    SgThroughput.config(preset, dataset, sgImages());
                } else {
                    Throughput.config(preset, isDiehlCook(preset) ? 100 : 200, dataset, 1);
                }
            } catch (ConfigException e) {
                throw new CliException("--preset " + preset + (dataset == null ? "" : " with --dataset " + dataset)
                        + ": " + e.getMessage());
            }
        }
        // after the presets resolved: an unknown one is named as such, not by an option it makes look misplaced
        if (presets.stream().allMatch(SgThroughput::isSg)) {
            for (String option : STDP_ROW_OPTIONS) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new CliException(option + " is for the STDP-SNN presets' rows; the presets given ("
                            + String.join(",", presets) + ") are SG-SNN presets, whose timed images are --sg-images");
                }
            }
        }
        List<Kernels> chosen = new ArrayList<>();
        for (String k : kernels) {
            try {
                chosen.add(Kernels.named(k));
            } catch (IllegalArgumentException e) {
                throw new CliException("--kernels: " + e.getMessage());
            }
        }
        // The Brian2 comparison first, in a JVM that has run nothing else yet, as Brian2's process: Somnus's side, then
        // Brian2's and the rounds of the two taking turns (after the preset rows the same images ran slower); printed
        // after the rows
        Brian2SideBySide.SomnusSide brian2Somnus = null;
        Brian2SideBySide.Result brian2Result = null;
        List<Brian2SideBySide.Round> brian2RoundList = List.of();
        Kernels somnusKernels = null;
        if (brian2) {
            System.out.println("Somnus and Brian2 on the Brian2 comparison's images: measured first (the comparison "
                    + "follows the rows)");
            somnusKernels = Kernels.preferred();
            brian2Somnus = Brian2SideBySide.measureSomnus(brian2Images, 100, Files.createTempDirectory("somnus-brian2-"),
                    somnusKernels);
            brian2Result = Brian2SideBySide.compare(scripts, brian2Device, brian2Somnus);
            if (brian2Result.agree() && rounds > 0) {
                brian2RoundList = Brian2SideBySide.alternate(brian2Somnus, rounds, somnusKernels);
            }
        }
        // SG-SNN rows: N_e/H is the hidden width, kernels the engine, synapses the weights
        System.out.printf("%-13s %6s %-11s %-9s %7s %7s %10s %8s %10s %14s %10s %12s %10s%n", "preset", "N_e/H", "kernels",
                "mode", "threads", "images", "images/s", "pres/img", "pres/s", "syn. events/s", "E spk/img", "synapses",
                "CPU img/s");
        for (String preset : presets) {
            if (SgThroughput.isSg(preset)) {
                sgRows(preset, torchScripts);
                continue;
            }
            List<Integer> ns = isDiehlCook(preset)
                    ? (sizes != null ? sizes : full ? List.of(100, 400, 1600, 6400) : List.of(100, 400)) : List.of(0);
            for (int n : ns) {
                StdpRunConfig cfg = Throughput.config(preset, n > 0 ? n : 200, dataset, Math.max(images + warmup, evalImages));
                LabeledImages data = Throughput.data(cfg);
                for (Kernels k : chosen) {
                    print(k, median(() -> Throughput.training(cfg, data, warmup, images, k)));
                    for (int t : threads) {
                        print(k, median(() -> Throughput.evaluation(cfg, data, evalImages, t, k)));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "peak heap %.0f MiB; Java %s, %d cores; %s%n", Throughput.peakHeapMiB(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), CpuInfo.description());
        if (kernels.stream().anyMatch(k -> k.trim().equalsIgnoreCase("auto"))) {
            System.out.println(autoLine(Kernels.preferredChoice()));
        }
        if (brian2) {
            Brian2SideBySide.Result r = brian2Result;
            System.out.printf(Locale.ROOT, "%nSame network (diehl-cook N_e = 100, forward Euler, training) and input spikes, "
                    + "%d images, simulation loop only:%n", brian2Somnus.images());
            double[] runs = brian2Somnus.runsMsPerImage();
            System.out.printf(Locale.ROOT, "  Somnus (%s)       %9.2f ms/image   (%d runs of these images in %.1f s, each "
                    + "%.2f–%.2f)%n", somnusKernels.name(), brian2Somnus.msPerImage(), runs.length, brian2Somnus.seconds(),
                    runs[0], runs[runs.length - 1]);
            System.out.printf(Locale.ROOT, "  Brian2 %-14s %9.2f ms/image   (Somnus %.0f× faster)%n", r.device(),
                    r.brian2MsPerImage(), r.brian2MsPerImage() / brian2Somnus.msPerImage());
            System.out.printf("%s%n", r.comparison());
            if (!brian2RoundList.isEmpty()) {
                brian2Rounds(brian2RoundList);
            }
            System.out.printf("files: %s%n", brian2Somnus.work());
            return r.agree() ? 0 : 1;
        }
        return 0;
    }

    /** The presets whose size --excitatory sets (diehl-cook and diehl-cook-recurrent). */
    private static boolean isDiehlCook(String preset) {
        return preset.startsWith("diehl-cook");
    }

    /** Prints each round of Somnus and Brian2 taking turns, and the median (range) of their ratios. */
    private static void brian2Rounds(List<Brian2SideBySide.Round> rounds) {
        System.out.printf("%nSomnus's runs of these images and Brian2's compiled binary taking turns, %d rounds:%n",
                rounds.size());
        for (int k = 0; k < rounds.size(); k++) {
            Brian2SideBySide.Round r = rounds.get(k);
            System.out.printf(Locale.ROOT, "  round %d   Somnus %6.2f ms/image   Brian2 %7.2f ms/image   %6.1f×%n", k + 1,
                    r.somnusMsPerImage(), r.brian2MsPerImage(), r.ratio());
        }
        double[] ratios = rounds.stream().mapToDouble(Brian2SideBySide.Round::ratio).sorted().toArray();
        System.out.printf(Locale.ROOT, "  Somnus faster by %.1f× (median of the rounds' ratios; %.1f–%.1f×)%n",
                Brian2SideBySide.medianRatio(rounds), ratios[0], ratios[ratios.length - 1]);
    }

    /** Training rows of an SG-SNN preset: Somnus, and PyTorch with --pytorch; each the median of the repeats. */
    private void sgRows(String preset, Path torchScripts) throws IOException, InterruptedException {
        SgRunConfig cfg = SgThroughput.config(preset, dataset, sgImages());
        LabeledImages data = SgThroughput.data(cfg);
        SgConfig sg = SgThroughput.sgConfig(cfg, data);
        // one run on one thread, then on two (somnus.sg.threads: the same numbers; OpenBLAS keeps its threads)
        int processors = Runtime.getRuntime().availableProcessors();
        int maxThreads = Math.min(2, processors);
        for (int runThreads = 1; runThreads <= maxThreads; runThreads++) {
            try (SgThreading.Scope scope = SgThreading.use(runThreads == 1 ? SgThreading.ONE : SgThreading.TWO)) {
                List<Double> somnus = new ArrayList<>();
                for (int k = 0; k < repeats; k++) {
                    somnus.add(SgThroughput.training(sg, data, k == 0 ? sgWarmup(sg.batchSize()) : 0, sgImages()));
                }
                printSg(preset, sg, "somnus-blas", runThreads, median(somnus)); // OpenBLAS stays at its own threads
            }
        }
        if (pytorch) {
            // the same threads as each Somnus row: its run's threads, each with the BLAS's
            int blas = SgThreading.blasThreads();
            for (int runThreads = 1; runThreads <= maxThreads; runThreads++) {
                int threads = Math.min(runThreads * blas, processors);
                Path work = Files.createTempDirectory("somnus-pytorch-");
                double torch = SgTorchReference.benchTraining(torchScripts, sg, Math.max(1, sgImages() / sg.batchSize()),
                        threads, repeats, work);
                printSg(preset, sg, "pytorch", threads, torch);
                if (threads == processors) {
                    break;
                }
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private void printSg(String preset, SgConfig sg, String engine, int threads, double imagesPerSecond) {
        long weights = (long) sg.inputs() * sg.hidden() + (long) sg.hidden() * sg.outputs();
        System.out.printf(Locale.ROOT, "%-13s %6d %-11s %-9s %7d %7d %10.1f %8s %10s %14s %10s %12d%n", preset,
                sg.hidden(), engine, "train", threads, sgImages(), imagesPerSecond, "-", "-", "-", "-", weights);
        System.out.flush();
    }

    /** The row with the median images/s of {@code repeats} measurements. */
    private Throughput.Row median(Supplier<Throughput.Row> measure) {
        List<Throughput.Row> rows = new ArrayList<>();
        for (int k = 0; k < repeats; k++) {
            rows.add(measure.get());
        }
        rows.sort(Comparator.comparingDouble(Throughput.Row::imagesPerSecond));
        return rows.get(rows.size() / 2);
    }

    private static void print(Kernels k, Throughput.Row r) {
        boolean training = !Double.isNaN(r.presentationsPerImage());
        System.out.printf(Locale.ROOT, "%-13s %6d %-11s %-9s %7d %7d %10.1f %8s %10s %14s %10.1f %12d %10s%n", r.preset(),
                r.excitatory(), k.name(), r.mode(), r.threads(), r.images(), r.imagesPerSecond(),
                training ? String.format(Locale.ROOT, "%.3f", r.presentationsPerImage()) : "-",
                training ? String.format(Locale.ROOT, "%.1f", r.presentationsPerSecond()) : "-",
                Double.isNaN(r.synapticEventsPerSecond()) ? "-" : String.format(Locale.ROOT, "%.3g", r.synapticEventsPerSecond()),
                r.eSpikesPerImage(), r.synapses(),
                Double.isNaN(r.cpuImagesPerSecond()) ? "-" : String.format(Locale.ROOT, "%.1f", r.cpuImagesPerSecond()));
        System.out.flush();
    }

    /** How {@code auto} chose (the width, on 512-bit machines, included): source and each candidate's ns per step. */
    static String autoLine(KernelChoice c) {
        StringBuilder b = new StringBuilder("kernels auto = ").append(c.kernels().name()).append(" (").append(c.source());
        if (!c.nanosPerStep().isEmpty()) {
            b.append("; median ns per calibration step:");
            c.nanosPerStep().forEach((name, ns) -> b.append(String.format(Locale.ROOT, " %s %.0f", name, ns)));
        }
        if (c.cacheFile() != null) {
            b.append("; ").append(c.cacheFile());
        }
        return b.append(')').toString();
    }
}
