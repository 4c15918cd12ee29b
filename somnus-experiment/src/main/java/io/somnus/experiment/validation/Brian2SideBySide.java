package io.somnus.experiment.validation;

import io.somnus.experiment.io.Npz;
import io.somnus.kernel.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hipparchus.stat.descriptive.rank.Median;

/**
 * Somnus and Brian2 on the same diehl-cook network and the same input spikes: Somnus runs K images (after
 * {@link #WARMUP_RUNS} JIT warm-up runs on other images, then for {@link #MEASURED_SECONDS} from the same fresh network)
 * and exports its inputs ({@link #measureSomnus}), then the Brian2 script of {@code validation/brian2} runs them and
 * {@code compare.py} checks the agreement ({@link #compare}); with cpp_standalone, the two then take turns on the same
 * images ({@link #alternate}). Needs Debian's {@code python3-brian} under {@code /usr/bin/python3}.
 */
public final class Brian2SideBySide {
    /** The interpreter that has Brian2 (Debian's; a pyenv {@code python3} first on PATH may not). */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    /**
     * What was measured: simulation-loop time per image of each (Brian2's excludes code generation and
     * compilation; Somnus's in {@code somnus}), and compare.py's verdict and report.
     *
     * @param somnus           Somnus's side, measured first
     * @param brian2MsPerImage Brian2's simulation-loop wall time per image (ms)
     * @param device           Brian2's device: {@code runtime} or {@code cpp_standalone}
     * @param agree            whether compare.py found the two simulators in agreement (its exit status 0)
     * @param comparison       compare.py's report, as it printed it
     */
    public record Result(SomnusSide somnus, double brian2MsPerImage, String device, boolean agree, String comparison) { }

    /**
     * Runs like the measured one before it, each on a fresh network (other images): the measured images are a fresh
     * network's first, busy ones (many E spikes, STDP's dense walks), and the JIT compiles those paths for them only
     * after several such runs (one left them several times slower than twenty: docs/performance-rounds.md, eighteenth
     * round); Brian2's figure leaves out its compilation likewise.
     */
    static final int WARMUP_RUNS = 20;

    /**
     * Seconds of simulation that Somnus's figure spans, near the 3–4 s of Brian2's single timed run of the same images.
     * The measured images are run again (each time from the same fresh network, so the same work) until the runs add
     * up to this, at least {@link #MIN_MEASURED_RUNS} and at most {@link #MAX_MEASURED_RUNS} times, and the figure is
     * their total time per image, as Brian2's is. A hundred images take Somnus about 50 ms, and on a shared host its
     * speed switches between two levels about 1.4× apart, for tenths of a second to seconds, as another thread comes
     * and goes on the same physical core: five such runs, often all in one level, put ten JVMs at 0.44–0.78 ms per
     * image (docs/performance-rounds.md, twenty-sixth and twenty-seventh rounds; scripts/host-probe shows the level).
     */
    static final double MEASURED_SECONDS = 2.0;
    static final int MIN_MEASURED_RUNS = 5;
    static final int MAX_MEASURED_RUNS = 50;
    private static final String INPUTS = "inputs.npz";
    private static final String SOMNUS_OUT = "somnus_out.npz";

    private Brian2SideBySide() { }

    /** Why the comparison cannot run here, or null when it can. */
    public static String unavailable(Path scripts) throws IOException, InterruptedException {
        if (!Files.isRegularFile(scripts.resolve("diehl_cook_brian2.py"))) {
            return "no Brian2 scripts in " + scripts + " (run from the Somnus checkout)";
        }
        if (!Files.isExecutable(PYTHON) || run(List.of(PYTHON.toString(), "-c", "import brian2"), scripts, null) != 0) {
            return "Brian2 is not installed for " + PYTHON + ": apt-get install python3-brian (or ./scripts/install-deps)";
        }
        return null;
    }

    /**
     * Somnus's side: its timed runs of the images (ms per image, in increasing order), and the files Brian2 and
     * compare.py read, in {@code work}. Measure it in a JVM that has run nothing else yet ({@link #measureSomnus}), then
     * {@link #compare} it.
     *
     * @param images         the images each run presented
     * @param excitatory     the excitatory neurons of the network
     * @param runsMsPerImage each timed run's wall time per image (ms), in increasing order
     * @param work           the folder of the files Brian2 and compare.py read
     */
    public record SomnusSide(int images, int excitatory, double[] runsMsPerImage, Path work) {
        /** Somnus's time per image over all its runs (each of the same images), as Brian2's is over its one run. */
        public double msPerImage() {
            return Arrays.stream(runsMsPerImage).average().orElse(Double.NaN);
        }

        /** The simulation time of Somnus's runs together. */
        public double seconds() {
            return Arrays.stream(runsMsPerImage).sum() * images / 1000.0;
        }
    }

    /**
     * Runs Somnus on {@code images} images ({@link #WARMUP_RUNS} warm-up runs first, then the timed runs) and keeps
     * its inputs and results in {@code work} for {@link #compare}. Call it before other simulations in the same JVM,
     * as Brian2's figure comes from a process that runs only these images: after {@code bench}'s preset rows the same
     * images ran slower, for a reason not established (docs/performance-rounds.md, thirty-sixth round).
     *
     * @param work    a directory for the exchanged files and logs
     * @param kernels the loops Somnus simulates with
     */
    public static SomnusSide measureSomnus(int images, int excitatory, Path work, Kernels kernels) throws IOException {
        Files.createDirectories(work);
        for (int k = 0; k < WARMUP_RUNS; k++) { // compiles Somnus's hot code before the measured run
            DiehlCookReference.run(Math.max(100, images), excitatory, 99, work.resolve("warmup_inputs.npz"),
                    work.resolve("warmup_out.npz"), kernels);
        }
        return new SomnusSide(images, excitatory, timedRuns(images, excitatory, work, kernels), work);
    }

    /**
     * Somnus's timed runs of the measured images, each from the same fresh network (so the same work), until they span
     * {@link #MEASURED_SECONDS}: ms per image of each run, in increasing order.
     */
    private static double[] timedRuns(int images, int excitatory, Path work, Kernels kernels) throws IOException {
        List<Double> runs = new ArrayList<>();
        double seconds = 0;
        DiehlCookReference.Result first = null;
        while (runs.size() < MIN_MEASURED_RUNS || seconds < MEASURED_SECONDS && runs.size() < MAX_MEASURED_RUNS) {
            DiehlCookReference.Result r = DiehlCookReference.run(images, excitatory, 1, work.resolve(INPUTS),
                    work.resolve(SOMNUS_OUT), kernels);
            if (first == null) { // each run writes the same inputs and spike counts
                first = r;
            } else if (r.meanESpikesPerImage() != first.meanESpikesPerImage()
                    || r.meanInputSpikesPerImage() != first.meanInputSpikesPerImage()) {
                throw new IllegalStateException("the same images gave other spikes in a second run: " + first + ", " + r);
            }
            runs.add(1000.0 / r.imagesPerSecond());
            seconds += images / r.imagesPerSecond();
        }
        return runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /**
     * Runs Brian2 on the inputs of {@code somnus} and checks the agreement with compare.py.
     *
     * @param device Brian2's device: {@code runtime} or {@code cpp_standalone} (needs g++)
     */
    public static Result compare(Path scripts, String device, SomnusSide somnus) throws IOException,
            InterruptedException {
        if (!device.equals("runtime") && !device.equals("cpp_standalone")) {
            throw new IllegalArgumentException("Brian2 device must be runtime or cpp_standalone, got '" + device + "'");
        }
        Path work = somnus.work();
        Path brian2 = work.resolve("brian2_out.npz");
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), scripts.resolve("diehl_cook_brian2.py").toString(),
                "--inputs", work.resolve(INPUTS).toString(), "--out", brian2.toString(), "--device", device));
        if (device.equals("cpp_standalone")) {
            cmd.addAll(List.of("--build-dir", work.resolve("cpp").toString()));
        }
        Path log = work.resolve("brian2.log");
        if (run(cmd, scripts, log) != 0) {
            throw new IOException("the Brian2 script failed; see " + log + ":\n" + tail(log));
        }
        double brian2Seconds = Npz.read(brian2).get("wall_seconds").doubles()[0];
        Path compareLog = work.resolve("compare.log");
        int verdict = run(List.of(PYTHON.toString(), scripts.resolve("compare.py").toString(), "--somnus",
                work.resolve(SOMNUS_OUT).toString(), "--brian2", brian2.toString()), scripts, compareLog);
        return new Result(somnus, 1000.0 * brian2Seconds / somnus.images(), device, verdict == 0,
                Files.readString(compareLog, StandardCharsets.UTF_8).strip());
    }

    /**
     * One round of {@link #alternate}: Somnus's time per image over its runs of the measured images, then Brian2's on
     * the same images from its compiled binary's next run.
     *
     * @param somnusMsPerImage Somnus's wall time per image (ms), averaged over its runs in the round
     * @param brian2MsPerImage Brian2's simulation-loop wall time per image (ms) in the round
     */
    public record Round(double somnusMsPerImage, double brian2MsPerImage) {
        /** How many times faster Somnus ran than Brian2 in this round. */
        public double ratio() {
            return brian2MsPerImage / somnusMsPerImage;
        }
    }

    /**
     * Somnus and Brian2's compiled binary (cpp_standalone, after {@link #compare} built it) take turns on the measured
     * images, {@code rounds} times: each round's ratio compares two measurements seconds apart. On a shared
     * host either side's speed moves by a third between hours (docs/performance-rounds.md, forty-third round), so a ratio
     * of two measurements a minute apart, as {@link #compare}'s, says as much about the hour as about the code; the
     * median of the rounds' ratios is the figure to quote. Run it right after {@link #compare}, before other
     * simulations in the JVM, as {@link #measureSomnus}: after {@code bench}'s preset rows Somnus's rounds ran 5–10 %
     * slower (docs/performance-rounds.md, forty-fourth round).
     *
     * @param kernels the loops of Somnus's measured runs (as in {@link #measureSomnus})
     */
    public static List<Round> alternate(SomnusSide somnus, int rounds, Kernels kernels) throws IOException,
            InterruptedException {
        Path cpp = somnus.work().resolve("cpp");
        List<Round> out = new ArrayList<>();
        for (int k = 0; k < rounds; k++) {
            double[] runs = timedRuns(somnus.images(), somnus.excitatory(), somnus.work(), kernels);
            double somnusMs = Arrays.stream(runs).average().orElseThrow();
            out.add(new Round(somnusMs, 1000.0 * rerunBinary(cpp) / somnus.images()));
        }
        return out;
    }

    /** The median of the rounds' ratios (of the middle two for an even count). */
    public static double medianRatio(List<Round> rounds) {
        return new Median().evaluate(rounds.stream().mapToDouble(Round::ratio).toArray());
    }

    /**
     * Runs a built cpp_standalone project's binary again ({@code main} in {@code cpp}, from there, as Brian2 does) and
     * returns its simulation time in seconds: the first field of {@code results/last_run_info.txt}, which Brian2's
     * {@code _last_run_time} reads too (the second is the fraction of the run completed, which must be 1).
     */
    static double rerunBinary(Path cpp) throws IOException, InterruptedException {
        Path binary = cpp.resolve("main");
        if (!Files.isExecutable(binary)) {
            throw new IOException("no built Brian2 binary at " + binary + " (run the comparison with cpp_standalone first)");
        }
        Path info = cpp.resolve("results").resolve("last_run_info.txt");
        Files.deleteIfExists(info); // a run that fails to write it must not leave the previous run's time
        Path log = cpp.resolve("rerun.log");
        int status = run(List.of(binary.toString()), cpp, log);
        if (status != 0) {
            throw new IOException("the Brian2 binary " + binary + " exited with " + status + "; see " + log + ":\n"
                    + tail(log));
        }
        if (!Files.isRegularFile(info)) {
            throw new IOException("the Brian2 binary " + binary + " wrote no " + info);
        }
        String[] fields = Files.readString(info, StandardCharsets.US_ASCII).trim().split("\\s+");
        double seconds;
        double completed;
        try {
            seconds = Double.parseDouble(fields[0]);
            completed = fields.length > 1 ? Double.parseDouble(fields[1]) : Double.NaN;
        } catch (NumberFormatException e) {
            throw new IOException(info + ": expected 'seconds fraction', got '" + String.join(" ", fields) + "'", e);
        }
        if (completed != 1.0 || !(seconds > 0)) {
            throw new IOException(info + ": expected a positive time and a completed fraction of 1, got '"
                    + String.join(" ", fields) + "'");
        }
        return seconds;
    }

    /** Runs {@code cmd} in {@code dir}, output to {@code log} (null: discarded); the exit status, −1 after an hour. */
    static int run(List<String> cmd, Path dir, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        Process p = pb.start();
        if (!p.waitFor(3600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
