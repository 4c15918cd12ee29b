package io.somnus.experiment.stdp;

import io.somnus.experiment.model.ResumeSnapshotFile;
import io.somnus.experiment.model.RunFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An STDP-SNN run's resume snapshot, {@value io.somnus.experiment.io.RunDirectory#RESUME_SNAPSHOT} in its (temporary) run directory
 * (docs/run-directory.md, "Resume snapshot"): written after every checkpoint evaluation and, between two, when the
 * run's {@link io.somnus.experiment.model.SnapshotTrigger} says a wall-clock interval has passed, replacing the last (a
 * temporary file, then a rename), and removed when the run has written its results. Its body is the training's state
 * ({@link StdpTraining}: the network whole, the generators, the sleep schedule and clock, the image position, the
 * readout's and early stopping's state, the times so far) followed by what the run has recorded (the rows of
 * metrics.csv, sleep_traces.csv, weight_histograms.csv). It records the arithmetic it was computed with
 * ({@link io.somnus.experiment.model.ResumeArithmetic}), checked at a resume. Like the SG-SNN's it is bound to the run's config.yaml by that
 * file's SHA-256 and ends with the SHA-256 of everything before it, so that a damaged snapshot is refused rather than
 * resumed from; its own first line tells it from an SG-SNN run's.
 */
final class StdpResumeSnapshot {
    private static final ResumeSnapshotFile FILE = new ResumeSnapshotFile("STDP-SNN", false, "stopped before its "
            + "first checkpoint (train.checkpoints) ended and before its first timed snapshot (--snapshot-minutes, "
            + "SOMNUS_SNAPSHOT_MINUTES), or kept none (a run with --export-spikes, --input-spikes, --load-network or "
            + "--save-network)");

    /** Writes the training's part of a snapshot. */
    interface State {
        void accept(DataOutputStream out) throws IOException;
    }

    /** Reads the training's part of a snapshot back. */
    interface Restore {
        void accept(DataInputStream in) throws IOException;
    }

    private StdpResumeSnapshot() { }

    /** Replaces the snapshot in {@code files}' directory; returns its size in bytes. */
    static long write(RunFiles files, State state) throws IOException {
        return FILE.write(files, state::accept);
    }

    /** Reads the snapshot in {@code files}' directory into the training and the recorded tables into {@code files}. */
    static void read(RunFiles files, Restore state) {
        FILE.read(files, in -> {
            state.accept(in);
            return null;
        });
    }

    /** Checks the snapshot in {@code dir} before any data is loaded for the run ({@link ResumeSnapshotFile#verified}). */
    static ResumeSnapshotFile.Verified verified(Path dir, boolean allowOtherArithmetic) throws IOException {
        return FILE.verified(dir, allowOtherArithmetic);
    }
}
