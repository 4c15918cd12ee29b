package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.ResumePoint;
import io.somnus.experiment.run.RunExecutor;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep cut short while an SG-SNN run trained (the JVM stopped: its run directory, snapshot and ledger row
 * "running" left behind) goes on with that run from its snapshot on {@code --resume}, not from the start, and writes
 * the uninterrupted sweep's run files, byte for byte.
 */
class SweepSgResumeTest {
    static final String SWEEP = """
            name: sgcut
            presets: [paper-sg-code]
            datasets: [geomfig]
            sleep_fractions: [0.3]
            seeds: [3]
            set: {train.images: 70, train.validation_images: 20, train.test_images: 20, train.epochs: 3, sg.hidden: 20,
                  sg.steps: 10, sg.batch_size: 16, sg.sleep.steps_per_iteration: 10, sg.sleep.batch_copies: 4}
            """;

    @TempDir
    Path tmp;

    /** The real executor, counting how each run was begun; it stops the JVM's work (an InternalError) at an epoch. */
    static final class Counting implements RunExecutor {
        final StandardRunExecutor real = new StandardRunExecutor();
        final AtomicInteger executed = new AtomicInteger();
        final AtomicInteger resumed = new AtomicInteger();
        final long stopAtEpoch;
        final Supplier<? extends Throwable> failure;
        /**
         * Damage the snapshot on disk once the resume has checked it: the resume must go on from what the check read
         * (read once), not read the file again.
         */
        boolean spoilOnceChecked;

        Counting(long stopAtEpoch) {
            this(stopAtEpoch, () -> new InternalError("the JVM stopped"));
        }

        /** @param failure what the run throws once epoch {@code stopAtEpoch} is reported (an unchecked one) */
        Counting(long stopAtEpoch, Supplier<? extends Throwable> failure) {
            this.stopAtEpoch = stopAtEpoch;
            this.failure = failure;
        }

        @Override
        public void execute(ObjectNode config, Path runDir, RunProgress progress) throws IOException {
            executed.incrementAndGet();
            real.execute(config, runDir, (phase, done, total) -> {
                if (phase.equals("train") && done == stopAtEpoch) {
                    Throwable t = failure.get();
                    if (t instanceof Error err) {
                        throw err;
                    }
                    throw (RuntimeException) t;
                }
            });
        }

        @Override
        public boolean resumes() {
            return true;
        }

        @Override
        public void resume(Path runDir, RunProgress progress,
                           Consumer<ResumePoint> goingOn)
                throws IOException {
            resumed.incrementAndGet();
            real.resume(runDir, progress, at -> {
                goingOn.accept(at);
                if (spoilOnceChecked) {
                    spoil(runDir.resolve(RunDirectory.RESUME_SNAPSHOT));
                }
            });
        }
    }

    /** Flips a bit in the middle of {@code file}: its digest no longer matches. */
    static void spoil(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 1;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SweepPlan plan() {
        return SweepPlanner.plan(SweepSpec.parse(Path.of("sgcut.yaml"), SWEEP), new StandardResolver());
    }

    @Test
    void aCutShortSgRunGoesOnFromItsSnapshot() throws Exception {
        Path whole = tmp.resolve("whole");
        new SweepRunner(new StandardRunExecutor()).execute(plan(), whole, 1, false, SweepListener.NONE);
        String id = plan().runs().get(0).runId();

        Path cut = tmp.resolve("cut");
        assertThrows(InternalError.class, () -> new SweepRunner(new Counting(3)).execute(plan(), cut, 1, false,
                SweepListener.NONE));
        Counting again = new Counting(-1);
        again.spoilOnceChecked = true;
        RecordingListener told = new RecordingListener();
        new SweepRunner(again).execute(plan(), cut, 1, true, told);
        assertEquals(1, again.resumed.get(), "went on from the snapshot");
        // stopped as epoch 3 reported, before its snapshot: the snapshot is epoch 2's, so it goes on with epoch 3
        assertEquals(List.of("epoch 3 of 3"), told.resumedFrom);
        LedgerEntry entry = SweepLedger.read(cut.resolve(SweepLedger.FILE_NAME)).get(0);
        assertEquals("epoch 3 of 3", entry.resumedFrom(), "the ledger tells it from a run started afresh");
        assertEquals(2, entry.attempts());
        assertEquals("", SweepLedger.read(whole.resolve(SweepLedger.FILE_NAME)).get(0).resumedFrom());
        assertEquals(0, again.executed.get(), "not run from the start");
        assertTrue(told.messages.stream().anyMatch(l -> l.contains("go" ) && l.contains(id)), told.messages.toString());
        // stopped as epoch 3 reported, before its snapshot: the snapshot's 2 epochs of 3 done, so a third of the
        // training and sleep left, and of the evaluation the last epoch's validation (20 images) and the two tests
        // (the last epoch's parameters and the best validation epoch's, 20 images each): 60 images × 10 steps × 20
        // hidden units, 12 000
        assertEquals(1, told.leftAtResume.size());
        RunWork planned = RunWork.of(plan().runs().get(0).config());
        RunWork resumedWith = told.leftAtResume.get(0);
        assertArrayEquals(new double[] {planned.train() / 3, planned.sleep() / 3, 12000},
                new double[] {resumedWith.train(), resumedWith.sleep(), resumedWith.evaluation()}, 1e-6);
        for (String f : new String[] {"config.yaml", "metrics.csv", "summary.json", "weights.npz", "sleep_traces.csv",
                "weight_histograms.csv"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve("runs").resolve(id).resolve(f)),
                    Files.readAllBytes(cut.resolve("runs").resolve(id).resolve(f)), f);
        }
        assertFalse(Files.exists(cut.resolve("runs").resolve(id).resolve(RunDirectory.RESUME_SNAPSHOT)));
        try (var left = Files.list(cut.resolve("runs"))) {
            assertEquals(List.of(id), left.map(p -> p.getFileName().toString()).toList(), "no directory left over");
        }
    }

    /**
     * A run that fails with an I/O error (or out of memory) mid-run keeps its directory and snapshot, failed in the
     * ledger with a note saying so, and --resume goes on from the snapshot to the uninterrupted run's files; one that
     * fails with a bug-like exception is removed, and --resume runs it from the start.
     */
    @Test
    void aRunFailedByAnIoErrorKeepsItsSnapshotAndGoesOnOnResume() throws Exception {
        Path whole = tmp.resolve("whole");
        new SweepRunner(new StandardRunExecutor()).execute(plan(), whole, 1, false, SweepListener.NONE);
        String id = plan().runs().get(0).runId();

        Path cut = tmp.resolve("io");
        List<RunOutcome> failed = new SweepRunner(new Counting(3, () -> new UncheckedIOException(
                new IOException("Input/output error")))).execute(plan(), cut, 1, false, SweepListener.NONE);
        assertEquals(RunStatus.FAILED, failed.get(0).status());
        String line = failed.get(0).error().lines().findFirst().orElseThrow();
        assertTrue(line.contains("Input/output error") && line.contains("keeps its last finished epoch")
                && line.contains("--resume goes on"), line);
        try (SweepLedger ledger = SweepLedger.open(cut.resolve(SweepLedger.FILE_NAME))) {
            assertEquals(RunStatus.FAILED, ledger.entry(id).orElseThrow().status());
        }
        try (var left = Files.list(cut.resolve("runs"))) {
            Path kept = left.filter(p -> p.getFileName().toString().startsWith(SweepRunner.TMP_PREFIX + id)).findFirst()
                    .orElseThrow(() -> new AssertionError("the run's directory was removed"));
            assertTrue(Files.isRegularFile(kept.resolve(RunDirectory.RESUME_SNAPSHOT)));
            assertTrue(line.contains("runs/" + kept.getFileName()), line);
        }
        Counting again = new Counting(-1);
        assertEquals(RunStatus.DONE, new SweepRunner(again).execute(plan(), cut, 1, true, SweepListener.NONE).get(0)
                .status());
        assertEquals(1, again.resumed.get(), "went on from the snapshot");
        assertEquals(0, again.executed.get(), "not run from the start");
        for (String f : new String[] {"config.yaml", "metrics.csv", "summary.json", "weights.npz", "sleep_traces.csv",
                "weight_histograms.csv"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve("runs").resolve(id).resolve(f)),
                    Files.readAllBytes(cut.resolve("runs").resolve(id).resolve(f)), f);
        }

        Path bug = tmp.resolve("bug");
        failed = new SweepRunner(new Counting(3, () -> new IllegalStateException("a bug"))).execute(plan(), bug, 1,
                false, SweepListener.NONE);
        assertEquals(RunStatus.FAILED, failed.get(0).status());
        assertFalse(failed.get(0).error().contains("keeps"), failed.get(0).error());
        try (var left = Files.list(bug.resolve("runs"))) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList(), "removed");
        }
        Counting fresh = new Counting(-1);
        new SweepRunner(fresh).execute(plan(), bug, 1, true, SweepListener.NONE);
        assertEquals(0, fresh.resumed.get());
        assertEquals(1, fresh.executed.get(), "run again from the start");
    }

    @Test
    void aSnapshotThatCannotBeResumedFromIsSaidAndTheRunStartsAgain() throws Exception {
        Path cut = tmp.resolve("cut");
        assertThrows(InternalError.class, () -> new SweepRunner(new Counting(3)).execute(plan(), cut, 1, false,
                SweepListener.NONE));
        Path left;
        try (var found = Files.list(cut.resolve("runs"))) {
            left = found.filter(p -> p.getFileName().toString().startsWith(SweepRunner.TMP_PREFIX)).findFirst()
                    .orElseThrow();
        }
        Path snapshot = left.resolve(RunDirectory.RESUME_SNAPSHOT);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 3] ^= 2;
        Files.write(snapshot, bytes);
        Counting again = new Counting(-1);
        RecordingListener told = new RecordingListener();
        List<RunOutcome> outcomes = new SweepRunner(again).execute(plan(), cut, 1, true, told);
        assertEquals(1, again.resumed.get());
        assertEquals(1, again.executed.get(), "run again from the start");
        assertEquals(RunStatus.DONE, outcomes.get(0).status());
        assertTrue(told.messages.stream().anyMatch(l -> l.contains("cannot go on from its snapshot")
                && l.contains("is damaged")), told.messages.toString());
    }
}
