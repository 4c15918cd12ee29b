package io.somnus.sg;

import static io.somnus.sg.SgCheckpointTest.TRAIN;
import static io.somnus.sg.SgCheckpointTest.VALIDATION;
import static io.somnus.sg.SgCheckpointTest.config;
import static io.somnus.sg.SgTrainerTest.blocks;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint that does not fit the run it is given to is refused before anything is put back, naming what differs:
 * the network's parameters, the seed, the image order. On the runs and checkpoints of {@link SgCheckpointTest}.
 */
class SgResumeTest {
    @Test
    void aCheckpointOfAnotherNetworkOrSeedIsRefused() throws IOException {
        SgConfig cfg = config(SgSleepSchedule.PER_EPOCH);
        CheckpointRecorder recorder = new CheckpointRecorder();
        new SgTrainer().train(TRAIN, VALIDATION, cfg.toBuilder().epochs(1).build(), new SplittableRandom(7), recorder);
        SgCheckpoint c = CheckpointRecorder.read(recorder.checkpoints.get(0));
        IllegalArgumentException wider = assertThrows(IllegalArgumentException.class, () -> new SgTrainer().train(TRAIN,
                VALIDATION, cfg.toBuilder().hidden(25).build(), new SplittableRandom(7), SgListener.NONE, c));
        assertTrue(wider.getMessage().contains("parameters"), wider.getMessage());
        // the generators' increments differ with the seed (split off another root)
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class, () -> new SgTrainer().train(TRAIN,
                VALIDATION, cfg, new SplittableRandom(8), SgListener.NONE, c));
        assertTrue(seed.getMessage().contains("another seed"), seed.getMessage());
        IllegalArgumentException images = assertThrows(IllegalArgumentException.class, () -> new SgTrainer().train(
                blocks(99, 1), VALIDATION, cfg, new SplittableRandom(7), SgListener.NONE, c));
        assertTrue(images.getMessage().contains("image order"), images.getMessage());
    }
}
