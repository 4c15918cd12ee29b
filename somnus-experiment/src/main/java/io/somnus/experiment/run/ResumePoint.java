package io.somnus.experiment.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ModelKind;
import io.somnus.experiment.config.Protocol;
import io.somnus.experiment.model.ResumeSnapshotFile;
import io.somnus.experiment.stdp.StdpTraining;
import io.somnus.sg.SgCheckpoint;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Where a run cut short stands in its resume snapshot, read from the first numbers of the training state that
 * SgCheckpoint and StdpTraining write.
 *
 * @param sg                whether it is an SG-SNN run
 * @param done              an SG-SNN run's epochs finished, an STDP-SNN run's images trained (presentations seen)
 * @param checkpointsPassed an STDP-SNN run's checkpoints evaluated (0 for an SG-SNN run)
 * @param orderLength       an STDP-SNN run's images per epoch (0 for an SG-SNN run)
 */
public record ResumePoint(boolean sg, long done, long checkpointsPassed, int orderLength) {
    /**
     * The point of a snapshot the resume has read and checked ({@link StandardRunExecutor#resumption}), without reading
     * the file again.
     *
     * @throws IOException when its training state does not begin as the model's does
     */
    static ResumePoint of(ResumeSnapshotFile.Verified snapshot, boolean sg) throws IOException {
        try (DataInputStream in = snapshot.trainingState()) {
            if (sg) {
                return new ResumePoint(true, SgCheckpoint.read(in).epoch(), 0, 0);
            }
            StdpTraining.Position at = StdpTraining.Position.read(in);
            return new ResumePoint(false, at.imagesSeen(), at.checkpointsPassed(), at.orderLength());
        }
    }

    /**
     * What a run of {@code config} trains in all, in the units of {@link #done} and of the training phase's progress
     * (so that a bar shows it from the start): an SG-SNN run's epochs (SgRun), an STDP-SNN run's images over all its
     * epochs, less the sleep's share under {@code sleep.budget: fixed_total} (StdpTraining); an SG-SNN run in the
     * continual protocol trains its epochs for each task.
     */
    public static long trainingTotal(JsonNode config) {
        JsonNode train = config.path("train");
        int epochs = Math.max(1, train.path("epochs").asInt(1));
        if (Choices.of(ModelKind.SG).equals(config.path("model").asText())) {
            JsonNode sg = config.path("sg").path("epochs");
            long perTask = sg.isNumber() ? sg.asLong() : epochs;
            // the continual protocol trains them for each task, numbered on across the tasks (SgRun)
            boolean continual = Choices.of(Protocol.CONTINUAL)
                    .equals(config.path("protocol").asText());
            return continual ? perTask * Math.max(1, config.path("continual").path("tasks").asInt(1)) : perTask;
        }
        return StdpTraining.imagesToTrain(train.path("images").asLong(), config);
    }

    /**
     * Where the run of {@code config} goes on, in one phrase after "from" ({@link #inWords(long, int)} with its
     * {@link #trainingTotal} and {@code train.epochs}).
     */
    public String inWords(JsonNode config) {
        long total;
        try {
            total = trainingTotal(config);
        } catch (RuntimeException e) {
            total = 0; // not counted: the phrase leaves the total out
        }
        return inWords(total, config.path("train").path("epochs").asInt(1));
    }

    /**
     * Where the run goes on, in one phrase after "from": an SG-SNN run's next epoch ("epoch 3 of 10"), an STDP-SNN run's
     * next image of all it trains, with its epoch where it trains several ("image 4001 of 6000, epoch 2 of 3"), or the
     * evaluation where training is done.
     *
     * @param total  {@link #trainingTotal} of the run (0 where unknown)
     * @param epochs an STDP-SNN run's {@code train.epochs}
     */
    public String inWords(long total, int epochs) {
        if (total > 0 && done >= total) {
            return "the evaluation (all " + total + (sg ? " epochs" : " images") + " trained)";
        }
        String of = total > 0 ? " of " + total : "";
        if (sg) {
            return "epoch " + (done + 1) + of;
        }
        String epoch = epochs > 1 && orderLength > 0
                ? ", epoch " + Math.min(epochs, done / orderLength + 1) + " of " + epochs : "";
        return "image " + (done + 1) + of + epoch;
    }
}
