package io.somnus.experiment.sweep;

import static io.somnus.experiment.sweep.SweepRunner.LOCK_FILE;
import static io.somnus.experiment.sweep.SweepRunner.RUNS_DIR;
import static io.somnus.experiment.sweep.SweepRunner.SWEEP_COPY;
import static io.somnus.experiment.sweep.SweepRunner.TMP_PREFIX;

import io.somnus.core.GaussianDraws;
import io.somnus.experiment.io.AtomicFiles;
import java.io.IOException;
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
import java.util.stream.Stream;

/**
 * What a sweep directory records of its sweep, read and checked before any run: whether the directory can hold the
 * sweep ({@link #checkBeforeRunning}), its ledger opened for a new or a resumed sweep (a lost one started anew beside
 * the runs it keeps), the plan as the directory recorded it ({@link #asRecorded}) and the runs still to do ({@link
 * #stillToDo}). The runs themselves are {@link SweepRunner}'s.
 */
public final class SweepRecord {
    private SweepRecord() {}

    /**
     * Checks, before anything is created or locked, that {@code out} can hold a sweep (a new one, or with
     * {@code resume} the one recorded there).
     *
     * @throws SweepException saying why not
     */
    static void checkOutput(Path out, boolean resume) throws IOException {
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

    /**
     * Opens the ledger of the sweep directory {@code out} (checked by {@link #checkOutput}) for {@code plan}: a new
     * one, where none is recorded (a lost or empty one beside run directories that are all the sweep's own), or the
     * recorded one where it is this sweep's, telling {@code listener} what it found.
     *
     * @throws SweepException where the directory holds another sweep, beside a lost ledger a run directory that is not
     *                        this sweep's, or a ledger that cannot be read; nothing is changed then
     */
    static SweepLedger openLedger(SweepPlan plan, Path out, boolean resume, SweepListener listener) throws IOException {
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
    static boolean doneAndKept(LedgerEntry e, Path runs) {
        return e.status() == RunStatus.DONE && Files.isDirectory(runs.resolve(e.runId()));
    }

    /**
     * The runs of {@code plan} a sweep into {@code outDir} would run: all of them, or with {@code resume} those its
     * ledger does not count as done with their directory there ({@link #doneAndKept}, as {@link SweepRunner#execute} skips them), in the plan as
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

    /** What a sweep started before controls were shared is told where it resumes so. */
    static String startedPerVariant(SweepPlan plan, Path out) {
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
