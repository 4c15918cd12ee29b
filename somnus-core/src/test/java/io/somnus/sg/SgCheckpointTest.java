package io.somnus.sg;

import static io.somnus.sg.SgTrainerTest.blocks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.LabeledImages;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * A run stopped after an epoch and resumed from that epoch's checkpoint (through its binary form) ends with the bits
 * of the run never stopped: weights, epoch records, sleep episodes, best validation epoch. The reference is the
 * uninterrupted run itself, trained in the same test.
 */
class SgCheckpointTest {
    static final LabeledImages TRAIN = blocks(100, 1); // 7 minibatches of 16 an epoch, the last of 4
    static final LabeledImages VALIDATION = blocks(30, 2);

    /** Stochastic encoding, recurrence, noisy sleep with a 0.5 chance per epoch, or every 3rd minibatch across epochs. */
    static SgConfig config(SgSleepSchedule schedule) {
        SgConfig.Builder b = SgConfig.builder().inputs(16).hidden(24).outputs(3).steps(12).batchSize(16).epochs(4)
                .learningRate(1e-2).encoding(SgInputEncoding.BERNOULLI).recurrent(true).sleepSchedule(schedule);
        return schedule == SgSleepSchedule.PER_EPOCH
                ? b.sleepRatio(0.5).sleep(new SgSleepConfig(2, 50, 4, 3.0, 0.01, 0.012, 20, 1e-3, 0.2, 0.999)).build()
                : b.sleepRatio(0.3).sleep(new SgSleepConfig(1, 12, 4, 3.0, 0.01, 0.012, 20, 1e-3, 0.2, 0.999)).build();
    }


    @ParameterizedTest
    @EnumSource(SgSleepSchedule.class)
    void aRunResumedAfterAnyEpochEndsAsTheRunNeverStopped(SgSleepSchedule schedule) throws IOException {
        SgConfig cfg = config(schedule);
        CheckpointRecorder recorder = new CheckpointRecorder();
        SgTrainer whole = new SgTrainer();
        SgResult full = whole.train(TRAIN, VALIDATION, cfg, new SplittableRandom(7), recorder);
        assertEquals(cfg.epochs(), recorder.checkpoints.size(), "one checkpoint an epoch");
        assertTrue(full.sleepEpisodes().size() > 0 && full.sleepSteps() > 0, "the run sleeps");
        double bestTest = whole.evaluateAtBestValidationEpoch(VALIDATION).accuracy();
        for (int k = 1; k <= cfg.epochs(); k++) { // k = the last: stopped while the results were being written
            List<Integer> heard = new ArrayList<>();
            SgTrainer resumed = new SgTrainer();
            SgResult r = resumed.train(TRAIN, VALIDATION, cfg, new SplittableRandom(7), new SgListener() {
                @Override
                public void onStart() {
                    throw new AssertionError("a resumed run does not start again");
                }

                @Override
                public void onEpoch(SgEpoch e) {
                    heard.add(e.epoch());
                }
            }, CheckpointRecorder.read(recorder.checkpoints.get(k - 1)));
            String what = schedule + ", resumed after epoch " + k;
            assertEquals(k < cfg.epochs() ? List.of(k + 1) : List.of(), heard.subList(0, Math.min(1, heard.size())),
                    what + ": goes on with the next epoch");
            assertEquals(full.weights().keySet(), r.weights().keySet());
            for (String name : full.weights().keySet()) {
                assertArrayEquals(full.weights().get(name), r.weights().get(name), what + ": " + name);
            }
            assertEquals(full.epochs().size(), r.epochs().size(), what);
            for (int e = 0; e < cfg.epochs(); e++) {
                SgEpoch a = full.epochs().get(e);
                SgEpoch b = r.epochs().get(e);
                assertEquals(a.trainLoss(), b.trainLoss(), what + ": loss of epoch " + (e + 1));
                assertEquals(a.validationAccuracy(), b.validationAccuracy(), what);
                assertEquals(a.validationAccuracyBeforeSleep(), b.validationAccuracyBeforeSleep(), what);
                assertEquals(a.slept(), b.slept(), what);
                assertEquals(a.wakeSteps(), b.wakeSteps(), what);
                assertEquals(a.sleepSteps(), b.sleepSteps(), what);
            }
            assertEquals(full.validationAccuracy(), r.validationAccuracy(), what);
            assertEquals(full.validation().firingRatesHz(), r.validation().firingRatesHz(), what);
            assertEquals(full.sleepEpisodes().size(), r.sleepEpisodes().size(), what);
            assertEquals(full.sleepFiringRatesHz(), r.sleepFiringRatesHz(), what);
            assertEquals(full.bestValidationEpoch(), r.bestValidationEpoch(), what);
            assertEquals(full.bestValidationAccuracy(), r.bestValidationAccuracy(), what);
            assertEquals(bestTest, resumed.evaluateAtBestValidationEpoch(VALIDATION).accuracy(), what);
            assertEquals(whole.accuracy(VALIDATION), resumed.accuracy(VALIDATION), what);
        }
    }

    @Test
    void aTruncatedOrForeignFormIsRefused() throws IOException {
        CheckpointRecorder recorder = new CheckpointRecorder();
        new SgTrainer().train(TRAIN, VALIDATION, config(SgSleepSchedule.PER_EPOCH).toBuilder().epochs(1).build(),
                new SplittableRandom(7), recorder);
        byte[] bytes = recorder.checkpoints.get(0);
        assertThrows(EOFException.class, () -> CheckpointRecorder.read(Arrays.copyOf(bytes, bytes.length - 1)));
        byte[] other = bytes.clone();
        other[3] = 9; // the format number's low byte
        IOException e = assertThrows(IOException.class, () -> CheckpointRecorder.read(other));
        assertTrue(e.getMessage().contains("format 9"), e.getMessage());
    }
}
