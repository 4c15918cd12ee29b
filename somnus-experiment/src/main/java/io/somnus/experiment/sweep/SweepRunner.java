package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.core.GaussianDraws;
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
import io.somnus.experiment.stats.NotAResultDirectoryException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import java.util.stream.Stream;

/**
 * Executes a {@link SweepPlan} into a sweep directory, durably:
 *
 * <pre>
 * DIR/.somnus.lock             the lock of the process working in DIR (see {@link #lock})
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
 * a directory holding another run's result is never overwritten: the sweep is refused. Runs execute on a fixed pool of
 * worker threads; a failing run is recorded with its error and the others continue. A worker's {@link RunExecutor} may do the work elsewhere (a {@link SweepEngine} such as
 * Spark, which returns the files): the directory is still filled here, moved and recorded by the same code.
 *
 * <p>One process at a time works in a sweep directory: it holds an operating-system lock on {@code DIR/.somnus.lock}
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
        try (DirectoryLock lock = lock(out, resume)) {
            return execute(plan, out, workers, resume, listener, lock);
        }
    }

    /**
     * Checks that {@code outDir} can hold a sweep (see {@link #execute}), then locks it (creating it) for this process.
     *
     * @throws SweepException naming the directory (and the holder, when another process works in it); nothing is
     *                        created when the directory cannot hold a sweep
     */
    public static DirectoryLock lock(Path outDir, boolean resume) throws IOException {
        Path out = outDir.toAbsolutePath().normalize();
        Path file = out.resolve(LOCK_FILE);
        // a sweep at work there is the reason to refuse, before "not empty: pass --resume", which would be refused too
        boolean locked;
        try {
            locked = DirectoryLock.isLocked(file); // opens the lock file to write: refused on read-only storage
        } catch (FileSystemException e) {
            throw cannotWrite(out, e);
        }
        if (locked) {
            throw inUse(out, file);
        }
        checkOutput(out, resume);
        try {
            Files.createDirectories(out);
        } catch (FileSystemException e) {
            throw new SweepException("cannot create the sweep directory " + out + " (" + AtomicFiles.reason(e)
                    + "); choose an --out where you may write. Nothing was changed.", e);
        }
        Optional<DirectoryLock> lock;
        try {
            lock = DirectoryLock.tryAcquire(file, "sweep in " + out);
        } catch (FileSystemException e) {
            throw cannotWrite(out, e);
        }
        return lock.orElseThrow(() -> inUse(out, file));
    }

    private static SweepException cannotWrite(Path out, FileSystemException e) {
        return new SweepException("cannot write into the sweep directory " + out + " (" + AtomicFiles.reason(e) + "); "
                + "a sweep on storage you cannot write can be reported (somnus report DIR --out FILE) but not run "
                + "or resumed. Nothing was changed.", e);
    }

    private static SweepException inUse(Path out, Path lockFile) {
        return new SweepException("sweep directory " + out + " is in use by " + holderInWords(DirectoryLock.holder(
                lockFile)) + "; wait for it to finish or stop it, then --resume. Nothing was changed.");
    }

    /**
     * Locks a sweep (or run) directory whose aggregates are to be rewritten ({@code report --aggregate}): the files
     * that a sweep writes under its lock are written by one process at a time ({@link SweepTempFiles}).
     *
     * @throws SweepException naming the directory and the holder when another process works in it
     * @throws io.somnus.experiment.stats.NotAResultDirectoryException when {@code dir} has no runs/ folder
     * @throws java.nio.file.FileSystemException when the lock file cannot be created (the directory is read-only)
     */
    public static DirectoryLock lockToAggregate(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(d.resolve(RUNS_DIR))) { // checked before the lock file is made in it
            throw new NotAResultDirectoryException(d + " is not a sweep directory (no "
                    + RUNS_DIR + "/ folder); --aggregate rewrites a sweep's aggregates");
        }
        Path file = d.resolve(LOCK_FILE);
        return DirectoryLock.tryAcquire(file, "aggregation of " + d).orElseThrow(() -> new SweepException(
                "sweep directory " + d + " is in use by " + holderInWords(DirectoryLock.holder(file)) + "; --aggregate "
                        + "rewrites files that only the process working in it writes: wait for it to finish (a sweep "
                        + "writes its aggregates when its runs end), or report without --aggregate. Nothing was changed."));
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
        SweepPlan asPlanned = asRecorded(plan, out);
        if (plan.sharedControls() > 0 && asPlanned.sharedControls() == 0) {
            listener.message(startedPerVariant(plan, out));
        }
        plan = asPlanned;
        // the runs' datasets are read while the ledger opens and the workers start (RunExecutor#prefetch)
        executor.prefetch(plan.runs().stream().map(PlannedRun::config).toList());
        try (SweepLedger ledger = openLedger(plan, out, resume, listener)) {
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
                if (doneAndKept(e, runs)) {
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

    /**
     * Checks, before anything is created or locked, that {@code out} can hold a sweep (a new one, or with
     * {@code resume} the one recorded there).
     *
     * @throws SweepException saying why not
     */
    private static void checkOutput(Path out, boolean resume) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new SweepException("output " + out + " exists and is not a directory; choose another --out");
        }
        Optional<Path> file = AtomicFiles.fileAbove(out);
        if (file.isPresent()) {
            throw new SweepException("output " + out + " lies under " + file.get() + ", which is a file; choose another "
                    + "--out");
        }
        Path ledgerFile = out.resolve(SweepLedger.FILE_NAME);
        boolean empty = !Files.exists(out) || isEmpty(out);
        // a sweep directory whose ledger was lost: --resume starts a new one where its runs are this sweep's
        boolean lostLedger = resume && Files.isDirectory(out.resolve(RUNS_DIR));
        if (!empty && !Files.isRegularFile(ledgerFile) && !resume && Files.isDirectory(out.resolve(RUNS_DIR))) {
            throw new SweepException("output directory " + out + " holds runs/ but no " + SweepLedger.FILE_NAME + ": "
                    + "--resume starts a new ledger that keeps the finished runs there (each checked against the sweep "
                    + "file), or choose another --out (nothing was changed).");
        }
        if (!empty && !Files.isRegularFile(ledgerFile) && !lostLedger) {
            throw new SweepException("output directory " + out + " is not empty and holds no " + SweepLedger.FILE_NAME
                    + ", so it is not a sweep directory; choose another --out (nothing was changed).");
        }
        if (!empty && !resume) {
            throw new SweepException("output directory " + out + " already exists and is not empty; nothing was "
                    + "overwritten. Pass --resume to continue the sweep recorded there, or choose another --out.");
        }
    }

    private SweepLedger openLedger(SweepPlan plan, Path out, boolean resume, SweepListener listener) throws IOException {
        checkOutput(out, resume);
        Path ledgerFile = out.resolve(SweepLedger.FILE_NAME);
        List<String> existingRuns = runDirectories(out.resolve(RUNS_DIR));
        if (resume && !Files.isRegularFile(ledgerFile) && existingRuns.isEmpty()) {
            // start-or-continue is a fair use of --resume (a job script rerun as it is), but a mistyped directory
            // must not pass for a continued sweep unnoticed
            listener.message("--resume: no sweep is recorded in " + out + " yet, so the sweep starts there (if you "
                    + "meant to continue one, check the directory's name)");
        }
        boolean noLedger = !Files.isRegularFile(ledgerFile) || Files.size(ledgerFile) == 0;
        boolean keepingRuns = !existingRuns.isEmpty() && noLedger;
        if (keepingRuns) {
            // a ledger lost (or never written, or left empty) after runs finished: a new one counts those runs done
            // where each directory holds one of this sweep's runs, finished; else nothing is touched
            String notOurs = notThisSweeps(plan, out.resolve(RUNS_DIR), existingRuns);
            if (notOurs != null) {
                throw new SweepException(lostLedger(out, existingRuns, Files.isRegularFile(ledgerFile)
                        ? "is empty (0 bytes)" : "is missing", notOurs));
            }
            listener.message("the sweep ledger " + ledgerFile + (Files.isRegularFile(ledgerFile) ? " is empty" : " is "
                    + "missing") + ": a new one is started, which keeps the run directories under runs/ that hold "
                    + "their runs, finished (each was written for one of this sweep's runs)");
            Files.deleteIfExists(ledgerFile);
        }
        boolean runsDirBefore = Files.isDirectory(out.resolve(RUNS_DIR));
        boolean ledgerBefore = Files.exists(ledgerFile, LinkOption.NOFOLLOW_LINKS);
        Files.createDirectories(out.resolve(RUNS_DIR));
        SweepLedger ledger;
        try {
            ledger = SweepLedger.open(ledgerFile);
        } catch (SweepException e) {
            if (existingRuns.isEmpty()) {
                // e.g. a full disk: SQLite leaves an empty ledger, which with runs/ made the directory one that only
                // --resume would take; what this call made is removed, so that "nothing was changed" holds
                removeIfMadeHere(ledgerFile, ledgerBefore, out.resolve(RUNS_DIR), runsDirBefore);
            }
            throw new SweepException(existingRuns.isEmpty() ? e.getMessage() + "; nothing was changed"
                    : lostLedger(out, existingRuns, "cannot be read (" + e.getMessage() + ")", null), e);
        }
        try {
            String hash;
            try {
                hash = ledger.meta("sweep_hash").orElse(null);
                ledger.entries(); // a damaged row is named here, with the way on, before anything is changed
            } catch (SweepException e) {
                throw new SweepException(lostLedger(out, existingRuns, "cannot be read (" + e.getMessage() + ")",
                        null), e);
            }
            if (hash == null && !existingRuns.isEmpty() && !keepingRuns) {
                throw new SweepException(lostLedger(out, existingRuns, "records no sweep", null));
            }
            if (hash == null) {
                ledger.initialise(plan, Instant.now());
                SweepUserClasses.checkOrRecord(ledger, plan, out);
                String planned = plan.spec().fileText(); // as read when planned, not as the file is now
                if (planned != null) {
                    AtomicFiles.write(out.resolve(SWEEP_COPY), planned);
                }
            } else if (!hash.equals(plan.hash())) {
                throw new SweepException(differentSweep(out, ledger, plan));
            } else {
                String drawn = ledger.meta(SweepLedger.GAUSSIAN_DRAWS).orElse(null);
                if (drawn != null && !drawn.equals(GaussianDraws.stream())) {
                    throw new SweepException(otherNoise(out, drawn));
                }
                SweepUserClasses.checkOrRecord(ledger, plan, out); // the same run ids, but another rule
                listener.message("resuming sweep '" + plan.spec().name() + "' in " + out);
                int missing = ledger.addMissing(plan);
                if (missing > 0) {
                    listener.message("the ledger had no row for " + missing + " of the sweep's runs (changed outside "
                            + "somnus): they were added as pending, and a run directory of theirs is kept where it "
                            + "holds its run, finished, else run again");
                }
            }
            return ledger;
        } catch (RuntimeException | IOException e) {
            ledger.close();
            throw e;
        }
    }

    /** Resuming would mix runs whose noise was drawn otherwise (docs/portability.md, "Java 17 and Java 25"). */
    private static String otherNoise(Path out, String drawn) {
        return "the sweep in " + out + " drew its runs' noise as " + drawn + ", but this JVM draws it as "
                + GaussianDraws.stream() + " (" + GaussianDraws.algorithm() + "): resuming would mix runs whose numbers "
                + "differ for that reason alone. "
                + "Resume it as it was started (the somnus launcher passes --add-opens " + GaussianDraws.OPENS
                + "), or start over in a new --out. Nothing was changed.";
    }

    /**
     * @param notOurs where the ledger is missing or empty: the run directory that holds no run of the sweep as this
     *                JVM computes it, and why; null where the ledger is there but unusable (then moving it aside lets
     *                --resume keep the runs that are)
     */
    private static String lostLedger(Path out, List<String> runs, String problem, String notOurs) {
        Path ledger = out.resolve(SweepLedger.FILE_NAME);
        String held = "the sweep ledger " + ledger + " " + problem + ", but " + out.resolve(RUNS_DIR) + " holds "
                + runs.size() + " run director" + (runs.size() == 1 ? "y" : "ies");
        if (notOurs != null) {
            return held + ", and " + notOurs + ". If " + out + " was started with another sweep file, resume with "
                    + "that one (" + out.resolve(SWEEP_COPY) + " is a copy of it); else move that directory out of "
                    + "runs/ and --resume again. Nothing was changed.";
        }
        return held + " (e.g. " + runs.get(0) + "). Restore the ledger from a backup, or move it aside (mv " + ledger
                + " " + ledger + ".damaged) and --resume the same sweep file: a new ledger then keeps every run "
                + "directory that holds one of its runs, finished, runs the rest again, and refuses where a directory "
                + "was written for another configuration. Nothing was changed.";
    }

    /**
     * The first of {@code names} under {@code runs} that holds no run of {@code plan} as this JVM computes it, with
     * why; null when every one does (those unfinished or damaged are then run again, the rest kept: {@link RunAdoption}).
     */
    private static String notThisSweeps(SweepPlan plan, Path runs, List<String> names) {
        Map<String, PlannedRun> byId = new HashMap<>();
        for (PlannedRun r : plan.runs()) {
            byId.put(r.runId(), r);
        }
        for (String name : names) {
            PlannedRun run = byId.get(name);
            if (run == null) {
                return "runs/" + name + " is no run of this sweep file";
            }
            Optional<String> why = RunAdoption.otherRun(run, runs.resolve(name));
            if (why.isPresent()) {
                return "runs/" + name + " is not this sweep's run of that name (" + why.get() + ")";
            }
        }
        return null;
    }

    /** Names of the entries of {@code runs} other than unfinished ({@code .tmp-*}) ones; empty if it does not exist. */
    private static List<String> runDirectories(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(TMP_PREFIX)).sorted().toList();
        }
    }

    /**
     * What {@code sweep --dry-run --out DIR [--resume]} checks of DIR: {@link #checkOutput}, and with {@code resume}
     * that the sweep recorded there, if any, is this one, its classes of one's own unchanged ({@link SweepUserClasses}).
     *
     * @throws SweepException saying why the real run would refuse DIR
     */
    public static void checkBeforeRunning(Path outDir, SweepPlan plan, boolean resume) throws IOException {
        Path out = outDir.toAbsolutePath().normalize();
        checkOutput(out, resume);
        plan = resume ? asRecorded(plan, out) : plan;
        Path ledgerFile = out.resolve(SweepLedger.FILE_NAME);
        if (resume && Files.isRegularFile(ledgerFile) && Files.size(ledgerFile) > 0) {
            try (SweepLedger ledger = SweepLedger.open(ledgerFile)) {
                String hash = ledger.meta("sweep_hash").orElse(null);
                if (hash != null && !hash.equals(plan.hash())) {
                    throw new SweepException(differentSweep(out, ledger, plan));
                }
                SweepUserClasses.check(ledger, plan, out);
            }
        }
    }

    /** Whether a resumed sweep skips the run of {@code e}: done in the ledger, and its directory in {@code runs} kept. */
    private static boolean doneAndKept(LedgerEntry e, Path runs) {
        return e.status() == RunStatus.DONE && Files.isDirectory(runs.resolve(e.runId()));
    }

    /**
     * The runs of {@code plan} a sweep into {@code outDir} would run: all of them, or with {@code resume} those its
     * ledger does not count as done with their directory there ({@link #doneAndKept}, as {@link #execute} skips them), in the plan as
     * {@code outDir} recorded it ({@link #asRecorded}). A ledger that cannot be read counts none as done: the sweep's
     * own checks say what is wrong with it.
     */
    public static List<PlannedRun> stillToDo(SweepPlan plan, Path outDir, boolean resume) {
        if (!resume) {
            return plan.runs();
        }
        Path out = outDir.toAbsolutePath().normalize();
        SweepPlan recorded = asRecorded(plan, out);
        Path ledgerFile = out.resolve(SweepLedger.FILE_NAME);
        Set<String> done = new HashSet<>();
        try {
            if (Files.isRegularFile(ledgerFile) && Files.size(ledgerFile) > 0) {
                try (SweepLedger ledger = SweepLedger.openForReading(ledgerFile)) {
                    for (LedgerEntry e : ledger.entries()) {
                        if (doneAndKept(e, out.resolve(RUNS_DIR))) {
                            done.add(e.runId());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return recorded.runs();
        }
        return recorded.runs().stream().filter(r -> !done.contains(r.runId())).toList();
    }

    /**
     * The plan as the sweep directory {@code out} recorded it: {@code plan} with its variants spelled as the ledger
     * spells them ({@link SweepPlan#spelledAs}: {@code eta=5.0E-4} in a directory an older Somnus made), and where
     * {@code out} holds this sweep started before controls were shared (its ledger's hash is that of the plan {@link
     * SweepPlan#withoutSharing without sharing}; or, its ledger lost, a run directory under runs/ is a control that
     * sharing leaves out), the plan without sharing, so that the sweep resumes and reports as it was started.
     */
    public static SweepPlan asRecorded(SweepPlan plan, Path out) {
        Path ledgerFile = out.resolve(SweepLedger.FILE_NAME);
        try {
            if (Files.isRegularFile(ledgerFile) && Files.size(ledgerFile) > 0) {
                String hash;
                List<LedgerEntry> recorded;
                try (SweepLedger ledger = SweepLedger.openForReading(ledgerFile)) {
                    hash = ledger.meta("sweep_hash").orElse(null);
                    recorded = ledger.entries();
                }
                SweepPlan spelled = plan.spelledAs(recorded);
                SweepPlan perVariant = spelled.withoutSharing();
                return perVariant != spelled && perVariant.hash().equals(hash) ? perVariant : spelled;
            }
            SweepPlan perVariant = plan.withoutSharing();
            if (perVariant == plan) {
                return plan;
            }
            Set<String> leftOut = new HashSet<>(); // the controls that sharing leaves to another variant's
            perVariant.runs().forEach(r -> leftOut.add(r.runId()));
            plan.runs().forEach(r -> leftOut.remove(r.runId()));
            for (String name : runDirectories(out.resolve(RUNS_DIR))) {
                if (leftOut.contains(name)) {
                    return perVariant;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a ledger or directory that cannot be read: the sweep's own checks (openLedger) say what is wrong
        }
        return plan;
    }

    private static String startedPerVariant(SweepPlan plan, Path out) {
        return out + " holds sweep '" + plan.spec().name() + "' as it was started, before untrained controls were "
                + "shared between variants: it resumes so, with a control run for each variant (" + plan.withoutSharing()
                .runs().size() + " runs; in a new --out it would be " + plan.runs().size() + ")";
    }

    private static String differentSweep(Path out, SweepLedger ledger, SweepPlan plan) {
        Map<String, String> recorded = new HashMap<>();
        for (LedgerEntry e : ledger.entries()) {
            recorded.put(e.runId(), e.configHash());
        }
        List<String> examples = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (PlannedRun run : plan.runs()) {
            planned.add(run.runId());
            String h = recorded.get(run.runId());
            if (h == null) {
                examples.add("run " + run.runId() + " is new");
            } else if (!h.equals(run.configHash())) {
                examples.add("run " + run.runId() + " now resolves to a different configuration");
            }
        }
        recorded.keySet().stream().filter(id -> !planned.contains(id)).sorted()
                .forEach(id -> examples.add("run " + id + " is no longer in the sweep"));
        String name = ledger.meta("sweep_name").orElse("?");
        return "output directory " + out + " holds a different sweep: its ledger records sweep '" + name + "' with "
                + recorded.size() + " runs, but " + plan.spec().source() + " now gives " + plan.runs().size()
                + " runs (" + String.join("; ", examples.subList(0, Math.min(3, examples.size())))
                + (examples.size() > 3 ? "; and " + (examples.size() - 3) + " more differences" : "")
                + "). A sweep directory holds one sweep, so its results stay comparable: write the changed sweep to "
                + "a new --out directory (or delete " + out + " to start over)." + namedByFile(recorded.keySet())
                + " Nothing was changed.";
    }

    /**
     * Why a directory of a configuration file's runs that a Somnus before 7 Dec 2026 started differs: its run ids
     * carried the file's name with {@code .yaml} ({@code ff.yaml__geomfig__f0.00__s1}), and a changes file's runs
     * resolved to the preset they change, where they now carry the file's name ({@code ff__…}, {@code preset: ff}). Empty
     * where no recorded id is of that kind.
     */
    static String namedByFile(Collection<String> recordedIds) {
        return recordedIds.stream().filter(id -> id.matches(".+\\.(yaml|yml)__.+")).sorted().findFirst()
                .map(id -> " Its runs (" + id + ") were named by a Somnus before 7 Dec 2026, which named a configuration"
                        + " file's runs with its .yaml and ran a changes file as the preset it changes; this Somnus"
                        + " names them without it and cannot resume them: finish the sweep with the Somnus that"
                        + " started it (commit d810ddda), or run it anew in a new --out ('somnus report' and"
                        + " 'somnus inspect' still read this directory).").orElse("");
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
        listener.runResumed(worker, run.runId(), null, StudyEstimate.work(run.config()));
        // why first, then what happens: the directory goes and the run starts again
        listener.message("runs/" + dir.getFileName() + " cannot go on from its snapshot (" + why
                + "), so it is deleted and " + run.runId() + " runs again from the start");
        FileTrees.deleteRecursively(dir);
        return false;
    }

    /** "another process (pid 12 …)", or "another process" where the holder left no note (it says the same). */
    private static String holderInWords(String holder) {
        return holder.equals("another process") ? holder : "another process (" + holder + ")";
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

    /** Removes an empty ledger and an empty runs/ where they were not there before. */
    private static void removeIfMadeHere(Path ledgerFile, boolean ledgerBefore, Path runsDir, boolean runsDirBefore) {
        try {
            if (!ledgerBefore && Files.isRegularFile(ledgerFile) && Files.size(ledgerFile) == 0) {
                Files.deleteIfExists(ledgerFile); // an empty file records nothing: SQLite writes no side files before it
            }
            if (!runsDirBefore && isEmpty(runsDir)) {
                Files.deleteIfExists(runsDir);
            }
        } catch (IOException ignored) {
            // the ledger's own error says what went wrong; a leftover here is what the next --resume takes
        }
    }

    /** Whether a directory holds nothing but (possibly) the lock file. */
    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> p.getFileName().toString().equals(LOCK_FILE));
        }
    }

}
