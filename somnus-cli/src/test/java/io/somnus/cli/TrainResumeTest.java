package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.ResumeArithmetic;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.ResumePoint;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code somnus train --resume RUN}: an SG-SNN or STDP-SNN run cut short (its temporary directory left beside RUN, as a kill
 * leaves it) goes on and ends as the run never cut short, byte for byte; what cannot be resumed is refused, named.
 */
class TrainResumeTest {
    private record Outcome(int exit, String err) { }

    @TempDir
    Path tmp;

    private static Outcome run(String... args) {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Outcome(cl.execute(args), err.toString());
    }

    /** As {@link #run}, with what the command printed on System.err (its "somnus: …" lines, the bar) as well. */
    private static Outcome runSayingAll(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            Outcome o = run(args);
            return new Outcome(o.exit(), said.toString(StandardCharsets.UTF_8) + o.err());
        } finally {
            System.setErr(saved);
        }
    }

    /** A tiny paper-code run: 10 images × 3 epochs, a checkpoint (and snapshot) every 10 images. */
    static ObjectNode tinyStdp() {
        Map<String, Object> s = new HashMap<>(Map.of("preset", "paper-code", "dataset.name", "geomfig",
                "train.images", 10, "train.epochs", 3, "train.checkpoints", 3, "train.validation_images", 10,
                "train.test_images", 10, "simulation.steps_per_image", 40, "simulation.reset_every_images", 4,
                "sleep.wake_steps", 100));
        s.putAll(Map.of("populations.e.size", 40, "populations.i.size", 10, "train.eval_threads", 1));
        return new StandardResolver().resolve(s);
    }

    static ObjectNode tinySg() {
        Map<String, Object> s = new HashMap<>(Map.of("preset", "paper-sg-code", "dataset.name", "geomfig",
                "train.images", 70, "train.validation_images", 20, "train.test_images", 20, "train.epochs", 3,
                "sg.hidden", 20, "sg.steps", 10, "sg.batch_size", 16, "sleep.fraction", 0.3));
        s.putAll(Map.of("sg.sleep.steps_per_iteration", 10, "sg.sleep.batch_copies", 4));
        return new StandardResolver().resolve(s);
    }

    /** The temporary directory a run into {@code run} leaves when it is killed after epoch {@code epoch}. */
    static Path cutShort(Path run, ObjectNode config, int epoch) {
        Path left = run.resolveSibling("." + run.getFileName() + ".tmp-1");
        assertThrows(IllegalStateException.class, () -> new StandardRunExecutor().execute(config, left,
                (phase, done, total) -> {
                    if (phase.equals("train") && done == epoch + 1) {
                        throw new IllegalStateException("killed");
                    }
                }));
        return left;
    }

    @Test
    void aCutShortRunGoesOnToTheUninterruptedRunsFiles() throws Exception {
        ObjectNode config = tinySg();
        Path whole = tmp.resolve("whole");
        new StandardRunExecutor().execute(config, whole, RunProgress.NONE);
        Path run = tmp.resolve("run");
        Path left = cutShort(run, config, 1);
        Outcome o = run("train", "--resume", run.toString(), "--no-report");
        assertEquals(0, o.exit(), o.err());
        for (String f : new String[] {"config.yaml", "metrics.csv", "summary.json", "weights.npz", "sleep_traces.csv",
                "weight_histograms.csv"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(run.resolve(f)), f);
        }
        assertFalse(Files.exists(left), "the temporary directory became the run");
        assertFalse(Files.exists(run.resolve(RunDirectory.RESUME_SNAPSHOT)), "no snapshot in a finished run");
        assertFalse(Files.exists(run.resolve(RunDirectories.LOCK_FILE)));

        o = run("train", "--resume", run.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("--resume " + run + ": the run is finished (it has summary.json)"), o.err());
    }

    /**
     * A run that fails mid-run in a way a resume can get past (an I/O error writing its files, the heap exhausted)
     * keeps its temporary directory, and its error says how to go on; --resume then ends as the run never failed. One
     * that fails with a bug-like exception, or before its first snapshot, is removed (a resume would fail the same way).
     */
    @Test
    void aRunFailedByAnIoErrorOrOutOfMemoryIsKeptForResume() throws Exception {
        ObjectNode config = tinySg();
        Path whole = tmp.resolve("whole");
        new StandardRunExecutor().execute(config, whole, RunProgress.NONE);
        Path run = tmp.resolve("io");
        Path left = cutShort(run, config, 1);
        RuntimeException io = new UncheckedIOException("cannot write metrics.csv",
                new IOException("No space left on device"));
        RuntimeException kept = RunDirectories.afterFailure(left, run, io).orElseThrow(
                () -> new AssertionError("removed"));
        assertTrue(Files.isRegularFile(left.resolve(RunDirectory.RESUME_SNAPSHOT)), "kept");
        String said = SomnusCli.userMessage(kept);
        assertTrue(said.startsWith("cannot write metrics.csv") && said.contains(left + " holds its resume snapshot")
                && said.contains("somnus train --resume " + run + " goes on"), said);
        assertEquals(1, SomnusCli.exitStatus(kept));
        Outcome o = run("train", "--resume", run.toString(), "--no-report");
        assertEquals(0, o.exit(), o.err());
        for (String f : new String[] {"config.yaml", "metrics.csv", "summary.json", "weights.npz", "sleep_traces.csv",
                "weight_histograms.csv"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(run.resolve(f)), f);
        }

        Path memory = tmp.resolve("memory");
        left = cutShort(memory, config, 1);
        said = SomnusCli.userMessage(RunDirectories.afterFailure(left, memory, new OutOfMemoryError("Java heap space"))
                .orElseThrow(() -> new AssertionError("removed")));
        assertTrue(said.contains("Java heap space") && said.contains("SOMNUS_JAVA_OPTS=-Xmx")
                && said.contains("somnus train --resume " + memory), said);

        Path bug = tmp.resolve("bug");
        left = cutShort(bug, config, 1);
        assertTrue(RunDirectories.afterFailure(left, bug, new IllegalStateException("a bug")).isEmpty());
        assertFalse(Files.exists(left), "removed: resuming would fail the same way");
        Path refused = tmp.resolve("refused");
        left = cutShort(refused, config, 1);
        assertTrue(RunDirectories.afterFailure(left, refused, new FileFormatException(
                "damaged", new IOException("short read"))).isEmpty());
        assertFalse(Files.exists(left), "a refused input is no I/O error");
        Path early = tmp.resolve("early");
        left = cutShort(early, config, 0);
        assertTrue(RunDirectories.afterFailure(left, early, io).isEmpty());
        assertFalse(Files.exists(left), "no snapshot yet: nothing to go on from");
        // the heap exhausted before the first snapshot (diehl-cook N_e = 6 400 under -Xmx1g, writing it): removed, and
        // the error says what to set, where the JVM's said "Java heap space" with a stack trace
        Path heap = tmp.resolve("heap");
        left = cutShort(heap, config, 0);
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertTrue(RunDirectories.afterFailure(left, heap, oom).isEmpty());
        RuntimeException told = RunDirectories.outOfHeap(heap, oom).orElseThrow(() -> new AssertionError("raw"));
        said = SomnusCli.userMessage(told);
        assertTrue(said.startsWith("the run into " + heap + " ran out of the Java heap (at most ")
                && said.contains("kept nothing to resume from") && said.contains("SOMNUS_JAVA_OPTS=-Xmx"), said);
        assertEquals(1, SomnusCli.exitStatus(told));
        assertTrue(RunDirectories.outOfHeap(heap, new IllegalStateException("a bug")).isEmpty(), "only the heap's");
    }

    /**
     * An STDP-SNN run of paper-code (carried streams of 4 images, wake noise, the readout from training activity)
     * killed at image 16 goes on from its snapshot of image 10, mid-stream, to the uninterrupted run's files.
     */
    @Test
    void aCutShortStdpRunGoesOnFromItsLastCheckpoint() throws Exception {
        ObjectNode config = tinyStdp();
        Path whole = tmp.resolve("stdp-whole");
        new StandardRunExecutor().execute(config, whole, RunProgress.NONE);
        Path run = tmp.resolve("stdp-run");
        Path left = cutShort(run, config, 15);
        assertTrue(Files.isRegularFile(left.resolve(RunDirectory.RESUME_SNAPSHOT)));
        Outcome o = run("train", "--resume", run.toString(), "--no-report");
        assertEquals(0, o.exit(), o.err());
        for (String f : new String[] {"config.yaml", "metrics.csv", "summary.json", "weights.npz", "sleep_traces.csv",
                "weight_histograms.csv"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(run.resolve(f)), f);
        }
        assertFalse(Files.exists(left), "the temporary directory became the run");
        assertFalse(Files.exists(run.resolve(RunDirectory.RESUME_SNAPSHOT)), "no snapshot in a finished run");
    }

    /**
     * A run started with --no-report (its temporary directory holds RunDirectories.NO_REPORT) and cut short writes no
     * report.html when resumed without the option either, SG-SNN and STDP-SNN alike, and says so; one started without
     * it does write one. The mark does not end up in the run directory.
     */
    @Test
    void aResumeKeepsTheRunsNoReport() throws Exception {
        for (boolean sg : new boolean[] {true, false}) {
            Path run = tmp.resolve(sg ? "sg-quiet" : "stdp-quiet");
            Path left = sg ? cutShort(run, tinySg(), 1) : cutShort(run, tinyStdp(), 15);
            RunDirectories.recordNoReport(left); // as train --no-report leaves it
            Outcome o = runSayingAll("train", "--resume", run.toString());
            assertEquals(0, o.exit(), o.err());
            assertFalse(Files.exists(run.resolve("report.html")), "the run was started with --no-report");
            assertTrue(o.err().contains("the run was started with --no-report, so no report.html is written; "
                    + "--report writes it, or somnus report " + run + " later"), o.err());
            assertFalse(Files.exists(run.resolve(RunDirectories.NO_REPORT)), "no mark in a finished run");
        }
        Path run = tmp.resolve("reported");
        cutShort(run, tinySg(), 1);
        Outcome o = runSayingAll("train", "--resume", run.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(Files.isRegularFile(run.resolve("report.html")), "started with a report: it gets one");
    }

    /**
     * A run started with --no-report and resumed with --report writes its report.html after all (and does not say it
     * writes none); {@code --report} on the resume also takes the mark away, so a further resume writes it too.
     */
    @Test
    void aResumeWithReportUndoesTheRunsNoReport() throws Exception {
        Path run = tmp.resolve("sg-undone");
        Path left = cutShort(run, tinySg(), 1);
        RunDirectories.recordNoReport(left); // as train --no-report leaves it
        Outcome o = runSayingAll("train", "--resume", run.toString(), "--report");
        assertEquals(0, o.exit(), o.err());
        assertTrue(Files.isRegularFile(run.resolve("report.html")), o.err());
        assertFalse(o.err().contains("no report.html is written"), o.err());
        Path marked = Files.createDirectories(tmp.resolve(".marked.tmp-1"));
        RunDirectories.recordNoReport(marked);
        RunDirectories.recordReport(marked, true);
        assertFalse(Files.exists(marked.resolve(RunDirectories.NO_REPORT)), "--report on a resume takes the mark away");
    }

    /**
     * The resume says where it goes on, in one line: an SG-SNN run cut short after epoch 1 of 3 from epoch 2, an
     * STDP-SNN run (10 images × 3 epochs) whose last snapshot is at image 10 from image 11 of 30, epoch 2. A refused
     * resume (a damaged snapshot) draws no progress bar before its error.
     */
    @Test
    void theResumeSaysWhereItGoesOnAndARefusalDrawsNoBar() throws Exception {
        Path sg = tmp.resolve("sg-where");
        Path left = cutShort(sg, tinySg(), 1);
        Outcome o = runSayingAll("train", "--resume", sg.toString(), "--no-report");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.err().contains("somnus: resuming " + left + " from epoch 2 of 3\n"), o.err());

        Path stdp = tmp.resolve("stdp-where");
        left = cutShort(stdp, tinyStdp(), 15);
        o = runSayingAll("train", "--resume", stdp.toString(), "--no-report");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.err().contains("somnus: resuming " + left + " from image 11 of 30, epoch 2 of 3\n"), o.err());

        Path damaged = tmp.resolve("damaged");
        left = cutShort(damaged, tinySg(), 1);
        Path snapshot = left.resolve(RunDirectory.RESUME_SNAPSHOT);
        byte[] bad = Files.readAllBytes(snapshot);
        bad[bad.length - 100] ^= 4;
        Files.write(snapshot, bad);
        o = runSayingAll("train", "--resume", damaged.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains(snapshot + " is damaged"), o.err());
        assertFalse(o.err().contains("train") && o.err().contains("%"), "no bar before the refusal: " + o.err());
        assertFalse(o.err().contains("resuming"), o.err());
    }

    /** The phrase after "from" at the edges: training done (the evaluation left), one epoch (none named), no total. */
    @Test
    void whereAResumeGoesOnIsSaidAtTheEdgesToo() {
        assertEquals("the evaluation (all 3 epochs trained)", new ResumePoint(true, 3, 0, 0).inWords(3, 1));
        assertEquals("the evaluation (all 30 images trained)", new ResumePoint(false, 30, 3, 10).inWords(30, 3));
        assertEquals("image 5 of 10", new ResumePoint(false, 4, 1, 10).inWords(10, 1));
        assertEquals("image 25 of 30, epoch 3 of 3", new ResumePoint(false, 24, 2, 10).inWords(30, 3));
        assertEquals("epoch 2", new ResumePoint(true, 1, 0, 0).inWords(0, 1));
    }

    /** --no-report on a resume is kept in turn, for a later resume of a run cut short again. */
    @Test
    void aResumesOwnNoReportIsRecorded() throws Exception {
        Path left = cutShort(tmp.resolve("later"), tinySg(), 1);
        Files.delete(left.resolve(RunDirectory.CONFIG)); // the resume stops after the options' record
        Outcome o = run("train", "--resume", tmp.resolve("later").toString(), "--no-report");
        assertEquals(2, o.exit(), o.err());
        assertTrue(Files.exists(left.resolve(RunDirectories.NO_REPORT)), "recorded before it went on");
    }

    @Test
    void theTemporaryDirectoryItselfMayBeNamed() throws Exception {
        Path run = tmp.resolve("named");
        Path left = cutShort(run, tinySg(), 2);
        Outcome o = run("train", "--resume", left.toString(), "--no-report");
        assertEquals(0, o.exit(), o.err());
        assertTrue(Files.isRegularFile(run.resolve("summary.json")) && !Files.exists(left));
    }

    @Test
    void whatCannotBeResumedIsRefusedAndKept() throws Exception {
        Path run = tmp.resolve("run");
        Outcome o = run("train", "--resume", run.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("there is no interrupted run of " + run), o.err());

        o = run("train", "--resume", run.toString(), "--seed", "2", "--preset", "paper-sg");
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("leave out --seed, --preset"), o.err());

        Path left = cutShort(run, tinySg(), 1);
        // a fresh run into RUN would remove the interrupted one with its epochs: refused, naming --resume and clean
        o = run("train", "--preset", "paper-sg", "--dataset", "geomfig", "--out", run.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("--out " + run + ": an interrupted run of it can go on")
                && o.err().contains("somnus train --resume " + run) && o.err().contains("somnus clean"), o.err());
        assertTrue(Files.isDirectory(left), "kept");
        Path snapshot = left.resolve(RunDirectory.RESUME_SNAPSHOT);
        byte[] good = Files.readAllBytes(snapshot);
        byte[] bad = good.clone();
        bad[bad.length - 100] ^= 4;
        Files.write(snapshot, bad);
        o = run("train", "--resume", run.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains(snapshot + " is damaged"), o.err());
        assertTrue(Files.exists(snapshot) && !Files.exists(run), "kept, and no run directory made");

        Files.write(snapshot, good);
        Path yaml = left.resolve(RunDirectory.CONFIG);
        String config = Files.readString(yaml);
        Files.writeString(yaml, config.replace("hidden: 20", "hidden: 21"));
        o = run("train", "--resume", run.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains(yaml + " is not the configuration the run started with"), o.err());
        Files.writeString(yaml, config);

        try (DirectoryLock held = DirectoryLock.tryAcquire(left.resolve(RunDirectories.LOCK_FILE), "the test")
                .orElseThrow()) {
            o = run("train", "--resume", run.toString());
            assertEquals(2, o.exit(), o.err());
            assertTrue(o.err().contains("a run is writing " + left), o.err());
        }
        o = run("train", "--resume", run.toString(), "--no-report"); // all put back: it goes on
        assertEquals(0, o.exit(), o.err());
    }

    @Test
    void anStdpRunBeforeItsFirstCheckpointOrOneStoppedInItsFirstEpochCannotBeResumed() throws Exception {
        Path stdp = tmp.resolve("stdp");
        Path left = Files.createDirectories(stdp.resolveSibling(".stdp.tmp-1"));
        ObjectNode paper = new StandardResolver().resolve(Map.of("preset", "paper", "dataset.name", "geomfig"));
        Files.writeString(left.resolve(RunDirectory.CONFIG), Configs.toYaml(paper));
        Outcome o = run("train", "--resume", stdp.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("has no resume snapshot") && o.err().contains("first checkpoint")
                && o.err().contains("run it again"), o.err());
        assertTrue(Files.exists(left.resolve(RunDirectory.CONFIG)), "kept");

        Path early = tmp.resolve("early");
        cutShort(early, tinySg(), 0);
        o = run("train", "--resume", early.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("has no resume snapshot"), o.err());
    }

    /**
     * A snapshot computed with other arithmetic (faked: its recorded os_arch rewritten, its digest made again) is
     * refused with exit 2, naming the fact then and now and the option, and kept; with --allow-other-arithmetic the
     * run goes on and provenance.json records the mix. The option alone, without --resume, is refused.
     */
    @Test
    void aSnapshotOfOtherArithmeticIsRefusedWithExit2UnlessAllowed() throws Exception {
        Path run = tmp.resolve("arith");
        Path left = cutShort(run, tinySg(), 1);
        Path snapshot = left.resolve(RunDirectory.RESUME_SNAPSHOT);
        byte[] all = Files.readAllBytes(snapshot);
        byte[] body = Arrays.copyOf(all, all.length - 32);
        int head = "SOMNUS-SG-RESUME\n".length() + 4 + 32; // the first line, the version, config.yaml's SHA-256
        DataInputStream in = new DataInputStream(
                new ByteArrayInputStream(body, head, body.length - head));
        ResumeArithmetic.Recorded was = ResumeArithmetic.Recorded.read(in);
        byte[] rest = in.readAllBytes();
        Map<String, String> facts = new LinkedHashMap<>(was.facts());
        facts.put("os_arch", "sparc");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(body, 0, head);
        new ResumeArithmetic.Recorded(facts, was.mixes()).write(out);
        out.write(rest);
        byte[] edited = bytes.toByteArray();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(edited);
        byte[] faked = Arrays.copyOf(edited, edited.length + 32);
        System.arraycopy(digest, 0, faked, edited.length, 32);
        Files.write(snapshot, faked);

        Outcome o = run("train", "--resume", run.toString(), "--no-report");
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("os_arch: sparc when the snapshot was written, " + System.getProperty("os.arch")
                + " now") && o.err().contains("--allow-other-arithmetic"), o.err());
        assertArrayEquals(faked, Files.readAllBytes(snapshot), "kept as it was");

        o = run("train", "--preset", "paper", "--allow-other-arithmetic", "--out", tmp.resolve("new").toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("--allow-other-arithmetic goes with --resume RUN only"), o.err());

        o = run("train", "--resume", run.toString(), "--allow-other-arithmetic", "--snapshot-minutes", "0",
                "--no-report"); // the interval is no configuration: allowed with --resume
        assertEquals(0, o.exit(), o.err());
        String mix = Mappers.JSON.readTree(run.resolve(RunDirectory.PROVENANCE).toFile())
                .get("resumed_under_other_arithmetic").get(0).asText();
        assertTrue(mix.contains("os_arch: sparc when the snapshot was written"), mix);
    }
}
