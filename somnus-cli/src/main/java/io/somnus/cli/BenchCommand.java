package io.somnus.cli;

import io.somnus.data.LabeledImages;
import io.somnus.experiment.bench.Throughput;
import io.somnus.experiment.config.RunConfig;
import io.somnus.kernel.Kernels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code somnus bench}: training and evaluation throughput of the STDP-SNN presets. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures training (plasticity on, one thread) and evaluation (plasticity off, 1 and 2 threads)",
                "throughput in images/s and synaptic events/s, and the peak heap."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--preset", split = ",", description = "presets (default: paper,diehl-cook)")
    List<String> presets = List.of("paper", "diehl-cook");
    @Option(names = "--excitatory", split = ",", description = "diehl-cook sizes N_e (default: 100,400; --full adds 1600,6400)")
    List<Integer> sizes;
    @Option(names = "--full", description = "also N_e = 1600 and 6400")
    boolean full;
    @Option(names = "--dataset", description = "dataset (default: ${DEFAULT-VALUE})")
    String dataset = "fashion-mnist";
    @Option(names = "--images", description = "timed training images (default: ${DEFAULT-VALUE})")
    int images = 300;
    @Option(names = "--warmup", description = "warm-up images (default: ${DEFAULT-VALUE})")
    int warmup = 100;
    @Option(names = "--eval-images", description = "timed evaluation images (default: ${DEFAULT-VALUE})")
    int evalImages = 1000;
    @Option(names = "--threads", split = ",", description = "evaluation threads (default: 1,2)")
    List<Integer> threads = List.of(1, 2);
    @Option(names = "--kernels", split = ",", description = "kernels to compare: auto, scalar, vector (default: auto)")
    List<String> kernels = List.of("auto");
    @Option(names = "--repeats", description = "measurements per row; the median is printed (default: ${DEFAULT-VALUE})")
    int repeats = 3;

    @Override
    public Integer call() {
        if (images < 1 || warmup < 0 || evalImages < 1 || repeats < 1) {
            throw new CliException("--images, --eval-images and --repeats must be >= 1 and --warmup >= 0");
        }
        List<Kernels> chosen = new ArrayList<>();
        for (String k : kernels) {
            try {
                chosen.add(Kernels.named(k));
            } catch (IllegalArgumentException e) {
                throw new CliException("--kernels: " + e.getMessage());
            }
        }
        System.out.printf("%-12s %6s %-11s %-9s %7s %7s %10s %14s %10s %12s%n", "preset", "N_e", "kernels", "mode",
                "threads", "images", "images/s", "syn. events/s", "E spk/img", "synapses");
        Kernels before = Kernels.active();
        try {
            for (String preset : presets) {
                List<Integer> ns = preset.startsWith("diehl-cook")
                        ? (sizes != null ? sizes : full ? List.of(100, 400, 1600, 6400) : List.of(100, 400)) : List.of(0);
                for (int n : ns) {
                    RunConfig cfg = Throughput.config(preset, n > 0 ? n : 200, dataset, Math.max(images + warmup, evalImages));
                    LabeledImages data = Throughput.data(cfg);
                    for (Kernels k : chosen) {
                        Kernels.use(k);
                        print(k, median(() -> Throughput.training(cfg, data, warmup, images)));
                        for (int t : threads) {
                            print(k, median(() -> Throughput.evaluation(cfg, data, evalImages, t)));
                        }
                    }
                }
            }
        } finally {
            Kernels.use(before);
        }
        System.out.printf(Locale.ROOT, "peak heap %.0f MiB; Java %s, %d cores%n", Throughput.peakHeapMiB(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        return 0;
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
        System.out.printf(Locale.ROOT, "%-12s %6d %-11s %-9s %7d %7d %10.1f %14s %10.1f %12d%n", r.preset(),
                r.excitatory(), k.name(), r.mode(), r.threads(), r.images(), r.imagesPerSecond(),
                Double.isNaN(r.synapticEventsPerSecond()) ? "-" : String.format(Locale.ROOT, "%.3g", r.synapticEventsPerSecond()),
                r.eSpikesPerImage(), r.synapses());
        System.out.flush();
    }
}
