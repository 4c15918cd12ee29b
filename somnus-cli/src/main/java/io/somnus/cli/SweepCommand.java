package io.somnus.cli;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.run.RunConfigResolver;
import io.somnus.experiment.run.RunExecutor;
import io.somnus.experiment.sweep.PlannedRun;
import io.somnus.experiment.sweep.SweepCommandSupport;
import io.somnus.experiment.sweep.SweepEngine;
import io.somnus.experiment.sweep.SweepException;
import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepRecord;
import io.somnus.experiment.sweep.SweepResult;
import io.somnus.experiment.sweep.SweepResults;
import io.somnus.experiment.sweep.SweepSummaryTable;
import io.somnus.report.ReportBuilder;
import io.somnus.report.VerdictCaveats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code somnus sweep --config FILE --out DIR [--workers N] [--resume] [--dry-run] [--no-report]
 * [--engine local|spark [--master URL] [--task-attempts N] [--data-dir DIR]]}, or
 * {@code somnus sweep --config FILE --estimate [--calibration DIR] [--cores N]}.
 * Register with {@code commandLine.addSubcommand(new SweepCommand(resolver, executor))}.
 * Exit status: 0 all runs done, 3 some runs failed (see {@link SweepResult#EXIT_RUNS_FAILED}),
 * 2 a bad sweep file or output directory (nothing ran).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Runs a grid of runs from a sweep file, resuming where it stopped.",
        description = {"Runs a grid of runs (presets × datasets × sleep fractions × seeds × variants × grid) from a "
                + "sweep file, "
                + "in parallel, recording the state of each run in DIR/ledger.sqlite so that an interrupted sweep resumes "
                + "without redoing finished runs. Afterwards writes aggregate.csv, runs_long.csv, curves.csv, "
                + "stats.json (and the GLMM when R with glmmTMB is installed) and report.html into DIR. With --estimate, "
                + "projects its wall time instead."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every run done", "2:bad sweep file or output directory, or another process works in it; nothing ran",
                "3:some runs failed, or the sweep stopped (e.g. disk full); fix the cause and rerun with --resume"})
public final class SweepCommand implements Callable<Integer> {
    /** Exit status for a bad sweep file or output directory. */
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "sweep file (YAML)")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "sweep directory (created if absent)")
    Path out;

    @Option(names = "--workers", paramLabel = "N", description = "runs in parallel (default: the available processors, "
            + "or with --engine spark the cluster's cores)")
    Integer workers;

    @Mixin
    EngineMixin engine = new EngineMixin();

    @Mixin
    SnapshotMinutesMixin snapshotMinutes = new SnapshotMinutesMixin();

    @Option(names = "--resume", description = "continue the sweep recorded in DIR: finished runs are kept, "
            + "interrupted or failed ones are run again (where none is recorded, the sweep starts, and says so)")
    boolean resume;

    @Option(names = "--dry-run", description = "check the sweep file, its runs' datasets (with --resume, those of "
            + "the runs still to do), --out, --workers and the engine's options when given, and list its runs; run "
            + "nothing (no --out needed)")
    boolean dryRun;

    @Option(names = "--report", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "write DIR/report.html when the sweep ends (default: ${DEFAULT-VALUE})")
    boolean report;

    @Option(names = "--estimate", description = "project the sweep's wall time instead of running it: short calibration "
            + "runs of each preset, variant and grid point at the sweep's network sizes (or the runs of "
            + "--calibration), their per-phase costs (CPU time; --calibration's: the CPU time its runs recorded, else their wall time) scaled to the sweep's sizes, a "
            + "run per core; a preset that re-presents images (diehl-cook) gets a range, from the presentations per "
            + "image of those runs to the most its encoding.max_presentations allows, unless they trained as many "
            + "images")
    boolean estimate;

    @Option(names = "--calibration", paramLabel = "DIR", description = "--estimate: take the per-phase costs from the "
            + "finished runs of this sweep directory instead (runs of the same presets at the same network sizes: a "
            + "pilot of this sweep with fewer images or seeds, a stopped run of it, a quick study); each phase's cost "
            + "per unit of work is their median per preset, variant and grid point where they ran every one of the "
            + "sweep's (else per preset, and the output says so), untrained controls left out, and a re-presenting "
            + "preset's presentations per image their median where they trained at least as many images as the "
            + "sweep's runs")
    Path calibration;

    @Option(names = "--cores", paramLabel = "N", description = "--estimate: the cores (parallel runs) to project for "
            + "(default: the number of cores)")
    Integer cores;

    private final SweepCommandSupport support;
    private final RunConfigResolver resolver;
    private final RunExecutor executor;

    /** A sweep command that resolves each run's configuration with {@code resolver}, runs it with {@code executor}. */
    public SweepCommand(RunConfigResolver resolver, RunExecutor executor) {
        this.support = new SweepCommandSupport(resolver, executor);
        this.resolver = resolver;
        this.executor = executor;
    }

    /**
     * {@code --estimate}: the planned runs on {@code --cores} workers, with the costs of {@code --calibration}'s runs or
     * of calibration runs of this sweep.
     */
    private int estimate(PrintWriter stdout, PrintWriter stderr) throws IOException, InterruptedException {
        String runOption = out != null ? "--out" : workers != null ? "--workers" : resume ? "--resume" : dryRun
                ? "--dry-run" : snapshotMinutes.given() ? "--snapshot-minutes" : engine.firstGiven();
        if (runOption != null) {
            throw new CliException(runOption + " is for running the sweep; --estimate runs nothing of it (its options: "
                    + "--calibration, --cores)");
        }
        int n = StudyProjection.cores(cores);
        SweepPlan plan = support.plan(config);
        StudyProjection.Costs costs = StudyProjection.costs(calibration, resolver, plan, stderr);
        stdout.print(StudyProjection.text("Sweep '" + plan.spec().name() + "'", plan, costs, n));
        stdout.flush();
        return 0;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            if (estimate) {
                return estimate(stdout, stderr);
            }
            String estimateOption = calibration != null ? "--calibration" : cores != null ? "--cores" : null;
            if (estimateOption != null) {
                throw new CliException(estimateOption + " is for --estimate, the projection of the sweep's wall time");
            }
            snapshotMinutes.check();
            if (dryRun) {
                // what the real run would refuse, refused here too: a dry run that says "valid" must be one that runs
                engine.check();
                if (workers != null) {
                    SweepCommandSupport.checkWorkers(workers);
                }
                SweepPlan plan = support.plan(config);
                if (engine.local()) { // a cluster's executors find their datasets themselves
                    // on resume, only the runs still to do load theirs (the files may have moved since the others ran)
                    List<PlannedRun> toDo = out == null ? plan.runs() : SweepRecord.stillToDo(plan, out, resume);
                    executor.checkData(toDo.stream().map(PlannedRun::config).toList());
                }
                if (out != null) {
                    SweepRecord.checkBeforeRunning(out, plan, resume);
                    if (resume) { // a sweep started before controls were shared resumes as it was started
                        plan = SweepRecord.asRecorded(plan, out.toAbsolutePath().normalize());
                    }
                }
                support.warnings(plan).forEach(w -> StderrNote.say(stderr, "somnus sweep: " + w));
                stderr.flush();
                for (PlannedRun run : plan.runs()) {
                    stdout.println(run.runId());
                }
                // per preset, in the sweep's order: what the grid multiplies out to
                Map<String, Long> perPreset = plan.runs().stream().collect(Collectors.groupingBy(
                        r -> r.config().path("preset").asText(), LinkedHashMap::new, Collectors.counting()));
                stdout.println(plan.runs().size() + (plan.runs().size() == 1 ? " run" : " runs") + " in sweep '"
                        + plan.spec().name() + "' (" + perPreset.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")) + ")" + SweepCommandSupport.sharingInWords(plan)
                        + "; the file is valid");
                stdout.flush();
                return 0;
            }
            if (out == null) {
                throw new CliException("Missing required option: '--out=DIR' (or --dry-run or --estimate to run nothing)");
            }
            SweepResult result;
            // every run's snapshot interval: not part of any run's configuration, so no run id or number changes
            RunExecutor timed = snapshotMinutes.given() ? executor.snapshotTriggers(snapshotMinutes.triggers()) : executor;
            try (SweepEngine runs = engine.open(timed)) {
                int n = workers == null ? runs.defaultWorkers() : workers;
                try (ConsoleSweepListener listener = ConsoleSweepListener.forStderr(n);
                     InterruptNotice notice = InterruptNotice.forSweep(out)) {
                    notice.sayThrough(listener::message); // above the bars while they are live
                    runs.noticesTo(listener::message); // Spark's notices of a failed task attempt too
                    result = support.run(config, out, runs, n, resume, listener);
                }
            }
            stdout.print(SweepSummaryTable.format(result));
            if (result.done() > 0 && result.aggregate() == null) {
                // aggregation met damaged run files and named them all: loading the runs again would say it twice
                StderrNote.say(stderr, "somnus sweep: no verdict and no report while a run's files are damaged (named above)");
                stderr.flush();
                stdout.flush();
                return EXIT_USAGE;
            }
            try (InterruptNotice notice = report && result.done() > 0 ? InterruptNotice.forReport(result.outDir())
                    : null) {
                // loaded once for the verdict and the report: loading reads (and checks) every run's files
                SweepResults finished = result.done() > 0 ? SweepResults.load(result.outDir()) : null;
                if (finished != null) {
                    stdout.println();
                    stdout.print(VerdictCaveats.console(finished));
                }
                if (report && finished != null) {
                    Path html = result.outDir().resolve(ReportCommand.FILE);
                    try {
                        ReportBuilder.build(finished, html);
                        stdout.println("report: " + html);
                    } catch (FileFormatException e) {
                        StderrNote.say(stderr, "somnus sweep: report not written: " + e.getMessage());
                        stderr.flush();
                        stdout.flush();
                        return SweepResult.EXIT_RUNS_FAILED;
                    } catch (IOException e) { // e.g. the disk filled up: the runs and aggregates are whole
                        StderrNote.say(stderr, "somnus sweep: report not written: " + e.getMessage() + "; every run and the "
                                + "aggregates are kept in " + result.outDir() + ", and somnus report "
                                + result.outDir() + " writes the report once the cause is fixed");
                        stderr.flush();
                        stdout.flush();
                        return SomnusCli.EXIT_FAILED;
                    }
                }
            }
            stdout.flush();
            return result.exitCode();
        } catch (ConfigException | CliException e) {
            StderrNote.say(stderr, "somnus sweep: " + e.getMessage());
            stderr.flush();
            return EXIT_USAGE;
        } catch (SweepException e) {
            StderrNote.say(stderr, "somnus sweep: " + e.getMessage());
            stderr.flush();
            return e.nothingRan() ? EXIT_USAGE : SweepResult.EXIT_RUNS_FAILED;
        }
    }
}
