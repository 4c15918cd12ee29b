package io.somnus.cli;

import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.stats.AggregateResult;
import io.somnus.experiment.stats.NotAResultDirectoryException;
import io.somnus.experiment.sweep.SweepException;
import io.somnus.experiment.sweep.SweepLock;
import io.somnus.experiment.sweep.SweepResults;
import io.somnus.experiment.sweep.SweepRunner;
import io.somnus.experiment.sweep.SweepTempFiles;
import io.somnus.report.ReportBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code somnus report DIR [--out FILE] [--aggregate]}: the self-contained HTML report of a sweep or run
 * directory. Register with {@code commandLine.addSubcommand(new ReportCommand())}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Writes a self-contained HTML report of a sweep or a run.",
        description = {"The figures and tables are embedded in the one HTML file, which opens without its directory."})
public final class ReportCommand implements Callable<Integer> {
    /** The page a report writes into the sweep or run directory it shows, unless --out names another. */
    static final String FILE = "report.html";
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a sweep directory (with runs/) or a run directory (with summary.json)")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "the HTML file, its name ending in .html or .htm "
            + "(default: DIR/report.html); an existing one is replaced, its directory made if missing")
    Path out;

    @Option(names = "--aggregate", description = "first (re)write the sweep's aggregate.csv, runs_long.csv, curves.csv and "
            + "stats.json, fitting the GLMM if R with glmmTMB is installed now")
    boolean aggregate;

    /** Who holds the sweep lock of {@code dir}, where a sweep is at work there; empty where none is (or cannot tell). */
    private static Optional<String> workingSweep(Path dir) {
        Path lock = dir.resolve(SweepRunner.LOCK_FILE);
        try {
            return DirectoryLock.isLocked(lock) ? Optional.of(DirectoryLock.holder(lock)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code file}'s name ends in .html or .htm, in any case (what browsers and file managers open as HTML). */
    static boolean isHtmlName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".html") && name.length() > 5) || (name.endsWith(".htm") && name.length() > 4);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            StderrNote.say(stderr, "somnus report: " + dir + (Files.exists(dir) ? " is not a directory" : " does not exist")
                    + "; give a sweep or run directory");
            stderr.flush();
            return SweepCommand.EXIT_USAGE;
        }
        if (aggregate && RunDirectory.isRun(dir)) {
            StderrNote.say(stderr, "somnus report: --aggregate is for a sweep directory; " + dir + " is a run directory (it has "
                    + RunDirectory.SUMMARY + "), whose report needs no aggregates");
            stderr.flush();
            return SweepCommand.EXIT_USAGE;
        }
        Path html = out != null ? out : dir.resolve(FILE);
        if (out != null) {
            RunDirectories.requireNoFileAbove("--out", out);
        }
        // a name without .html (report.txt, a directory's name that does not exist yet) got HTML without a word,
        // which a browser then shows as text, and an existing file of another kind would be replaced
        String refused = Files.isDirectory(html) ? "is a directory; give the HTML file to write (e.g. --out "
                + html.resolve(FILE) + ")"
                : !isHtmlName(html) ? "does not end in .html or .htm; the report is one HTML page (e.g. --out "
                + html.resolveSibling(html.getFileName() + ".html") + ")" : null;
        if (refused != null) { // an earlier report is replaced; nothing else is written
            StderrNote.say(stderr, "somnus report: --out " + html + " " + refused);
            stderr.flush();
            return SweepCommand.EXIT_USAGE;
        }
        try {
            if (aggregate) {
                try (DirectoryLock lock = SweepLock.lockToAggregate(dir)) {
                    AggregateResult a = SweepResults.aggregate(dir);
                    // what was written where, in the words the sweep uses ("aggregated 6 runs" named no file)
                    stdout.println("aggregates of " + a.runs() + " runs written to " + a.dir() + " (aggregate.csv, "
                            + "runs_long.csv, curves.csv, stats.json, verdict.json, verdict.csv); GLMM " + a.glmm().status());
                    // stale: every writer of these files holds the lock this process holds now (SweepTempFiles)
                    List<Path> stale = SweepTempFiles.removeStale(dir, lock);
                    if (!stale.isEmpty()) {
                        stdout.println(SweepTempFiles.removedInWords(stale));
                    }
                }
            }
            if (!aggregate) { // --aggregate holds the lock itself, and is refused while a sweep works there
                workingSweep(dir).ifPresent(holder -> stdout.println("note: a sweep is at work in " + dir + " ("
                        + holder + "): this report shows the runs finished so far; the sweep writes its own when it "
                        + "ends"));
            }
            ReportBuilder.build(dir, html);
        } catch (NotAResultDirectoryException | FileFormatException | SweepException e) {
            StderrNote.say(stderr, "somnus report: " + e.getMessage());
            stderr.flush();
            return SweepCommand.EXIT_USAGE;
        } catch (FileSystemException e) {
            if (!(e instanceof AccessDeniedException) && !"Read-only file system".equals(e.getReason())) {
                throw e;
            }
            // nothing was written: the report (or the aggregates) go to a place this user cannot write
            Path where = e.getFile() == null ? html.toAbsolutePath().getParent() : Path.of(e.getFile()).getParent();
            StderrNote.say(stderr, "somnus report: cannot write into " + where + " (" + AtomicFiles.reason(e)
                    + ")" + (aggregate ? "; --aggregate rewrites the sweep's own files, so it needs a sweep directory "
                    + "you may write" : "; give --out FILE in a directory you may write"));
            stderr.flush();
            return SweepCommand.EXIT_USAGE;
        }
        stdout.println("report: " + html.toAbsolutePath());
        stdout.flush();
        return 0;
    }
}
