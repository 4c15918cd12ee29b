package io.somnus.experiment.sg;

import io.somnus.experiment.model.ResumeSnapshotFile;
import io.somnus.experiment.model.RunFiles;
import io.somnus.sg.SgCheckpoint;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An SG-SNN run's resume snapshot, {@value io.somnus.experiment.io.RunDirectory#RESUME_SNAPSHOT} in its (temporary) run directory
 * (docs/run-directory.md, "Resume snapshot"): written after every epoch, replacing the last (a temporary file, then
 * a rename), and removed when the run has written its results. It holds the trainer's {@link SgCheckpoint}, what
 * the run has recorded so far (the rows of metrics.csv, sleep_traces.csv, weight_histograms.csv) and the number
 * of the last sleep episode recorded, after the arithmetic it was computed with ({@link io.somnus.experiment.model.ResumeArithmetic}, checked at
 * a resume); it is bound to the run's config.yaml by that file's SHA-256, and ends with the
 * SHA-256 of everything before it, so that a damaged snapshot is refused rather than resumed from.
 */
final class SgResumeSnapshot {
    private static final ResumeSnapshotFile FILE = new ResumeSnapshotFile("SG-SNN", true,
            "stopped before its first epoch ended, or is not an SG-SNN run");

    /** What a snapshot gives back to the run going on from it (the run's tables are put back into its RunFiles). */
    record Contents(SgCheckpoint checkpoint, int recordedEpisodes) { }

    private SgResumeSnapshot() { }

    /** Replaces the snapshot in {@code files}' directory with the state after {@code checkpoint}'s epoch. */
    static void write(RunFiles files, SgCheckpoint checkpoint, int recordedEpisodes) throws IOException {
        FILE.write(files, out -> {
            checkpoint.write(out);
            out.writeInt(recordedEpisodes);
        });
    }

    /** Reads the snapshot in {@code files}' directory and puts the recorded tables back into {@code files}. */
    static Contents read(RunFiles files) {
        return FILE.read(files, in -> new Contents(SgCheckpoint.read(in), in.readInt()));
    }

    /** Checks the snapshot in {@code dir} before any data is loaded for the run ({@link ResumeSnapshotFile#verified}). */
    static ResumeSnapshotFile.Verified verified(Path dir, boolean allowOtherArithmetic) throws IOException {
        return FILE.verified(dir, allowOtherArithmetic);
    }
}
