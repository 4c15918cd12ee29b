package io.somnus.experiment.model;

import io.somnus.data.LabeledImages;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.ContinualConfig;
import io.somnus.metrics.ContinualForgetting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The continual protocol: classes arrive as tasks (task k holds classes k·c … k·c + c − 1), the training
 * images of each task in their original order, one task after the other. After each task the main readout
 * is fitted on the readout images of the classes seen so far and scored on the test images of each task
 * learned so far; forgetting is then summarised as in Chaudhry et al. (2018). Both models' continual protocols take
 * their tasks, their test images and their summary from here (the STDP-SNN's {@code experiment/stdp/StdpTraining},
 * the SG-SNN's {@code experiment/sg/SgRun}): one definition of a task, of per-task accuracy's images and of forgetting
 * for both.
 */
public final class ContinualTasks {
    private ContinualTasks() { }

    /**
     * The task of class {@code label}: classes 0 … k−1 are task 0, k … 2k−1 task 1, and so on, for k classes per task.
     */
    public static int taskOf(int label, ContinualConfig c) {
        return label / c.classesPerTask();
    }

    private static void check(LabeledImages data, ContinualConfig c) {
        if ((long) c.tasks() * c.classesPerTask() > data.numClasses()) {
            throw new ConfigException("continual: " + c.tasks() + " tasks × " + c.classesPerTask()
                    + " classes need " + c.tasks() * c.classesPerTask() + " classes, but " + data.name()
                    + " has " + data.numClasses());
        }
    }

    /**
     * Each task's training images (indices into {@code train}, in their order there), for a model that trains task by
     * task (the SG-SNN); images of classes beyond the last task are left out.
     *
     * @throws ConfigException when the dataset has too few classes for the tasks, or a task has no training image
     */
    public static List<int[]> trainingImagesByTask(LabeledImages train, ContinualConfig c) {
        int[] order = order(train, c);
        int[] ends = taskEnds(train, order, c);
        checkEnds(ends, order.length, c);
        List<int[]> out = new ArrayList<>();
        for (int t = 0; t < ends.length; t++) {
            out.add(Arrays.copyOfRange(order, t == 0 ? 0 : ends[t - 1], ends[t]));
        }
        return out;
    }

    /** The images of {@code data} of task {@code task}'s classes, in their order there (a task's test images). */
    public static LabeledImages imagesOfTask(LabeledImages data, int task, ContinualConfig c) {
        return data.pick(IntStream.range(0, data.size())
                .filter(i -> taskOf(data.labels()[i], c) == task).toArray());
    }

    /**
     * Each task's images of {@code data} ({@link #imagesOfTask}), refusing a task without any: its accuracy could not
     * be measured.
     *
     * @param role the set's name in the message ("test") and the field that sizes it ({@code train.test_images})
     */
    public static List<LabeledImages> imagesByTask(LabeledImages data, ContinualConfig c, String role, String field) {
        check(data, c);
        List<LabeledImages> out = new ArrayList<>();
        for (int t = 0; t < c.tasks(); t++) {
            LabeledImages part = imagesOfTask(data, t, c);
            if (part.size() == 0) {
                throw new ConfigException("continual: task " + (t + 1) + " (classes " + classes(t, c) + ") has no "
                        + role + " images among the " + data.size() + " of the " + role + " set, so its accuracy "
                        + "cannot be measured; give more " + role + " images (" + field + ") or fewer tasks "
                        + "(continual.tasks)");
            }
            out.add(part);
        }
        return out;
    }

    /** Training indices grouped by task; images of classes beyond the last task are left out. */
    public static int[] order(LabeledImages train, ContinualConfig c) {
        check(train, c);
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < c.tasks(); t++) {
            for (int i = 0; i < train.size(); i++) {
                if (taskOf(train.labels()[i], c) == t) {
                    out.add(i);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Position in the training order (1-based count of images) at which each task ends. */
    public static int[] taskEnds(LabeledImages train, int[] order, ContinualConfig c) {
        int[] ends = new int[c.tasks()];
        for (int t = 0, k = 0; t < c.tasks(); t++) {
            while (k < order.length && taskOf(train.labels()[order[k]], c) == t) {
                k++;
            }
            ends[t] = k;
        }
        return ends;
    }

    /**
     * Refuses, before training, tasks that would never end: one with no training images (its accuracies were never
     * measured, and the run failed after training with "task accuracy matrix row k has no entries"), or one ending
     * after the last image trained ({@code sleep.budget: fixed_total} trains fewer images than it holds).
     */
    public static void checkEnds(int[] ends, long imagesTrained, ContinualConfig c) {
        for (int t = 0; t < ends.length; t++) {
            if (ends[t] == (t == 0 ? 0 : ends[t - 1])) {
                throw new ConfigException("continual: task " + (t + 1) + " (classes " + classes(t, c) + ") has no "
                        + "training images among the " + ends[ends.length - 1] + " of the tasks' classes; give more "
                        + "training images (train.images) or fewer tasks (continual.tasks)");
            }
            if (ends[t] > imagesTrained) {
                throw new ConfigException("continual: task " + (t + 1) + " (classes " + classes(t, c) + ") ends after "
                        + ends[t] + " training images, but only " + imagesTrained + " are trained (sleep.budget: "
                        + "fixed_total takes the sleep out of the images); use sleep.budget: added or fewer tasks");
            }
        }
    }

    private static String classes(int task, ContinualConfig c) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < c.classesPerTask(); k++) {
            out.add(Integer.toString(task * c.classesPerTask() + k));
        }
        return String.join(", ", out);
    }

    /**
     * The summary.json object: per-task accuracy matrix, average accuracy and forgetting, and where each task
     * ended ({@code task_ends}: its classes and the training images seen by then, metrics.csv's
     * {@code images_seen}), so that the report can mark the tasks on the accuracy-over-training chart.
     */
    static Map<String, Object> summary(double[][] acc, int[] ends, ContinualConfig c) {
        return summary(acc, ends, c, c.tasks() * c.classesPerTask());
    }

    /**
     * As {@link #summary(double[][], int[], ContinualConfig)}, and for a dataset of more classes than the tasks cover
     * (EMNIST letters' 26 with the default five tasks of two) the classes in no task ({@link #CLASSES_IN_NO_TASK}),
     * whose images were never trained on: said, not left for the reader to work out from task_ends.
     */
    public static Map<String, Object> summary(double[][] acc, int[] ends, ContinualConfig c, int datasetClasses) {
        Map<String, Object> m = new LinkedHashMap<>();
        ContinualForgetting f = ContinualForgetting.of(acc);
        m.put("average_accuracy", f.averageAccuracy());
        m.put("average_forgetting", f.averageForgetting());
        m.put("task_accuracy", acc);
        m.put(TASK_ENDS, taskEndRecords(ends, c));
        List<Integer> none = new ArrayList<>();
        for (int k = c.tasks() * c.classesPerTask(); k < datasetClasses; k++) {
            none.add(k);
        }
        if (!none.isEmpty()) { // absent where the tasks cover every class: such summaries are as before
            m.put(CLASSES_IN_NO_TASK, none);
        }
        return m;
    }

    /** summary.json's continual.classes_in_no_task: the dataset's classes beyond the last task's, never trained on. */
    public static final String CLASSES_IN_NO_TASK = "classes_in_no_task";

    /** summary.json's continual.task_ends and the fields of each entry. */
    public static final String TASK_ENDS = "task_ends";
    /** An entry's field: the training images seen when its task ended. */
    public static final String TASK_END_IMAGES = "images_seen";
    /** An entry's field: the task's classes. */
    public static final String TASK_END_CLASSES = "classes";

    /** One entry per task, in task order: its classes and the training images seen when it ended. */
    static List<Map<String, Object>> taskEndRecords(int[] ends, ContinualConfig c) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int t = 0; t < ends.length; t++) {
            List<Integer> classes = new ArrayList<>();
            for (int k = 0; k < c.classesPerTask(); k++) {
                classes.add(t * c.classesPerTask() + k);
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put(TASK_END_CLASSES, classes);
            e.put(TASK_END_IMAGES, ends[t]);
            out.add(e);
        }
        return out;
    }
}
