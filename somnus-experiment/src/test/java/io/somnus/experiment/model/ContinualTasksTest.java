package io.somnus.experiment.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.LabeledImages;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.ContinualConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The continual protocol's tasks, their ends and the summary both models write (moved from NetworkFactoryTest). */
class ContinualTasksTest {
    /** Labels → training images; task k holds classes 2k, 2k + 1. */
    private static LabeledImages labelled(int... labels) {
        float[][] images = new float[labels.length][1];
        return new LabeledImages("toy", 1, 1, images, labels, 10, Map.of());
    }

    /**
     * Labels 3 0 5 1 2 7 0 4 9 2 with 3 tasks of 2 classes: task 0 = {0, 1} is images 1, 3, 6 (in their original
     * order), task 1 = {2, 3} images 0, 4, 9, task 2 = {4, 5} images 2, 7; classes 7 and 9 belong to no task and are
     * left out. The tasks end after 3, 6 and 8 images.
     */
    @Test
    void continualTasksFollowOneAnotherInClassOrder() {
        LabeledImages train = labelled(3, 0, 5, 1, 2, 7, 0, 4, 9, 2);
        ContinualConfig c = new ContinualConfig(3, 2);
        int[] order = ContinualTasks.order(train, c);
        assertArrayEquals(new int[] {1, 3, 6, 0, 4, 9, 2, 7}, order);
        assertArrayEquals(new int[] {3, 6, 8}, ContinualTasks.taskEnds(train, order, c));
        assertEquals(2, ContinualTasks.taskOf(5, c));
        // a task without images ends where the one before it did
        LabeledImages gap = labelled(0, 4, 1);
        int[] gapOrder = ContinualTasks.order(gap, c);
        assertArrayEquals(new int[] {0, 2, 1}, gapOrder);
        assertArrayEquals(new int[] {2, 2, 3}, ContinualTasks.taskEnds(gap, gapOrder, c));
    }

    /**
     * summary.json's continual.task_ends, for the report's task bands: the same labels 3 0 5 1 2 7 0 4 9 2 with 3 tasks
     * of 2 classes hold 3, 3 and 2 images of the tasks' classes ({0, 1}: images 1, 3, 6; {2, 3}: 0, 4, 9; {4, 5}: 2, 7),
     * so the tasks end after 3, 3 + 3 = 6 and 6 + 2 = 8 training images.
     */
    @Test
    void theSummaryRecordsWhereEachTaskEndedAndItsClasses() {
        LabeledImages train = labelled(3, 0, 5, 1, 2, 7, 0, 4, 9, 2);
        ContinualConfig c = new ContinualConfig(3, 2);
        int[] ends = ContinualTasks.taskEnds(train, ContinualTasks.order(train, c), c);
        double n = Double.NaN;
        Map<String, Object> s = ContinualTasks.summary(new double[][] {{0.9, n, n}, {0.8, 0.7, n}, {0.6, 0.5, 0.4}}, ends, c);
        assertEquals(List.of(
                Map.of(ContinualTasks.TASK_END_CLASSES, List.of(0, 1), ContinualTasks.TASK_END_IMAGES, 3),
                Map.of(ContinualTasks.TASK_END_CLASSES, List.of(2, 3), ContinualTasks.TASK_END_IMAGES, 6),
                Map.of(ContinualTasks.TASK_END_CLASSES, List.of(4, 5), ContinualTasks.TASK_END_IMAGES, 8)),
                s.get(ContinualTasks.TASK_ENDS));
        assertEquals("task_ends", ContinualTasks.TASK_ENDS);   // the name docs/run-directory.md and the report read
        assertEquals("images_seen", ContinualTasks.TASK_END_IMAGES);
        // beside the accuracies as before: (0.6 + 0.5 + 0.4) / 3
        assertEquals((0.6 + 0.5 + 0.4) / 3, (double) s.get("average_accuracy"), 1e-12);
    }

    /**
     * A dataset of more classes than the tasks cover: EMNIST letters' 26 classes with five tasks of two leave classes
     * 10 … 25 (16 of them) in no task, recorded as such; where the tasks cover every class (10 classes, 5 × 2) the
     * summary has no such entry, as before.
     */
    @Test
    void theSummaryNamesTheClassesInNoTask() {
        ContinualConfig c = new ContinualConfig(5, 2);
        int[] ends = {1, 2, 3, 4, 5};
        double[][] acc = {{1, 0, 0, 0, 0}, {1, 1, 0, 0, 0}, {1, 1, 1, 0, 0}, {1, 1, 1, 1, 0}, {1, 1, 1, 1, 1}};
        List<Integer> expected = new ArrayList<>();
        for (int k = 10; k <= 25; k++) {
            expected.add(k);
        }
        assertEquals(expected, ContinualTasks.summary(acc, ends, c, 26).get(ContinualTasks.CLASSES_IN_NO_TASK));
        assertEquals(16, expected.size());
        assertTrue(!ContinualTasks.summary(acc, ends, c, 10).containsKey(ContinualTasks.CLASSES_IN_NO_TASK));
        assertEquals("classes_in_no_task", ContinualTasks.CLASSES_IN_NO_TASK); // the name docs/run-directory.md gives
    }

    /**
     * A task that would never end is refused before training: labels 0 4 1 leave task 2 (classes 2, 3) without an image
     * (it ends where task 1 did, after 2 images), and a run that trains 7 of the 8 images of labels 3 0 5 1 2 7 0 4 9 2
     * (sleep.budget: fixed_total) never reaches the end of task 3 (after 8). Before, both trained to the end and then
     * failed on the incomplete task accuracy matrix.
     */
    @Test
    void tasksThatWouldNeverEndAreRefusedBeforeTraining() {
        ContinualConfig c = new ContinualConfig(3, 2);
        LabeledImages gap = labelled(0, 4, 1);
        int[] gapEnds = ContinualTasks.taskEnds(gap, ContinualTasks.order(gap, c), c);
        ConfigException e = assertThrows(ConfigException.class, () -> ContinualTasks.checkEnds(gapEnds, 3, c));
        assertTrue(e.getMessage().contains("task 2 (classes 2, 3) has no training images"), e.getMessage());
        LabeledImages train = labelled(3, 0, 5, 1, 2, 7, 0, 4, 9, 2);
        int[] ends = ContinualTasks.taskEnds(train, ContinualTasks.order(train, c), c);
        ContinualTasks.checkEnds(ends, 8, c);   // every task ends
        ConfigException short7 = assertThrows(ConfigException.class, () -> ContinualTasks.checkEnds(ends, 7, c));
        assertTrue(short7.getMessage().contains("task 3 (classes 4, 5) ends after 8 training images, but only 7 are trained"),
                short7.getMessage());
    }

    @Test
    void moreTaskClassesThanTheDatasetHasAreRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ContinualTasks.order(labelled(0, 1), new ContinualConfig(6, 2)));
        assertTrue(e.getMessage().contains("continual") && e.getMessage().contains("12 classes")
                && e.getMessage().contains("toy has 10"), e.getMessage());
    }
}
