package io.somnus.cli;

import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.sweep.SweepLedger;
import io.somnus.experiment.sweep.SweepRunner;
import io.somnus.experiment.sweep.SweepTempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code somnus clean [DIR...]}: removes what interrupted work left behind and provably nobody uses any more —
 * temporary run directories ({@code .<name>.tmp-<n>}) of {@code train} runs whose process is gone, and the
 * unfinished runs ({@code runs/.tmp-*}) and temporary files of an interrupted aggregation ({@link SweepTempFiles})
 * of sweeps that no process is running; and the temporary files of interrupted exports ({@link ExportCommand}) and
 * reports ({@link ReportCommand}) in runs and sweeps, a sweep's runs included, once no process holds their lock
 * ({@link AtomicFiles#removeIfAbandoned}). Finished runs and files are never touched.
 */
@Command(name = "clean", mixinStandardHelpOptions = true,
        header = "Removes what interrupted runs and exports left behind.",
        // one line each: picocli wraps after a dot, and split these names ("DIR/glmm.", "csv.new")
        description = {"Removes what interrupted runs left, once their process is gone (lock free):",
                "  train's temporary directories, DIR/.<name>.tmp-<n>;",
                "  a sweep's temporary run directories, DIR/runs/.tmp-*;",
                "  an aggregation's temporary files: DIR/.aggregate.csv.*.tmp, DIR/glmm.csv.new;",
                "  export's temporary files in a run: RUN/.weights.safetensors.*.tmp (and network's),",
                "  and report's in a run or sweep: .report.html.*.tmp, once their writer is gone",
                "  (an empty one once it is " + AtomicFiles.EMPTY_GRACE_MINUTES + " minutes old: its writer may yet lock it),",
                "  in DIR, in its runs and sweeps and in its sweeps' runs (not those of an --out elsewhere).",
                "Finished runs and files are never touched.",
                "(train --out and sweep --resume do this for their own directory by themselves.)"})
final class CleanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..*", description = "directories holding runs or sweeps (default: runs, "
            + "where it exists; \"nothing to clean\" where not)")
    List<Path> dirs = new ArrayList<>();
    /** The directory cleaned when none is given (a field so that a test can point it elsewhere). */
    Path defaultDir = Path.of("runs");

    @Override
    public Integer call() throws IOException {
        if (dirs.isEmpty() && !Files.exists(defaultDir)) {
            // nothing given and no runs here: nothing can have been left behind, which is no bad input
            System.out.println("nothing to clean: no " + defaultDir + " directory in "
                    + defaultDir.toAbsolutePath().getParent() + " (give the directories that hold runs or sweeps)");
            return 0;
        }
        List<Path> targets = dirs.isEmpty() ? List.of(defaultDir) : dirs;
        for (Path d : targets) {
            if (!Files.isDirectory(d)) {
                throw new CliException(d + " is not a directory; give directories that hold runs or sweeps");
            }
        }
        List<String> report = new ArrayList<>();
        for (Path d : targets) {
            report.addAll(RunDirectories.removeAbandoned(d, null));
            Set<Path> written = new TreeSet<>(runsIn(d)); // where export and report write without a lock of their own
            for (Path sweep : sweepsIn(d)) {
                cleanSweep(sweep, report);
                written.add(sweep);
            }
            for (Path dir : written) {
                cleanUnlockedWrites(dir, report);
            }
        }
        if (report.isEmpty()) {
            System.out.println("nothing to clean in " + String.join(", ", targets.stream().map(Path::toString).toList()));
        }
        report.forEach(System.out::println);
        return 0;
    }

    /** The runs in {@code dir}: itself, its children, and the runs of a sweep in either ({@code runs/*}), sorted. */
    private static Set<Path> runsIn(Path dir) throws IOException {
        Set<Path> runs = new TreeSet<>();
        List<Path> places = new ArrayList<>();
        for (Path d : selfAndChildren(dir)) {
            places.add(d);
            places.add(d.resolve(SweepRunner.RUNS_DIR));
        }
        for (Path place : places) {
            if (RunDirectory.isRun(place)) {
                runs.add(place);
            }
            if (Files.isDirectory(place)) {
                try (Stream<Path> s = Files.list(place)) {
                    s.filter(RunDirectory::isRun).forEach(runs::add);
                }
            }
        }
        return runs;
    }

    /** {@code dir} and the directories in it: where clean looks for runs and sweeps. */
    private static List<Path> selfAndChildren(Path dir) throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(dir));
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(Files::isDirectory).sorted().forEach(dirs::add);
        }
        return dirs;
    }

    /** {@code dir} and its children that are sweep directories (a ledger and a runs/ folder), sorted. */
    private static Set<Path> sweepsIn(Path dir) throws IOException {
        Set<Path> sweeps = new TreeSet<>();
        for (Path place : selfAndChildren(dir)) {
            if (Files.isRegularFile(place.resolve(SweepLedger.FILE_NAME))
                    && Files.isDirectory(place.resolve(SweepRunner.RUNS_DIR))) {
                sweeps.add(place);
            }
        }
        return sweeps;
    }

    /**
     * The command that writes each file of a run or sweep directory without a lock of that directory (it may run beside
     * a sweep), so that only the lock its writer holds on the temporary file ({@link AtomicFiles#write}) tells whether
     * that writer is gone.
     */
    private static Map<String, String> unlockedWriters() {
        Map<String, String> writers = new TreeMap<>();
        ExportCommand.filesInRun().forEach(f -> writers.put(f, "export"));
        writers.put(ReportCommand.FILE, "report");
        return writers;
    }

    /**
     * Removes the temporary files that interrupted exports and reports left in {@code dir}: neither takes a lock of
     * it, but its writer holds one on its temporary file, which the operating system released as it died.
     */
    private static void cleanUnlockedWrites(Path dir, List<String> report) throws IOException {
        Map<String, String> writers = unlockedWriters();
        List<Path> temporary;
        try (Stream<Path> s = Files.list(dir)) {
            temporary = s.filter(p -> AtomicFiles.targetOf(p.getFileName().toString()).filter(writers::containsKey)
                    .isPresent()).filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : temporary) {
            String writer = writers.get(AtomicFiles.targetOf(p.getFileName().toString()).orElseThrow());
            if (AtomicFiles.removeIfAbandoned(p)) {
                report.add("removed " + p + ", the temporary file of an interrupted " + writer + " (the next " + writer
                        + " writes the file whole)");
            } else if (isEmpty(p)) {
                report.add("kept " + p + ": it is empty and less than " + AtomicFiles.EMPTY_GRACE_MINUTES
                        + " minutes old, so a somnus " + writer + " may be about to write it; a later clean removes it");
            } else if (Files.exists(p)) {
                report.add("kept " + p + ": a somnus " + writer + " is writing it; remove it yourself if no somnus "
                        + writer + " is running");
            }
        }
    }

    /** Whether {@code file} is there and holds no byte. */
    private static boolean isEmpty(Path file) throws IOException {
        try {
            return Files.size(file) == 0;
        } catch (NoSuchFileException e) {
            return false; // moved into place by its writer meanwhile
        }
    }

    /**
     * Removes the unfinished runs and the aggregation's temporary files of a sweep directory that no process works in
     * (this process then holds its lock, which every writer of them holds while it writes).
     */
    private static void cleanSweep(Path dir, List<String> report) throws IOException {
        Path runs = dir.resolve(SweepRunner.RUNS_DIR);
        if (!Files.isRegularFile(dir.resolve(SweepLedger.FILE_NAME)) || !Files.isDirectory(runs)) {
            return;
        }
        List<Path> unfinished;
        try (Stream<Path> s = Files.list(runs)) {
            unfinished = s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).sorted().toList();
        }
        List<Path> temporary = SweepTempFiles.find(dir);
        if (unfinished.isEmpty() && temporary.isEmpty()) {
            return;
        }
        Path lockFile = dir.resolve(SweepRunner.LOCK_FILE);
        Optional<DirectoryLock> lock = DirectoryLock.tryAcquire(lockFile, "somnus clean");
        if (lock.isEmpty()) {
            if (!unfinished.isEmpty()) {
                report.add("kept " + unfinished.size() + " unfinished run(s) in " + runs + ": the sweep is running ("
                        + DirectoryLock.holder(lockFile) + ")");
            }
            if (!temporary.isEmpty()) {
                report.add("kept " + temporary.size() + " temporary file(s) of the aggregation in " + dir + ": another "
                        + "process works in it (" + DirectoryLock.holder(lockFile) + ")");
            }
            return;
        }
        try (DirectoryLock held = lock.get()) {
            for (Path p : SweepTempFiles.removeStale(dir, held)) {
                report.add("removed " + p + ", a temporary file of an interrupted aggregation (the next aggregation "
                        + "writes the file whole)");
            }
            for (Path p : unfinished) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                report.add("removed " + p + ", an unfinished run of an interrupted sweep (--resume runs it again)");
            }
        }
    }
}
