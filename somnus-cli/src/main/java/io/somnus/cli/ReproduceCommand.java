package io.somnus.cli;

import io.somnus.data.DatasetCatalog;
import io.somnus.data.DatasetLocations;
import io.somnus.data.DatasetRegistry;
import io.somnus.data.DatasetStatus;
import io.somnus.data.UrlDownloader;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.sweep.SweepCommandSupport;
import io.somnus.experiment.sweep.SweepEngine;
import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepPlanner;
import io.somnus.experiment.sweep.SweepSpec;
import io.somnus.experiment.sweep.SweepResult;
import io.somnus.experiment.sweep.StudyCalibration;
import io.somnus.experiment.sweep.SweepResults;
import io.somnus.experiment.sweep.SweepSummaryTable;
import io.somnus.report.ReportBuilder;
import io.somnus.report.VerdictCaveats;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code somnus reproduce}: the paper's study as one sweep — STDP-SNN and SG-SNN, sleep fractions, seeds,
 * datasets — followed by the statistics and the report.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Runs the headline study: does 10-20 %% sleep stabilise STDP?",
        description = {"Tests the paper's claims that 10-20 %% sleep stabilises STDP learning and does not help the "
                        + "SG-SNN, and ends with the verdict on each (docs/verdict.md).",
                "Full: every MNIST-like dataset found locally (both splits, as 'somnus datasets' lists them; in "
                        + "--data-dir DIR/<name> with --engine spark) + geomfig, f = 0.0 to 0.9, seeds 1-5, both models as the "
                        + "paper describes them and as the authors' code ran them (paper, paper-code, paper-sg, "
                        + "paper-sg-code).",
                "--quick: Fashion-MNIST + geomfig, f in {0, 0.1, 0.2, 0.5}, 3 seeds, reduced sizes (minutes); paper, "
                        + "paper-sg and paper-sg-code (paper-code's 1000-step images take too long for it).",
                "Both add the untrained STDP-SNN controls (preset weights; weights at the sleep target)."})
final class ReproduceCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "the reduced variant that finishes in minutes")
    boolean quick;
    @Option(names = "--out", paramLabel = "DIR", description = "the study directory (default: runs/reproduce[-quick])")
    Path out;
    @Option(names = "--workers", paramLabel = "N", description = "parallel runs (default: the number of cores)")
    Integer workers;
    @Option(names = "--resume", description = "continue an interrupted study in --out")
    boolean resume;
    @Option(names = "--estimate", description = {"project the study's wall time instead of running it: short "
            + "calibration runs of each preset (or the runs of --calibration), their per-phase costs (CPU time; "
            + "--calibration's: the CPU time its runs recorded, else their wall time) scaled to the study's sizes, a run per core (docs/performance.md)"})
    boolean estimate;
    @Option(names = "--cores", paramLabel = "N",
            description = "--estimate: the cores (parallel runs) to project for (default: the number of cores)")
    Integer cores;
    @Option(names = "--calibration", paramLabel = "DIR", description = "--estimate: take the per-phase costs from the "
            + "finished runs of this sweep directory instead of running calibration runs")
    Path calibration;
    @Option(names = "--write-estimate", paramLabel = "FILE", description = "--estimate: also put the table into FILE, "
            + "between the lines <!-- estimate:begin --> and <!-- estimate:end -->")
    Path writeEstimate;
    @Option(names = "--allow-unverified-data", description = {"also run on datasets whose files match no published "
            + "checksum (notMNIST, which has none; EMNIST files not extracted by Somnus from the verified archive; your own "
            + "conversions): the full study refuses to start while it finds any such dataset without this option; each "
            + "run records them as unverified"})
    boolean allowUnverifiedData;
    @Mixin
    EngineMixin engine = new EngineMixin();
    @Mixin
    SnapshotMinutesMixin snapshotMinutes = new SnapshotMinutesMixin();

    @Override
    public Integer call() throws Exception {
        // an option of the other mode would be ignored: refuse it by name
        String runOption = workers != null ? "--workers" : resume ? "--resume" : out != null ? "--out"
                : snapshotMinutes.given() ? "--snapshot-minutes" : engine.firstGiven();
        if (estimate && runOption != null) {
            throw new CliException(runOption + " is for running the study; --estimate times short calibration runs here "
                    + "instead (its options: --quick, --cores, --calibration, --write-estimate)");
        }
        String estimateOption = cores != null ? "--cores" : calibration != null ? "--calibration"
                : writeEstimate != null ? "--write-estimate" : null;
        if (!estimate && estimateOption != null) {
            throw new CliException(estimateOption + " is for --estimate, the projection of the study's wall time; the "
                    + "study itself runs on --workers parallel runs");
        }
        if (estimate) {
            return estimate();
        }
        snapshotMinutes.check();
        Path dir = out != null ? out : Path.of(quick ? "runs/reproduce-quick" : "runs/reproduce");
        // the full study's datasets are found (and refused) before anything is written
        String sweepText = quick ? quickSweep(allowUnverifiedData) : fullSweep(registry(), allowUnverifiedData, System.err);
        // the sweep keeps its own copy (DIR/sweep.yaml); the generated file only feeds it, is named after the study
        // (a message about the sweep may name it) and is gone on exit, even when interrupted
        Path sweepFile = Files.createTempFile(quick ? "somnus-reproduce-quick-" : "somnus-reproduce-", ".yaml");
        sweepFile.toFile().deleteOnExit();
        AtomicFiles.write(sweepFile, sweepText);
        long t0 = System.nanoTime();
        SweepCommandSupport support = new SweepCommandSupport(new StandardResolver(), new StandardRunExecutor());
        SweepResult r;
        StandardRunExecutor executor = new StandardRunExecutor();
        if (snapshotMinutes.given()) { // every run's, not part of any run's configuration: no number changes
            executor.snapshotTriggers(snapshotMinutes.triggers());
        }
        try (SweepEngine runs = engine.open(executor)) {
            int n = workers == null ? runs.defaultWorkers() : workers;
            if (n < 1) {
                throw new CliException("--workers must be >= 1, got " + n);
            }
            if (!quick && !resume) {
                StderrNote.say("somnus: the full study runs for many hours (docs/performance.md projects it; 'somnus reproduce "
                        + "--estimate' does so for this machine). Stop it at any moment and continue it with --resume.");
            }
            try (ConsoleSweepListener listener = ConsoleSweepListener.forStderr(n);
                 InterruptNotice notice = InterruptNotice.forSweep(dir)) {
                notice.sayThrough(listener::message); // above the bars while they are live
                runs.noticesTo(listener::message); // Spark's notices of a failed task attempt too
                r = support.run(sweepFile, dir, runs, n, resume, listener);
            }
        } finally {
            Files.deleteIfExists(sweepFile);
        }
        System.out.print(SweepSummaryTable.format(r));
        Path report = dir.resolve(ReportCommand.FILE);
        SweepResults results;
        try (InterruptNotice notice = InterruptNotice.forReport(dir)) {
            results = SweepResults.load(dir); // once, for the report and the verdict
            try {
                ReportBuilder.build(results, report);
            } catch (IOException e) { // e.g. the disk filled up: the runs and aggregates are whole
                StderrNote.say("somnus reproduce: report not written: " + e.getMessage() + "; every run and the "
                        + "aggregates are kept in " + dir + ", and somnus report " + dir + " writes the report once "
                        + "the cause is fixed");
                return SomnusCli.EXIT_FAILED;
            }
        }
        System.out.printf("study finished in %.1f min; report: %s%n", (System.nanoTime() - t0) / 6e10, report.toAbsolutePath());
        System.out.println();
        System.out.print(VerdictCaveats.console(results));
        return r.allDone() ? 0 : SweepResult.EXIT_RUNS_FAILED;
    }

    /** {@code --estimate}: calibrate (or read --calibration), project, print, and write the table if asked. */
    private int estimate() throws IOException, InterruptedException {
        int n = StudyProjection.cores(cores);
        // before the calibration runs (minutes): a file that cannot take the table is bad input, named at once
        String unwritable = writeEstimate == null ? null : StudyCalibration.notWritable(writeEstimate);
        if (unwritable != null) {
            throw new CliException("--write-estimate " + unwritable);
        }
        StandardResolver resolver = new StandardResolver();
        // planned from the text: nothing runs, so no file needs to feed a sweep directory
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(Path.of(quick ? "reproduce --quick" : "reproduce"),
                quick ? quickSweep(allowUnverifiedData) : fullSweep(registry(), allowUnverifiedData, System.err)), resolver);
        StudyProjection.Costs costs = StudyProjection.costs(calibration, resolver, plan,
                new PrintWriter(System.err, true));
        String text = StudyProjection.text((quick ? "The quick" : "The full") + " study", plan, costs, n);
        System.out.print(text);
        if (writeEstimate != null) {
            StudyCalibration.writeBetweenMarkers(writeEstimate, text);
            System.out.println("written to " + writeEstimate);
        }
        return 0;
    }

    /**
     * Where the full study looks for datasets: where its runs will (the cache and system folders; with
     * {@code --engine spark --data-dir DIR}, DIR/&lt;name&gt; as the executors' cache, and their system folders).
     */
    private DatasetRegistry registry() {
        return registry(engine.dataDir);
    }

    /** The registry the full study's runs find datasets with: shipped from {@code shippedOrNull}, or this process's. */
    static DatasetRegistry registry(Path shipped) {
        return shipped == null ? new DatasetRegistry() : new DatasetRegistry(DatasetCatalog.builtIn(),
                new DatasetLocations(shipped.toAbsolutePath().normalize(), DatasetLocations.DEFAULT_SYSTEM_ROOTS),
                new UrlDownloader());
    }

    /** The quick study; with {@code allowUnverified}, its runs accept dataset files that match no published checksum. */
    static String quickSweep(boolean allowUnverified) {
        String text = quickSweep();
        return allowUnverified ? text + "  dataset.allow_unverified: true\n" : text;
    }

    /** Reduced sizes: the same presets and sleep settings, fewer images, shorter wake intervals. */
    static String quickSweep() {
        return """
                name: reproduce-quick
                description: "Quick variant of the paper's study (reduced sizes)"
                presets: [paper, paper-sg, paper-sg-code]
                datasets: [fashion-mnist, geomfig]
                sleep_fractions: [0.0, 0.1, 0.2, 0.5]
                seeds: [1, 2, 3]
                controls: [untrained, untrained_sleep_target]
                set:
                  # STDP-SNN: 400 images, wake interval 100 images (paper: 6000 and 350)
                  paper/train.images: 400
                  paper/train.validation_images: 100
                  paper/train.test_images: 300
                  paper/train.checkpoints: 4
                  paper/train.readout_images: 300
                  paper/train.eval_threads: 1
                  paper/sleep.wake_steps: 10000
                  # SG-SNN: 2000 images, 6 epochs, 200 hidden neurons (paper: 6000, 50, 1000)
                  paper-sg/train.images: 2000
                  paper-sg/train.validation_images: 200
                  paper-sg/train.test_images: 500
                  paper-sg/sg.epochs: 6
                  paper-sg/sg.hidden: 200
                  # SG sleep at the paper's dose (500 iterations × 100 steps, one pull per iteration) on 16
                  # copies instead of 128: the same pulls and the same expected STDP increment, 8× less noise to draw
                  paper-sg/sg.sleep.batch_copies: 16
                  # the SG-SNN as the authors' recorded runs ran it, at the same reduced sizes (paper: 10 epochs)
                  paper-sg-code/train.images: 2000
                  paper-sg-code/train.validation_images: 200
                  paper-sg-code/train.test_images: 500
                  paper-sg-code/sg.epochs: 6
                  paper-sg-code/sg.hidden: 200
                """;
    }

    /** The full study on the datasets this process finds, unverified ones included (for tests of its other parts). */
    static String fullSweep() {
        return fullSweep(new DatasetRegistry(), true, null);
    }

    /**
     * Every MNIST-like dataset found locally plus geomfig; paper sizes. A dataset counts when both splits are found
     * (one that would be downloaded on first use, or with one split only, is left out, and said so); its files are
     * verified as training verifies them, so that a dataset whose runs would all fail (files that match no published
     * checksum: notMNIST, EMNIST files extracted by hand, conversions) refuses the study before it starts unless
     * {@code allowUnverified}, which then lets its runs accept them.
     *
     * @param notes where to say which datasets were found and which were left out, or null
     * @throws CliException for unverified datasets found without {@code allowUnverified}, naming each file
     */
    static String fullSweep(DatasetRegistry registry, boolean allowUnverified, PrintStream notes) {
        List<String> datasets = new ArrayList<>();
        List<String> found = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        List<String> unverified = new ArrayList<>();
        for (DatasetStatus s : registry.status(null, true)) {
            switch (s.availability()) {
                case FOUND -> {
                    List<String> bad = new ArrayList<>();
                    for (DatasetStatus.FileStatus f : s.files()) {
                        if (f.verification() != DatasetStatus.Verification.VERIFIED) {
                            bad.add("  " + s.name() + ": " + f.file() + " (" + f.detail() + ")");
                        }
                    }
                    unverified.addAll(bad);
                    datasets.add(s.name());
                    found.add(s.name() + (bad.isEmpty() ? "" : " (unverified)") + " in " + s.files().stream()
                            .map(f -> f.file().getParent().toString()).distinct().collect(Collectors.joining(" and ")));
                }
                case PARTIAL -> leftOut.add(s.name() + ": " + s.detail());
                case DOWNLOADABLE -> {
                    if (!s.files().isEmpty()) { // one split here and the other not: say so, the study downloads nothing
                        leftOut.add(s.name() + ": " + s.detail());
                    }
                }
                default -> { }
            }
        }
        if (!unverified.isEmpty() && !allowUnverified) {
            throw new CliException("the full study found datasets whose files match no published checksum, on which "
                    + "every run would fail:\n" + String.join("\n", unverified) + "\nPass --allow-unverified-data to run "
                    + "the study on them too (each run records them as unverified), or move them out of the folders "
                    + "searched ('somnus datasets' lists them) to leave them out. Nothing was run.");
        }
        datasets.add("geomfig");
        if (notes != null) {
            notes.println("somnus: the full study's datasets: " + String.join("; ", found)
                    + (found.isEmpty() ? "" : "; ") + "geomfig (generated)");
            for (String l : leftOut) {
                notes.println("somnus: left out " + l);
            }
        }
        return "name: reproduce\n"
                + "description: \"The paper's study: both models as described and as the authors' code ran them,"
                + " sleep 0.0-0.9, seeds 1-5\"\n"
                + "presets: [paper, paper-code, paper-sg, paper-sg-code]\n"
                + "datasets: [" + String.join(", ", datasets) + "]\n"
                + "sleep_fractions: [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]\n"
                + "seeds: [1, 2, 3, 4, 5]\n"
                + "controls: [untrained, untrained_sleep_target]\n"
                + (unverified.isEmpty() ? "" : "set:\n  dataset.allow_unverified: true\n");
    }
}
