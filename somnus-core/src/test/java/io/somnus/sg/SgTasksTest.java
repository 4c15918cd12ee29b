package io.somnus.sg;

import static io.somnus.sg.SgTrainerTest.blocks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.LabeledImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SG-SNN's continual protocol ({@link SgTasks}): what a task trains on, the task-accuracy rows, and a resume. Each
 * reference is computed independently in the test: a run on a task's images alone, or a run without tasks.
 */
class SgTasksTest {
    /** 100 images of 3 classes (k % 3), 16 pixels; the tasks below are classes {0, 1} and {2}. */
    private static final LabeledImages TRAIN = blocks(100, 1);
    private static final LabeledImages TEST = blocks(60, 2);

    /** Stochastic input, noisy sleep after an epoch with probability 0.5 (or every 3rd minibatch), 2 epochs a task. */
    private static SgConfig config(SgSleepSchedule schedule) {
        SgConfig.Builder b = SgConfig.builder().inputs(16).hidden(24).outputs(3).steps(12).batchSize(16).epochs(2)
                .learningRate(1e-2).encoding(SgInputEncoding.BERNOULLI).sleepSchedule(schedule);
        return schedule == SgSleepSchedule.PER_EPOCH
                ? b.sleepRatio(0.5).sleep(new SgSleepConfig(2, 50, 4, 3.0, 0.01, 0.012, 20, 1e-3, 0.2, 0.999)).build()
                : b.sleepRatio(0.3).sleep(new SgSleepConfig(1, 12, 4, 3.0, 0.01, 0.012, 20, 1e-3, 0.2, 0.999)).build();
    }

    private static int[] ofClasses(LabeledImages d, int... classes) {
        return IntStream.range(0, d.size()).filter(i -> IntStream.of(classes).anyMatch(c -> c == d.labels()[i]))
                .toArray();
    }

    private static SgTasks twoTasks(LabeledImages train) {
        return new SgTasks(List.of(ofClasses(train, 0, 1), ofClasses(train, 2)),
                List.of(TEST.pick(ofClasses(TEST, 0, 1)), TEST.pick(ofClasses(TEST, 2))));
    }


    /** One task of every training image, in their order: the run without tasks, bit for bit. */
    @ParameterizedTest
    @EnumSource(SgSleepSchedule.class)
    void oneTaskOfEveryImageIsTheRunWithoutTasks(SgSleepSchedule schedule) {
        SgConfig cfg = config(schedule);
        SgTrainer plain = new SgTrainer();
        SgResult a = plain.train(TRAIN, TEST, cfg, new SplittableRandom(7), SgListener.NONE);
        SgTrainer tasked = new SgTrainer();
        SgResult b = tasked.train(TRAIN, TEST, cfg, new SplittableRandom(7), SgListener.NONE, null,
                new SgTasks(List.of(IntStream.range(0, TRAIN.size()).toArray()), List.of(TEST)));
        assertTrue(a.sleepEpisodes().size() > 0, "the case sleeps");
        for (String name : a.weights().keySet()) {
            assertArrayEquals(a.weights().get(name), b.weights().get(name), name);
        }
        assertEquals(a.epochs().size(), b.epochs().size());
        for (int e = 0; e < a.epochs().size(); e++) {
            assertEquals(a.epochs().get(e).trainLoss(), b.epochs().get(e).trainLoss(), "epoch " + (e + 1));
        }
        assertEquals(a.imagesPerSecond() > 0, b.imagesPerSecond() > 0);
        assertEquals(0, a.taskAccuracy().length, "no tasks, no rows");
        assertEquals(1, b.taskAccuracy().length);
        assertEquals(plain.accuracy(TEST), b.taskAccuracy()[0][0], "the one task's accuracy: the final model's");
    }

    /**
     * Task 0 (classes 0, 1) trains as a run on its images alone: the parameters after its last epoch and its
     * accuracy are that run's; task 1 then trains its epochs on class 2's images only (each epoch adds that many
     * images × T to the wake steps), and its row measures the final network on each task's images.
     */
    @ParameterizedTest
    @EnumSource(SgSleepSchedule.class)
    void eachTaskTrainsOnItsOwnImagesOnly(SgSleepSchedule schedule) throws IOException {
        SgConfig cfg = config(schedule);
        SgTasks tasks = twoTasks(TRAIN);
        CheckpointRecorder rec = new CheckpointRecorder();
        SgTrainer continual = new SgTrainer();
        SgResult r = continual.train(TRAIN, TEST, cfg, new SplittableRandom(7), rec, null, tasks);
        int e = cfg.epochs();
        assertEquals(2 * e, r.epochs().size(), "the epochs of both tasks, numbered on");

        SgTrainer alone = new SgTrainer();
        alone.train(TRAIN.pick(tasks.trainImages().get(0)), TEST, cfg, new SplittableRandom(7), SgListener.NONE);
        float[][] afterTask0 = rec.at(e).parameters;
        float[][] aloneParams = alone.network().parameters();
        for (int i = 0; i < aloneParams.length; i++) {
            assertArrayEquals(aloneParams[i], afterTask0[i], "parameters after task 0, array " + i);
        }
        double[][] acc = r.taskAccuracy();
        assertEquals(alone.accuracy(tasks.evaluation().get(0)), acc[0][0], "a_00: the run on task 0 alone");
        assertTrue(Double.isNaN(acc[0][1]), "task 1 is not measured before it is learnt");
        assertEquals(continual.accuracy(tasks.evaluation().get(0)), acc[1][0], "a_10: the final network");
        assertEquals(continual.accuracy(tasks.evaluation().get(1)), acc[1][1], "a_11: the final network");

        // images trained per epoch, counted by the wake clock: task 0's, then task 1's
        long t = cfg.steps();
        for (int k = 0; k < 2 * e; k++) {
            long before = k == 0 ? 0 : rec.wakeSteps.get(k - 1);
            int images = tasks.trainImages().get(k / e).length;
            assertEquals(images * t, rec.wakeSteps.get(k) - before, "epoch " + (k + 1) + " trains its task's images");
        }
    }

    /**
     * No image outside a task is ever trained on: images of class 2 made different change nothing while the tasks
     * leave class 2 out; the same change with class 2 in a task changes the weights (the check can fail).
     */
    @Test
    void imagesOfNoTaskAreNeverTrainedOn() {
        SgConfig cfg = config(SgSleepSchedule.PER_EPOCH);
        LabeledImages changed = withClassInverted(TRAIN, 2);
        SgTasks only01 = new SgTasks(List.of(ofClasses(TRAIN, 0), ofClasses(TRAIN, 1)),
                List.of(TEST.pick(ofClasses(TEST, 0)), TEST.pick(ofClasses(TEST, 1))));
        SgResult a = new SgTrainer().train(TRAIN, TEST, cfg, new SplittableRandom(3), SgListener.NONE, null, only01);
        SgResult b = new SgTrainer().train(changed, TEST, cfg, new SplittableRandom(3), SgListener.NONE, null, only01);
        for (String name : a.weights().keySet()) {
            assertArrayEquals(a.weights().get(name), b.weights().get(name), name);
        }
        assertArrayEquals(a.taskAccuracy()[1], b.taskAccuracy()[1]);
        SgResult c = new SgTrainer().train(TRAIN, TEST, cfg, new SplittableRandom(3), SgListener.NONE, null,
                twoTasks(TRAIN));
        SgResult d = new SgTrainer().train(changed, TEST, cfg, new SplittableRandom(3), SgListener.NONE, null,
                twoTasks(TRAIN));
        assertFalse(Arrays.equals(c.weights().get("w_in_h"), d.weights().get("w_in_h")),
                "with class 2 in a task, its images are trained on");
    }

    private static LabeledImages withClassInverted(LabeledImages d, int label) {
        float[][] images = new float[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            images[i] = d.images()[i].clone();
            if (d.labels()[i] == label) {
                for (int p = 0; p < images[i].length; p++) {
                    images[i][p] = 1f - images[i][p];
                }
            }
        }
        return new LabeledImages(d.name(), d.height(), d.width(), images, d.labels(), d.numClasses(), Map.of());
    }

    /** Resumed after any epoch (a task's last included), the run ends with the uninterrupted run's rows and weights. */
    @ParameterizedTest
    @EnumSource(SgSleepSchedule.class)
    void aContinualRunResumedAfterAnyEpochEndsAsTheRunNeverStopped(SgSleepSchedule schedule) throws IOException {
        SgConfig cfg = config(schedule);
        CheckpointRecorder rec = new CheckpointRecorder();
        SgResult full = new SgTrainer().train(TRAIN, TEST, cfg, new SplittableRandom(7), rec, null, twoTasks(TRAIN));
        assertTrue(full.sleepEpisodes().size() > 0, "the case sleeps");
        for (int k = 1; k <= 2 * cfg.epochs(); k++) {
            SgResult r = new SgTrainer().train(TRAIN, TEST, cfg, new SplittableRandom(7), SgListener.NONE, rec.at(k),
                    twoTasks(TRAIN));
            String what = schedule + ", resumed after epoch " + k;
            for (String name : full.weights().keySet()) {
                assertArrayEquals(full.weights().get(name), r.weights().get(name), what + ": " + name);
            }
            assertEquals(full.taskAccuracy().length, r.taskAccuracy().length, what);
            for (int i = 0; i < full.taskAccuracy().length; i++) {
                assertArrayEquals(full.taskAccuracy()[i], r.taskAccuracy()[i], what + ": row " + i);
            }
        }
        // a checkpoint of a run with tasks does not fit a run without, nor the reverse: refused, named
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SgTrainer().train(TRAIN,
                TEST, cfg, new SplittableRandom(7), SgListener.NONE, rec.at(2 * cfg.epochs())));
        assertTrue(e.getMessage().startsWith("the checkpoint"), e.getMessage());
    }

    @Test
    void aTaskWithoutImagesOrTooFewForDropLastIsRefused() {
        SgConfig cfg = config(SgSleepSchedule.PER_EPOCH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SgTrainer().train(TRAIN,
                TEST, cfg, new SplittableRandom(1), SgListener.NONE, null,
                new SgTasks(List.of(ofClasses(TRAIN, 0), new int[0]), List.of(TEST, TEST))));
        assertEquals("SG-SNN: task 2 has no training images", e.getMessage());
        SgConfig dropLast = SgConfig.builder().inputs(16).hidden(8).outputs(3).steps(4).batchSize(40).dropLast(true)
                .epochs(1).build();
        e = assertThrows(IllegalArgumentException.class, () -> new SgTrainer().train(TRAIN, TEST, dropLast,
                new SplittableRandom(1), SgListener.NONE, null, twoTasks(TRAIN)));
        assertTrue(e.getMessage().contains("task 2 nothing to train on: it has 33 training images, fewer than "
                + "sg.batch_size = 40"), e.getMessage());
    }

    /**
     * A snapshot of format 1 (written before the task rows were added: the same bytes without the trailing task count)
     * is still read, as a run without tasks, and the run goes on from it to the uninterrupted run's weights.
     */
    @Test
    void aSnapshotOfTheFormatBeforeTasksIsStillRead() throws IOException {
        SgConfig cfg = config(SgSleepSchedule.PER_EPOCH);
        CheckpointRecorder rec = new CheckpointRecorder();
        SgResult full = new SgTrainer().train(TRAIN, TEST, cfg, new SplittableRandom(7), rec);
        byte[] now = rec.checkpoints.get(0);
        assertEquals(SgCheckpoint.FORMAT, ByteBuffer.wrap(now).getInt());
        assertEquals(0, ByteBuffer.wrap(now, now.length - 4, 4).getInt(), "no task rows: a count of 0 last");
        byte[] old = Arrays.copyOf(now, now.length - 4);
        ByteBuffer.wrap(old).putInt(SgCheckpoint.FORMAT_WITHOUT_TASKS);
        SgCheckpoint c = CheckpointRecorder.read(old);
        SgResult r = new SgTrainer().train(TRAIN, TEST, cfg, new SplittableRandom(7), SgListener.NONE, c);
        for (String name : full.weights().keySet()) {
            assertArrayEquals(full.weights().get(name), r.weights().get(name), name);
        }
    }
}
