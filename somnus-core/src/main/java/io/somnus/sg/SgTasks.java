package io.somnus.sg;

import io.somnus.data.LabeledImages;
import java.util.List;

/**
 * A continual protocol for {@link SgTrainer#train(LabeledImages, LabeledImages, SgConfig, java.util.SplittableRandom,
 * SgListener, SgCheckpoint, SgTasks)}: the training images arrive as tasks, one after the other. Task k trains
 * {@link SgConfig#epochs()} epochs on its own training images only (each epoch shuffles them, as a run on those images
 * alone would); the output layer keeps every class throughout. After a task's last epoch (and its sleep) the network is
 * evaluated on the evaluation images of every task learned so far: one row of the task-accuracy matrix
 * ({@link SgResult#taskAccuracy()}), NaN for the tasks still to come. Which images make a task is the caller's.
 *
 * @param trainImages for each task, the indices of its images in the training set, in their order there
 * @param evaluation  for each task, the images its accuracy is measured on
 */
public record SgTasks(List<int[]> trainImages, List<LabeledImages> evaluation) {
    /** Copies the lists and the index arrays; checks that there is a task and one evaluation set per task. */
    public SgTasks {
        if (trainImages.isEmpty()) {
            throw new IllegalArgumentException("SgTasks: no task given; at least one is needed");
        }
        if (evaluation.size() != trainImages.size()) {
            throw new IllegalArgumentException("SgTasks: " + trainImages.size() + " tasks but " + evaluation.size()
                    + " evaluation sets; give one per task");
        }
        trainImages = trainImages.stream().map(int[]::clone).toList();
        evaluation = List.copyOf(evaluation);
    }

    /** The number of tasks. */
    public int tasks() {
        return trainImages.size();
    }

    /** A copy of task {@code task}'s training-image indices. */
    int[] images(int task) {
        return trainImages.get(task).clone();
    }
}
