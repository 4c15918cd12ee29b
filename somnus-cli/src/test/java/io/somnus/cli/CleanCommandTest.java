package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.DirectoryLock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Temporary run directories of dead processes are removed by the next run with the same --out, or by clean. */
class CleanCommandTest {
    /** A temporary directory as a killed train leaves it: the lock note written, the lock free (its process gone). */
    private static Path abandoned(Path parent, String name) throws Exception {
        Path tmp = Files.createDirectories(parent.resolve("." + name + ".tmp-123"));
        Files.writeString(tmp.resolve(RunDirectories.LOCK_FILE), "pid 99999 (gone), since then: train --out " + name + "\n");
        Files.writeString(tmp.resolve("config.yaml"), "half a run");
        return tmp;
    }

    private static int run(String... args) {
        CommandLine cl = SomnusCli.commandLine();
        cl.setErr(new PrintWriter(new StringWriter(), true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    /**
     * {@code somnus clean} with no directory where no {@code runs} exists (a fresh checkout) has nothing to clean: exit
     * 0 and says so, where it refused with exit 2 as if given a bad directory; a directory given that does not exist is
     * still refused.
     */
    @Test
    void cleanWithoutADirectoryWhereNoRunsExistHasNothingToClean(@TempDir Path dir) throws Exception {
        CleanCommand clean = new CleanCommand();
        clean.defaultDir = dir.resolve("runs");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream before = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            CommandLine cl = new CommandLine(clean);
            cl.setErr(new PrintWriter(new StringWriter(), true));
            exit = cl.execute();
        } finally {
            System.setOut(before);
        }
        assertEquals(0, exit);
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("nothing to clean: no " + dir.resolve("runs") + " directory"), said);
        assertFalse(Files.exists(dir.resolve("runs")), "nothing created");
        assertEquals(SomnusCli.EXIT_BAD_INPUT, run("clean", dir.resolve("nowhere").toString()), "a directory given must exist");
    }

    @Test
    void theNextTrainWithTheSameOutRemovesWhatAKilledOneLeft(@TempDir Path dir) throws Exception {
        Path stale = abandoned(dir, "run");
        Path other = abandoned(dir, "other");
        assertEquals(0, run("train", "--dataset", "geomfig", "--train-images", "20", "--validation-images", "5",
                "--test-images", "5", "--set", "train.checkpoints=1", "--out", dir.resolve("run").toString()));
        assertFalse(Files.exists(stale), "the stale directory of this --out is removed");
        assertTrue(Files.exists(other), "another --out's is left for its own next run or clean");
        assertFalse(Files.exists(dir.resolve("run").resolve(RunDirectories.LOCK_FILE)), "no lock file in the run");
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "the run and the other stale directory, no new leftovers");
        }
    }

    @Test
    void cleanRemovesAbandonedAndKeepsLiveOnes(@TempDir Path dir) throws Exception {
        Path stale = abandoned(dir, "a");
        Path live = abandoned(dir, "b");
        Path unknown = Files.createDirectories(dir.resolve(".c.tmp-9")); // no lock note: cannot prove anything
        Path sweep = Files.createDirectories(dir.resolve("sweep").resolve("runs").resolve(".tmp-x-1234"));
        Files.writeString(dir.resolve("sweep").resolve("ledger.sqlite"), "");
        Files.createDirectories(dir.resolve("sweep").resolve("runs").resolve("done-run"));
        try (DirectoryLock held = DirectoryLock.tryAcquire(live.resolve(RunDirectories.LOCK_FILE), "test").orElseThrow()) {
            assertEquals(0, run("clean", dir.toString()));
        }
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live), "a run holding its lock is kept");
        assertTrue(Files.exists(unknown), "one that cannot be proved dead is kept");
        assertFalse(Files.exists(sweep), "an unfinished run of a sweep nobody runs is removed");
        assertTrue(Files.exists(dir.resolve("sweep").resolve("runs").resolve("done-run")), "finished runs are never touched");
        assertEquals(2, run("clean", dir.resolve("no-such-dir").toString()));
    }

    /** Runs clean with System.out (where it lists what it did) captured. */
    private static String cleanOutput(Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            assertEquals(0, run("clean", dir.toString()));
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A killed aggregation's temporary files: listed and removed when nobody holds the sweep, kept while one does. */
    @Test
    void cleanListsAndRemovesAKilledAggregationsTemporaryFiles(@TempDir Path dir) throws Exception {
        Path sweep = Files.createDirectories(dir.resolve("sweep"));
        Files.createDirectories(sweep.resolve("runs").resolve("done-run"));
        Files.writeString(sweep.resolve("ledger.sqlite"), "");
        Path aggregate = Files.writeString(sweep.resolve(".aggregate.csv.3f9a0c.tmp"), "half a table");
        Path glmm = Files.writeString(sweep.resolve("glmm.csv.new"), "half an R table");

        try (DirectoryLock held = DirectoryLock.tryAcquire(sweep.resolve(".somnus.lock"), "a sweep").orElseThrow()) {
            String out = cleanOutput(dir);
            assertTrue(out.contains("kept 2 temporary file(s) of the aggregation in " + sweep), out);
        }
        assertTrue(Files.exists(aggregate) && Files.exists(glmm), "kept while the sweep's lock is held");

        // a report writes without the sweep's lock: its own lock on its file tells a live report's from a dead one's
        Path report = Files.writeString(sweep.resolve(".report.html.77ab.tmp"), "<html>");
        String out;
        try (FileChannel channel = FileChannel.open(report, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) { // a report being written
            out = cleanOutput(dir);
        }
        assertTrue(out.contains("removed " + aggregate.toAbsolutePath() + ", a temporary file of an interrupted "
                + "aggregation"), out);
        assertTrue(out.contains("removed " + glmm.toAbsolutePath()), out);
        assertFalse(Files.exists(aggregate) || Files.exists(glmm));
        assertTrue(out.contains("kept " + report + ": a somnus report is writing it"), out);
        assertTrue(Files.exists(report), "a live report's is kept");
        assertTrue(Files.exists(sweep.resolve("runs").resolve("done-run")), "finished runs are never touched");
    }

    /** A finished run as far as clean tells one: a directory with a summary.json. */
    private static Path finishedRun(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), "{}");
        return dir;
    }

    /**
     * An interrupted export's temporary files, in a run beside others and in a sweep's run, and an interrupted report's
     * in a run and a sweep: removed once no process holds their lock; one whose lock is held, and an empty one younger
     * than the grace period, kept and said; an older empty one removed; the finished files, and another
     * file's temporary one, never touched. A run given itself is cleaned too.
     */
    @Test
    void cleanRemovesAnInterruptedExportsTemporaryFiles(@TempDir Path dir) throws Exception {
        Path run = finishedRun(dir.resolve("r1"));
        Path sweepRun = finishedRun(dir.resolve("sweep/runs/a"));
        Files.writeString(dir.resolve("sweep/ledger.sqlite"), "");
        Path stale = Files.writeString(run.resolve(".weights.safetensors.3f9a.tmp"), "half a file");
        Path staleNetwork = Files.writeString(sweepRun.resolve(".network.safetensors.77.tmp"), "half a file");
        Path empty = Files.createFile(run.resolve(".network.safetensors.1.tmp"));
        Path emptyLongAgo = Files.createFile(run.resolve(".report.html.2.tmp")); // its writer was killed before locking
        Files.setLastModifiedTime(emptyLongAgo,
                FileTime.from(Instant.now().minus(Duration.ofMinutes(AtomicFiles.EMPTY_GRACE_MINUTES + 1))));
        Path finished = Files.writeString(run.resolve("weights.safetensors"), "a finished file");
        Path notExports = Files.writeString(run.resolve(".metrics.csv.5.tmp"), "another writer's");
        Path held = Files.writeString(sweepRun.resolve(".weights.safetensors.9.tmp"), "being written");
        Path staleReport = Files.writeString(run.resolve(".report.html.c0.tmp"), "<html>");
        Path staleSweepReport = Files.writeString(dir.resolve("sweep/.report.html.c1.tmp"), "<html>");
        String out;
        try (FileChannel channel = FileChannel.open(held, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            out = cleanOutput(dir);
        }
        assertTrue(out.contains("removed " + stale.toAbsolutePath() + ", the temporary file of an interrupted export"),
                out);
        assertTrue(out.contains("removed " + staleReport.toAbsolutePath() + ", the temporary file of an interrupted "
                + "report (the next report writes the file whole)"), out);
        assertTrue(out.contains("removed " + staleSweepReport.toAbsolutePath() + ", the temporary file of an "
                + "interrupted report"), out);
        assertFalse(Files.exists(staleReport) || Files.exists(staleSweepReport));
        assertTrue(out.contains("removed " + staleNetwork.toAbsolutePath()), out);
        assertFalse(Files.exists(stale) || Files.exists(staleNetwork));
        assertTrue(out.contains("kept " + held + ": a somnus export is writing it"), out);
        assertTrue(out.contains("kept " + empty + ": it is empty and less than 10 minutes old, so a somnus export may "
                + "be about to write it"), out);
        assertTrue(out.contains("removed " + emptyLongAgo.toAbsolutePath() + ", the temporary file of an interrupted "
                + "report"), out);
        assertFalse(Files.exists(emptyLongAgo), "an empty one older than the grace period is removed");
        assertTrue(Files.exists(held) && Files.exists(empty), "a held one and an empty one are kept");
        assertTrue(Files.exists(finished) && Files.exists(notExports), "finished files and others' are never touched");

        Path again = Files.writeString(run.resolve(".weights.safetensors.4.tmp"), "half a file");
        out = cleanOutput(run);
        assertTrue(out.contains("removed " + again.toAbsolutePath()), out);
    }
}
