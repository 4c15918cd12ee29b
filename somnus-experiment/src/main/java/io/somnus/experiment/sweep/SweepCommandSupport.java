package io.somnus.experiment.sweep;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.run.ConfigWarnings;
import io.somnus.experiment.run.RunConfigResolver;
import io.somnus.experiment.run.RunExecutor;
import io.somnus.experiment.stats.AggregateResult;
import io.somnus.experiment.stats.Aggregator;
import io.somnus.experiment.stats.GlmmRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code somnus sweep --config FILE --out DIR [--workers N] [--resume]} does, for the CLI (or any
 * other front end): check the sweep file and resolve every run, execute the runs not yet done (see
 * {@link SweepRunner}), then aggregate the finished runs (see {@link Aggregator}).
 */
public final class SweepCommandSupport {
    private final RunConfigResolver resolver;
    private final RunExecutor executor;

    /** Resolves each run's configuration with {@code resolver} and executes it with {@code executor}. */
    public SweepCommandSupport(RunConfigResolver resolver, RunExecutor executor) {
        this.resolver = resolver;
        this.executor = executor;
    }

    /** @throws ConfigException for fewer than one worker (also what {@code --dry-run} checks) */
    public static void checkWorkers(int workers) {
        if (workers < 1) {
            throw new ConfigException("--workers = " + workers + ": must be at least 1");
        }
    }

    /** Workers used when none are asked for: one per available processor. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * What sharing untrained controls between variants saves, for the plan's first line (dry run, sweep start):
     * {@code ; 2 of them untrained controls shared with other variants (whose controls would be alike), which saves 2
     * runs (8 without sharing)}; with {@code share_controls: false}, {@code ; 2 of them untrained controls that
     * sharing would leave to other variants' alike controls (share_controls: false; 6 runs with sharing)}; "" where no
     * control is or would be shared.
     */
    public static String sharingInWords(SweepPlan plan) {
        if (!plan.spec().shareControls()) {
            int alike = ControlSharing.alike(plan.runs());
            return alike == 0 ? "" : "; " + alike + " of them untrained controls that sharing would leave to other "
                    + "variants' alike controls (share_controls: false; " + (plan.runs().size() - alike) + " runs with "
                    + "sharing)";
        }
        int saved = plan.sharedControls();
        if (saved == 0) {
            return "";
        }
        return "; " + plan.sharingRuns() + " of them untrained controls shared with other variants (whose controls "
                + "would be alike), which saves " + saved + " run" + (saved == 1 ? "" : "s") + " ("
                + (plan.runs().size() + saved) + " without sharing)";
    }

    /**
     * Checks a sweep file and resolves all its runs without running anything (a dry run).
     *
     * @throws ConfigException listing every problem in the file
     */
    public SweepPlan plan(Path sweepFile) throws IOException {
        return SweepPlanner.plan(SweepSpec.load(sweepFile), resolver);
    }

    /**
     * "warning: …" for each legal but unusual value of the plan's runs, once for the sweep (with how many runs it
     * concerns), not once per run; each run records its own in provenance.json.
     */
    public List<String> warnings(SweepPlan plan) {
        return ConfigWarnings.ofAll(resolver, plan.runs().stream().map(PlannedRun::config)
                .toList()).stream().map(w -> "warning: " + w).toList();
    }

    /**
     * Runs a sweep.
     *
     * @param sweepFile the sweep YAML file
     * @param outDir    the sweep directory (created if absent)
     * @param workers   parallel runs, at least 1
     * @param resume    continue the sweep recorded in a non-empty {@code outDir}
     * @param listener  progress (thread-safe), or {@link SweepListener#NONE}
     * @return outcomes; {@link SweepResult#exitCode()} is the process exit status
     * @throws ConfigException     for a bad sweep file or worker count (nothing has run)
     * @throws SweepException      when {@code outDir} cannot hold this sweep (nothing has run)
     * @throws IOException          when a file of the sweep directory cannot be written
     * @throws InterruptedException when interrupted; runs in progress are redone on resume
     */
    public SweepResult run(Path sweepFile, Path outDir, int workers, boolean resume, SweepListener listener)
            throws IOException, InterruptedException {
        return run(sweepFile, outDir, SweepEngine.local(executor), workers, resume, listener);
    }

    /**
     * Runs a sweep on an engine (see {@link SweepEngines}): the grid, the ledger, the run directories and the
     * aggregates stay on this machine; only the runs themselves execute where the engine puts them.
     *
     * @param workers runs in flight, at least 1 (for a cluster: how many of its cores this sweep keeps busy)
     * @see #run(Path, Path, int, boolean, SweepListener)
     */
    public SweepResult run(Path sweepFile, Path outDir, SweepEngine engine, int workers, boolean resume,
                           SweepListener listener) throws IOException, InterruptedException {
        checkWorkers(workers);
        long t0 = System.nanoTime();
        SweepLedger.loadDriverInBackground(); // while the sweep file is read and its runs planned
        return run(SweepSpec.load(sweepFile), outDir, engine, workers, resume, listener, t0);
    }

    /**
     * Runs a sweep given in code, in this JVM: what {@link #run(Path, Path, int, boolean, SweepListener)} does with a
     * sweep file, for a grid built with {@link SweepSpec#parse} (a sweep file's text) or {@link SweepSpec}'s
     * constructor. The sweep directory keeps {@code sweep.yaml}, the sweep file's text, only for a spec that
     * {@link SweepSpec#load} read ({@link SweepSpec#fileText}, as read then, not as the file is now): a grid given in
     * code writes none, whatever its name; {@code resume} needs the same spec again.
     *
     * @param spec     the grid: presets × datasets × sleep fractions × seeds × grid values × variants
     * @param outDir   the sweep directory (created if absent); its {@code runs/<id>/} and aggregate files as the
     *                 CLI's
     * @param workers  parallel runs, at least 1
     * @param resume   continue the sweep recorded in a non-empty {@code outDir}
     * @param listener progress (thread-safe), or {@link SweepListener#NONE}
     * @return the runs' outcomes and, when one finished, the aggregates ({@link SweepResult#aggregate()}, null when
     *         none did)
     * @throws ConfigException      for a grid point the resolver refuses or a worker count below 1 (nothing has run)
     * @throws SweepException       when {@code outDir} cannot hold this sweep (nothing has run)
     * @throws IOException          when a file of the sweep directory cannot be written
     * @throws InterruptedException when interrupted; runs in progress are redone on resume
     */
    public SweepResult run(SweepSpec spec, Path outDir, int workers, boolean resume, SweepListener listener)
            throws IOException, InterruptedException {
        checkWorkers(workers);
        long t0 = System.nanoTime();
        SweepLedger.loadDriverInBackground(); // while the runs are planned
        return run(spec, outDir, SweepEngine.local(executor), workers, resume, listener, t0);
    }

    private SweepResult run(SweepSpec spec, Path outDir, SweepEngine engine, int workers, boolean resume,
                            SweepListener listener, long t0) throws IOException, InterruptedException {
        SweepPlan plan;
        List<RunOutcome> outcomes;
        AggregateResult aggregate = null;
        // R loads glmmTMB while the runs are planned and set up (GlmmRunner); only a sweep over sleep fractions fits it
        try (GlmmRunner glmm = spec.sleepFractions().size() > 1 ? GlmmRunner.standard().preloaded()
                : GlmmRunner.standard()) {
            plan = SweepPlanner.plan(spec, resolver);
            warnings(plan).forEach(listener::message);
            // a dataset no run could load fails here, once, not in each run after the directory is set up; on resume,
            // only the runs still to do load theirs (the files may have moved since the others ran)
            engine.executor().checkData(SweepRecord.stillToDo(plan, outDir, resume).stream().map(PlannedRun::config)
                    .toList());
            // one lock over the runs and the aggregates: no second process works in outDir meanwhile
            try (DirectoryLock lock = SweepLock.lock(outDir, resume)) {
                outcomes = new SweepRunner(engine.executor()).execute(plan, outDir, workers, resume, listener, lock);
                if (outcomes.stream().anyMatch(o -> o.status() == RunStatus.DONE)) {
                    try {
                        aggregate = SweepResults.aggregate(outDir, glmm);
                        listener.message("aggregates of " + aggregate.runs() + " runs written to " + aggregate.dir()
                                + " (aggregate.csv, runs_long.csv, curves.csv, stats.json, verdict.json, verdict.csv); GLMM "
                                + aggregate.glmm().status());
                        aggregate.warnings().forEach(w -> listener.message("warning: " + w));
                        // stale: this process holds the lock that every writer of these files holds (SweepTempFiles)
                        List<Path> stale = SweepTempFiles.removeStale(outDir, lock);
                        if (!stale.isEmpty()) {
                            listener.message(SweepTempFiles.removedInWords(stale));
                        }
                    } catch (FileFormatException e) {
                        listener.message("aggregation failed: " + e.getMessage());
                    } catch (IOException e) {
                        throw SweepException.stopped("the runs are finished but writing the aggregates into " + outDir
                                + " failed: " + e.getMessage() + ". Fix the cause and rerun with --resume (nothing is redone).", e);
                    }
                }
            }
        }
        SweepResult result = new SweepResult(outDir.toAbsolutePath().normalize(), plan.spec().name(), outcomes,
                Duration.ofNanos(System.nanoTime() - t0), aggregate);
        listener.finished(result);
        return result;
    }
}
