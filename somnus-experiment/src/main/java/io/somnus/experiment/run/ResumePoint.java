package io.somnus.experiment.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.model.ResumeSnapshotFile;
import io.somnus.experiment.stdp.StdpTraining;
import io.somnus.sg.SgCheckpoint;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a run cut short stands in its resume snapshot, read from the first numbers of the training state that
 * SgCheckpoint and StdpTraining write (the snapshot neither checked nor resumed from).
 *
 * @param sg                whether it is an SG-SNN run
 * @param done              an SG-SNN run's epochs finished, an STDP-SNN run's images trained (presentations seen)
 * @param checkpointsPassed an STDP-SNN run's checkpoints evaluated (0 for an SG-SNN run)
 * @param orderLength       an STDP-SNN run's images per epoch (0 for an SG-SNN run)
 */
public record ResumePoint(boolean sg, long done, long checkpointsPassed, int orderLength) {
    /**
     * The point of the snapshot in {@code runDir}, a run of {@code config}.
     *
     * @throws IOException when there is none or it is not of the configuration's model
     */
    public static ResumePoint read(Path runDir, JsonNode config) throws IOException {
        boolean sg = "sg".equals(config.path("model").asText());
        try (DataInputStream in = ResumeSnapshotFile.trainingState(runDir, sg ? "SG-SNN" : "STDP-SNN")) {
            if (sg) {
                return new ResumePoint(true, SgCheckpoint.read(in).epoch(), 0, 0);
            }
            StdpTraining.Position at = StdpTraining.Position.read(in);
            return new ResumePoint(false, at.imagesSeen(), at.checkpointsPassed(), at.orderLength());
        }
    }
}
