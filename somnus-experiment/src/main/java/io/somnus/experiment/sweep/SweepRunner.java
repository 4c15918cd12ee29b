package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.FileTrees;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.ChangedUserClassException;
import io.somnus.experiment.run.RunExecutor;
import io.somnus.experiment.run.RunFailures;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Executes a {@link SweepPlan} into a sweep directory, durably:
 *
 * <pre>
 * DIR/.somnus.lock             the lock of the process working in DIR (see {@link SweepLock#lock})
 * DIR/ledger.sqlite            run states (see {@link SweepLedger})
 * DIR/sweep.yaml               copy of the sweep file
 * DIR/runs/.tmp-&lt;id&gt;-&lt;nonce&gt;/ a run being executed
 * DIR/runs/&lt;id&gt;/               a finished run (renamed atomically from its .tmp directory)
 * </pre>
 *
 * A run's directory is renamed into place before the ledger marks it done, so "done" implies a complete
 * directory. On resume, done runs whose directory exists are skipped; a run the ledger does not count as done whose
 * directory holds it, finished ({@link RunAdoption}), is marked done; the other pending, running and failed runs, and
 * done runs whose directory is gone, are redone from scratch, but for a run cut short whose {@code .tmp-*} directory
 * holds a resume snapshot (an STDP-SNN or SG-SNN run's) and whose executor {@linkplain RunExecutor#resumes()
 * resumes}: it goes on from the snapshot; the other leftover {@code .tmp-*} directories are deleted. A ledger
 * that is missing or empty beside run directories is started anew where each was written for one of the sweep's runs;
 * a directory holding another run's result is never overwritten: the sweep is refused (the directory's checks and its
 * ledger's opening: {@link SweepRecord}). Runs execute on a fixed pool of
 * worker threads; a failing run is recorded with its error and the others continue. A worker's {@link RunExecutor} may do the work elsewhere (a {@link SweepEngine} such as
 * Spark, which returns the files): the directory is still filled here, moved and recorded by the same code.
 *
 * <p>One process at a time works in a sweep directory ({@link SweepLock}): it holds an operating-system lock on
 * {@code DIR/.somnus.lock}
 * (released when the process ends, even by {@code kill -9}), and a second process is refused before it changes
 * anything. A ledger that is empty or unreadable while {@code DIR/runs} holds runs is an error, never a fresh start.
 */
public final class SweepRunner {
    /** The folder of a sweep directory that holds one directory per run, {@code runs/<id>/}. */
    public static final String RUNS_DIR = "runs";
    /** The copy of the sweep's specification that a sweep directory keeps (checked on resume). */
    public static final String SWEEP_COPY = "sweep.yaml";
    static final String TMP_PREFIX = ".tmp-";
    /** The lock file of a sweep directory. */
    public static final String LOCK_FILE = ".somnus.lock";

    private final RunExecutor executor;

    /** A runner whose runs {@code executor} executes (in this JVM, or on a cluster). */
    public SweepRunner(RunExecutor executor) {
        this.executor = executor;
    }

    /**
     * Runs every run of the plan that is not already done in {@code outDir}.
     *
     * @param resume whether an existing, non-empty {@code outDir} may be continued
     * @return an outcome per planned run, in plan order
     * @throws SweepException when {@code outDir} cannot hold this sweep (see messages)
     */
    public List<RunOutcome> execute(SweepPlan plan, Path outDir, int workers, boolean resume, SweepListener listener)
            throws IOException, InterruptedException {
        Path out = outDir.toAbsolutePath().normalize();
        try (DirectoryLock lock = SweepLock.lock(out, resume)) {
            return execute(plan, out, workers, resume, listener, lock);
        }
    }

    /** As {@link #execute(SweepPlan, Path, int, boolean, SweepListener)}, in a directory this process has locked. */
    public List<RunOutcome> execute(SweepPlan plan, Path outDir, int workers, boolean resume, SweepListener listener,
                                    DirectoryLock lock) throws IOException, InterruptedException {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        Path out = outDir.toAbsolutePath().normalize();
        if (!lock.file().equals(out.resolve(LOCK_FILE))) {
            throw new IllegalArgumentException("the lock " + lock.file() + " is not the lock of " + out);
        }
        SweepPlan asPlanned = SweepRecord.asRecorded(plan, out);
        if (plan.sharedControls() > 0 && asPlanned.sharedControls() == 0) {
            listener.message(SweepRecord.startedPerVariant(plan, out));
        }
        plan = asPlanned;
        // the runs' datasets are read while the ledger opens and the workers start (RunExecutor#prefetch)
        executor.prefetch(plan.runs().stream().map(PlannedRun::config).toList());
        try (SweepLedger ledger = SweepRecord.openLedger(plan, out, resume, listener)) {
            Path runs = out.resolve(RUNS_DIR);
            Map<String, LedgerEntry> entries = new HashMap<>();
            for (LedgerEntry e : ledger.entries()) {
                entries.put(e.runId(), e);
            }
            refuseOtherRuns(plan, entries, runs);
            Map<String, Path> resumable = new HashMap<>();
            int leftovers = deleteLeftovers(runs, plan, entries, resumable);
            if (leftovers > 0) {
                listener.message("deleted " + leftovers + " unfinished run director" + (leftovers == 1 ? "y" : "ies")
                        + " (" + TMP_PREFIX + "*) left by an interrupted sweep");
            }
            if (!resumable.isEmpty()) {
                listener.message(resumable.size() + " run" + (resumable.size() == 1 ? "" : "s") + " cut short go"
                        + (resumable.size() == 1 ? "es" : "") + " on from the last resume snapshot "
                        + (resumable.size() == 1 ? "it" : "each") + " took (" + RunDirectory
                        .RESUME_SNAPSHOT + ", after an epoch or checkpoint, or timed by --snapshot-minutes): "
                        + String.join(", ",
                        new TreeSet<>(resumable.keySet())));
            }
            Map<String, RunOutcome> outcomes = new ConcurrentHashMap<>();
            List<PlannedRun> toRun = new ArrayList<>();
            List<FinishedRun> finishedBefore = new ArrayList<>();
            int adopted = 0;
            for (PlannedRun run : plan.runs()) {
                LedgerEntry e = entries.get(run.runId());
                assert e != null : "ledger lacks planned run " + run.runId();
                Path dir = runs.resolve(run.runId());
                if (SweepRecord.doneAndKept(e, runs)) {
                    outcomes.put(run.runId(), new RunOutcome(run.runId(), run.variant(), RunStatus.DONE, true,
                            e.attempts(), Double.NaN, null));
                    finishedBefore.add(new FinishedRun(run, dir, e.wallSeconds(), e.attempts()));
                    continue;
                }
                if (e.status() == RunStatus.DONE) {
                    listener.message("run " + run.runId() + " is marked done but runs/" + run.runId()
                            + " is missing: running it again");
                }
                if (Files.isDirectory(dir)) {
                    Optional<String> whyNot = RunAdoption.whyNotFinished(run, dir);
                    if (whyNot.isEmpty()) { // its files are the run's result: the run need not run again
                        double wall = RunAdoption.wallSeconds(dir);
                        ledger.markDone(run.runId(), RunFileDigests.of(dir), RunAdoption.finishedAt(dir), wall);
                        finishedBefore.add(new FinishedRun(run, dir, wall > 0 ? wall : Double.NaN, e.attempts()));
                        outcomes.put(run.runId(), new RunOutcome(run.runId(), run.variant(), RunStatus.DONE, true,
                                e.attempts(), Double.NaN, null));
                        adopted++;
                        continue;
                    }
                    listener.message("runs/" + run.runId() + " is not kept (" + whyNot.get() + "): running it again");
                }
                if (Files.exists(dir)) {
                    FileTrees.deleteRecursively(dir);
                }
                if (e.status() != RunStatus.PENDING) {
                    ledger.markPending(run.runId());
                }
                toRun.add(run);
            }
            if (adopted > 0) {
                listener.message("kept " + adopted + " finished run director" + (adopted == 1 ? "y" : "ies")
                        + " the ledger did not count as done: each holds its run's configuration and whole files");
            }
            for (PlannedRun run : plan.runs()) { // a kept cut-short run that is done or adopted after all
                if (!toRun.contains(run) && resumable.containsKey(run.runId())) {
                    FileTrees.deleteRecursively(resumable.remove(run.runId()));
                }
            }
            listener.started(plan, List.copyOf(toRun), List.copyOf(finishedBefore));
            try {
                runAll(toRun, runs, ledger, Math.min(workers, Math.max(1, toRun.size())), listener, outcomes,
                        resumable);
            } catch (SweepException e) {
                // the ledger could not be written (e.g. the disk is full): finished runs are kept
                throw SweepException.stopped("the sweep stopped: " + e.getMessage() + "; runs finished so far are kept "
                        + "in " + runs + ". Fix the cause and rerun with --resume.", e);
            }
            List<RunOutcome> ordered = new ArrayList<>();
            for (PlannedRun run : plan.runs()) {
                ordered.add(outcomes.get(run.runId()));
            }
            return ordered;
        }
    }

    /**
     * Refuses, before any directory is touched, a sweep whose runs/ holds, under the name of a run the ledger does not
     * count as done, another run's result ({@link RunAdoption#otherRun}): running that run would overwrite it.
     */
    private static void refuseOtherRuns(SweepPlan plan, Map<String, LedgerEntry> entries, Path runs) {
        List<String> others = new ArrayList<>();
        for (PlannedRun run : plan.runs()) {
            LedgerEntry e = entries.get(run.runId());
            Path dir = runs.resolve(run.runId());
            if (e.status() != RunStatus.DONE && Files.isDirectory(dir)) {
                RunAdoption.otherRun(run, dir).ifPresent(why -> others.add("runs/" + run.runId() + " (" + why + ")"));
            }
        }
        if (!others.isEmpty()) {
            throw new SweepException(others.size() + " run director" + (others.size() == 1 ? "y holds" : "ies hold")
                    + " another result than the run of that name, which the ledger does not count as done: "
                    + String.join("; ", others.subList(0, Math.min(5, others.size())))
                    + (others.size() > 5 ? "; and " + (others.size() - 5) + " more" : "") + ". Running "
                    + (others.size() == 1 ? "it" : "them") + " would overwrite " + (others.size() == 1 ? "it" : "them")
                    + ": move " + (others.size() == 1 ? "it" : "them") + " out of runs/ and --resume again. Nothing was "
                    + "changed.");
        }
    }

    /** @param resumable the directories of runs cut short to go on from their resume snapshots, by run id */
    private void runAll(List<PlannedRun> toRun, Path runs, SweepLedger ledger, int workers, SweepListener listener,
                        Map<String, RunOutcome> outcomes, Map<String, Path> resumable) throws InterruptedException {
        if (toRun.isEmpty()) {
            return;
        }
        ThreadLocal<Integer> workerId = new ThreadLocal<>();
        AtomicInteger next = new AtomicInteger(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            int id = next.getAndIncrement();
            Thread t = new Thread(() -> {
                workerId.set(id);
                r.run();
            }, "sweep-worker-" + id);
            t.setDaemon(true);
            return t;
        });
        // set by the first run that finds the disk full: the runs not yet started are not started
        AtomicReference<SweepException> diskFull = new AtomicReference<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (PlannedRun run : toRun) {
                futures.add(pool.submit(() -> {
                    if (diskFull.get() != null) {
                        throw diskFull.get();
                    }
                    RunOutcome o = executeOne(run, runs, ledger, workerId.get(), listener, diskFull,
                            resumable.get(run.runId()));
                    outcomes.put(run.runId(), o);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // executeOne records run failures itself; what reaches here is a bug or a dead ledger
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** @param cutShort the run's directory left by a sweep cut short, with a resume snapshot to go on from; or null */
    private RunOutcome executeOne(PlannedRun run, Path runs, SweepLedger ledger, int worker, SweepListener listener,
                                  AtomicReference<SweepException> diskFull, Path cutShort) {
        String id = run.runId();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ledger.markRunning(id, started);
        listener.runStarted(worker, id);
        Path tmp = runs.resolve(TMP_PREFIX + id + "-" + UUID.randomUUID().toString().substring(0, 8));
        String error = null;
        Map<String, String> digests = Map.of();
        boolean wentOn = false; // from a resume snapshot
        try {
            RunProgress progress = new RunProgress() {
                @Override
                public void update(String phase, long done, long total) {
                    listener.runProgress(worker, id, phase, done, total);
                }

                @Override
                public void note(String phase, String note) {
                    listener.runNote(worker, id, phase, note);
                }
            };
            Path fresh = tmp;
            tmp = cutShort != null ? cutShort : fresh; // where the run works: what a failure keeps or removes
            wentOn = cutShort != null && resumed(run, cutShort, progress, listener, worker, ledger);
            if (!wentOn) {
                tmp = fresh;
                Files.createDirectories(tmp);
                executor.execute(run.config().deepCopy(), tmp, progress);
            }
            digests = RunFileDigests.of(tmp);
            AtomicFiles.moveAtomically(tmp, runs.resolve(id));
        } catch (Throwable e) {
            // a run that overflows its stack or runs out of memory fails alone (resume with fewer workers);
            // a broken JVM stops the sweep, leaving its runs to be redone on resume
            if (e instanceof InternalError || e instanceof UnknownError) {
                throw (Error) e;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            error = RunErrors.describe(e);
            if (executor.resumes() && RunFailures.resumable(e)
                    && Files.isRegularFile(tmp.resolve(RunDirectory.RESUME_SNAPSHOT))) {
                // a resume can get past this failure: runs/.tmp-… keeps the snapshot, which --resume goes on from
                int eol = error.indexOf('\n');
                error = error.substring(0, eol) + "; runs/" + tmp.getFileName() + " keeps its last finished epoch or checkpoint: "
                        + "--resume goes on from there" + RunFailures.remedy(e) + error.substring(eol);
            } else {
                try {
                    FileTrees.deleteRecursively(tmp);
                } catch (IOException cleanup) {
                    error += "\n(and its directory " + tmp + " could not be deleted: " + cleanup.getMessage() + ")";
                }
            }
            String full = diskFullCause(e);
            if (full != null) {
                // every later run would compute to its end and fail the same way: stop, this run left to --resume
                ledger.markPending(id);
                diskFull.compareAndSet(null, new SweepException("run " + id + " could not write its files (" + full
                        + "), so no later run could either", e));
                throw diskFull.get();
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        RunOutcome outcome;
        if (error == null) {
            ledger.markDone(id, digests, Instant.now(), wall);
            outcome = new RunOutcome(id, run.variant(), RunStatus.DONE, false, attempts(ledger, id), wall, null, wentOn,
                    runs.resolve(id));
        } else {
            ledger.markFailed(id, Instant.now(), wall, error);
            outcome = new RunOutcome(id, run.variant(), RunStatus.FAILED, false, attempts(ledger, id), wall, error, wentOn,
                    null);
        }
        listener.runFinished(worker, outcome);
        return outcome;
    }

    /**
     * Goes on with a run cut short in {@code dir} from its resume snapshot, recording in the ledger and telling the
     * listener where; a snapshot that cannot be resumed from (another configuration, damaged) is said and its
     * directory removed, and the run then starts afresh.
     *
     * @return whether the run went on (and finished) in {@code dir}; false: it is to be run from the start
     * @throws IOException          what the resumed run threw while training (the run failed, as a fresh one would)
     * @throws InterruptedException when interrupted while the resumed run waits
     */
    private boolean resumed(PlannedRun run, Path dir, RunProgress progress, SweepListener listener, int worker,
                            SweepLedger ledger) throws IOException, InterruptedException {
        String why = null;
        try {
            String config = Files.readString(dir.resolve(RunDirectory.CONFIG));
            // compared as read, not as text: a Somnus before 7 Dec 2026 wrote the same numbers as Java spells them
            // (1.0E-4 for 0.0001), and its runs still go on
            JsonNode planned = Mappers.YAML.readTree(Configs.toYaml(run.config()));
            if (!Mappers.YAML.readTree(config).equals(planned)) {
                why = "its config.yaml is not this sweep's configuration of the run";
            }
        } catch (IOException e) {
            why = "its config.yaml cannot be read (" + e.getMessage() + ")";
        }
        if (why == null) {
            try {
                // told once the snapshot passed the checks, read once for them and the resume
                executor.resume(dir, progress, at -> {
                    String from = at.inWords(run.config());
                    ledger.markResumed(run.runId(), from);
                    // the time left counts only the work after the resume
                    listener.runResumed(worker, run.runId(), from, SweepEta.leftAtResume(at, run.config()));
                });
                return true;
            } catch (ConfigException | FileFormatException e) {
                // refused before training went on; a changed class's refusal says what train --resume would do
                // (put the class back, "Nothing was changed."), not what happens here: why alone
                why = e instanceof ChangedUserClassException c ? c.reason() : e.getMessage();
            }
        }
        ledger.markResumed(run.runId(), null); // it starts afresh after all
        listener.runResumed(worker, run.runId(), null, RunWork.of(run.config()));
        // why first, then what happens: the directory goes and the run starts again
        listener.message("runs/" + dir.getFileName() + " cannot go on from its snapshot (" + why
                + "), so it is deleted and " + run.runId() + " runs again from the start");
        FileTrees.deleteRecursively(dir);
        return false;
    }

    /** The message of an "out of space" error among {@code e} and its causes (a full disk or quota), else null. */
    static String diskFullCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof IOException && m != null && (m.contains("No space left on device")
                    || m.contains("Disk quota exceeded"))) {
                return m;
            }
        }
        return null;
    }

    private static int attempts(SweepLedger ledger, String id) {
        return ledger.entry(id).map(LedgerEntry::attempts).orElse(0);
    }

    /**
     * Deletes the directories of runs in progress left by an interrupted sweep, but for those this executor can go on
     * with ({@link RunExecutor#resumes()}): a planned run's, not done, holding a resume snapshot (the newest where a
     * run left several), which go into {@code resumable} by run id.
     *
     * @return how many were deleted
     */
    private int deleteLeftovers(Path runs, SweepPlan plan, Map<String, LedgerEntry> entries,
                                Map<String, Path> resumable) throws IOException {
        Set<String> ids = new HashSet<>();
        for (PlannedRun run : plan.runs()) {
            LedgerEntry e = entries.get(run.runId());
            if (e == null || e.status() != RunStatus.DONE || !Files.isDirectory(runs.resolve(run.runId()))) {
                ids.add(run.runId());
            }
        }
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(runs)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(runs, TMP_PREFIX + "*")) {
                dir.forEach(found::add);
            }
        }
        int n = 0;
        for (Path p : found) {
            String name = p.getFileName().toString();
            // TMP_PREFIX + id + "-" + 8 hex digits (executeOne)
            String id = name.length() > TMP_PREFIX.length() + 9 && name.charAt(name.length() - 9) == '-'
                    ? name.substring(TMP_PREFIX.length(), name.length() - 9) : null;
            Path snapshot = p.resolve(RunDirectory.RESUME_SNAPSHOT);
            if (executor.resumes() && id != null && ids.contains(id) && Files.isRegularFile(snapshot)) {
                Path other = resumable.get(id);
                if (other == null || Files.getLastModifiedTime(snapshot).compareTo(Files.getLastModifiedTime(
                        other.resolve(RunDirectory.RESUME_SNAPSHOT))) > 0) {
                    resumable.put(id, p);
                    if (other == null) {
                        continue;
                    }
                    p = other; // the older of two: deleted
                }
            }
            FileTrees.deleteRecursively(p);
            n++;
        }
        return n;
    }
}
