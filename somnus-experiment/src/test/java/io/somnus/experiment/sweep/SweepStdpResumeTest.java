package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sweep cut short while an STDP-SNN run trained (the JVM stopped: its run directory, snapshot and ledger row
 * "running" left behind) goes on with that run from its last checkpoint's snapshot on {@code --resume}, not from the
 * start, and writes the uninterrupted sweep's run files, byte for byte: paper (every image from rest), paper-code
 * (carried streams of 4 images, the readout from training activity, early stopping over 3 epochs) and diehl-cook
 * (adaptive θ, normalisation, re-presentations).
 */
class SweepStdpResumeTest {
    /** The files that must be the uninterrupted run's bits. */
    static final String[] RESULTS = {"config.yaml", "metrics.csv", "summary.json", "weights.npz", "sleep_traces.csv",
            "weight_histograms.csv"};

    @TempDir
    Path tmp;

    static String sweep(String preset) {
        String set = switch (preset) {
            case "paper" -> "train.images: 40, train.checkpoints: 4, simulation.steps_per_image: 30, "
                    + "sleep.wake_steps: 210, populations.e.size: 40, populations.i.size: 10";
            case "paper-code" -> "train.images: 10, train.epochs: 3, train.checkpoints: 5, simulation.steps_per_image: 40, "
                    + "simulation.reset_every_images: 4, sleep.wake_steps: 100, sleep.max_episode_steps: 30, "
                    + "populations.e.size: 40, populations.i.size: 10";
            case "diehl-cook" -> "train.images: 30, train.checkpoints: 3, simulation.steps_per_image: 100, "
                    + "sleep.wake_steps: 700, populations.e.size: 20, dataset.resize: 14";
            default -> throw new IllegalArgumentException(preset);
        };
        return "name: stdpcut\npresets: [" + preset + "]\ndatasets: [geomfig]\nsleep_fractions: [0.2]\nseeds: [1]\n"
                + "set: {train.validation_images: 10, train.test_images: 10, train.eval_threads: 1, " + set + "}\n";
    }

    private static SweepPlan plan(String preset) {
        return SweepPlanner.plan(SweepSpec.parse(Path.of("stdpcut.yaml"), sweep(preset)), new StandardResolver());
    }

    @ParameterizedTest
    @ValueSource(strings = {"paper", "paper-code", "diehl-cook"})
    void aCutShortStdpRunGoesOnFromItsSnapshot(String preset) throws Exception {
        Path whole = tmp.resolve("whole");
        new SweepRunner(new StandardRunExecutor()).execute(plan(preset), whole, 1, false, SweepListener.NONE);
        String id = plan(preset).runs().get(0).runId();

        Path cut = tmp.resolve("cut");
        // stopped as image 16 reports: after a checkpoint (image 10; paper-code: 12) and its snapshot
        assertThrows(InternalError.class, () -> new SweepRunner(new SweepSgResumeTest.Counting(16))
                .execute(plan(preset), cut, 1, false, SweepListener.NONE));
        SweepSgResumeTest.Counting again = new SweepSgResumeTest.Counting(-1);
        again.spoilOnceChecked = true; // the resume goes on from the snapshot its check read, not from the file again
        RecordingListener told = new RecordingListener();
        new SweepRunner(again).execute(plan(preset), cut, 1, true, told);
        // the snapshot of the checkpoint before image 16: paper and diehl-cook image 10 of 40 and 30, paper-code image 12
        // of 10 × 3 epochs (checkpoints every 6 images), in its second epoch
        String expectedFrom = switch (preset) {
            case "paper" -> "image 11 of 40";
            case "paper-code" -> "image 13 of 30, epoch 2 of 3";
            default -> "image 11 of 30";
        };
        assertEquals(List.of(expectedFrom), told.resumedFrom, preset);
        LedgerEntry entry = SweepLedger.read(cut.resolve(SweepLedger.FILE_NAME)).get(0);
        assertEquals(expectedFrom, entry.resumedFrom(), "the ledger tells it from a run started afresh");
        assertEquals("", SweepLedger.read(whole.resolve(SweepLedger.FILE_NAME)).get(0).resumedFrom());
        // the time left is told the work after the snapshot, per phase. Training and sleep: the images left of all the
        // run trains (paper 30 of 40 at 30 steps: 900 steps, sleep f/(1 − f) = 1/4 of them, 225; paper-code 18 of
        // 10 × 3 epochs at 40 steps: 720, sleep 20 steps per 100 wake steps, 12 episodes, 240, × 18/30: 144;
        // diehl-cook 20 of 30 at 100 steps: 2 000, sleep 500). Evaluation: the checkpoints after the snapshot's (each
        // the readout's training images, all of them here, and the 10 validation images) and the end's (the readout's
        // and the 10 test images): paper (4 − 1) × (40 + 10) + 40 + 10 = 200 images at 30 steps, 6 000; paper-code
        // (5 − 2) × (10 + 10) + 10 + 10 = 80 at 40 steps, 3 200; diehl-cook (3 − 1) × (30 + 10) + 30 + 10 = 120 at
        // 100 steps, 12 000
        double[] expected = switch (preset) {
            case "paper" -> new double[] {900, 225, 6000};
            case "paper-code" -> new double[] {720, 144, 3200};
            default -> new double[] {2000, 500, 12000};
        };
        assertEquals(1, told.leftAtResume.size(), preset);
        RunWork resumedWith = told.leftAtResume.get(0);
        assertArrayEquals(expected, new double[] {resumedWith.train(), resumedWith.sleep(), resumedWith.evaluation()},
                1e-9, preset);
        assertEquals(1, again.resumed.get(), "went on from the snapshot");
        assertEquals(0, again.executed.get(), "not run from the start");
        assertTrue(told.messages.stream().anyMatch(l -> l.contains("checkpoint") && l.contains(id)), told.messages.toString());
        for (String f : RESULTS) {
            assertArrayEquals(Files.readAllBytes(whole.resolve("runs").resolve(id).resolve(f)),
                    Files.readAllBytes(cut.resolve("runs").resolve(id).resolve(f)), preset + ": " + f);
        }
        assertFalse(Files.exists(cut.resolve("runs").resolve(id).resolve(RunDirectory.RESUME_SNAPSHOT)));
        try (var left = Files.list(cut.resolve("runs"))) {
            assertEquals(List.of(id), left.map(p -> p.getFileName().toString()).toList(), "no directory left over");
        }
    }
}
