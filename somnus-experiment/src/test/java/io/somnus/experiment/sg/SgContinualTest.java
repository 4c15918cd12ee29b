package io.somnus.experiment.sg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.data.LabeledImages;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.DataPreparation;
import io.somnus.experiment.model.PreparedData;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An SG-SNN run in the continual protocol (geomfig: two tasks of two classes, 2 epochs each) as a user runs it: its
 * summary's continual block worked out by hand from its own task accuracies and from the data, and a run cut short and
 * resumed, which writes the uninterrupted run's files.
 */
class SgContinualTest {
    @TempDir
    Path tmp;

    /** {@code preset} at a tiny size, continual: classes {0, 1}, then {2, 3}; paper-sg-code drops a last minibatch. */
    static ObjectNode config(String preset) {
        Map<String, Object> s = new HashMap<>(Map.of("preset", preset, "dataset.name", "geomfig", "train.images", 90,
                "train.validation_images", 20, "train.test_images", 40, "train.epochs", 2, "sg.hidden", 20,
                "sg.steps", 10, "sg.batch_size", 16, "protocol", "continual"));
        boolean perEpoch = preset.equals("paper-sg");
        s.putAll(Map.of("sleep.fraction", perEpoch ? 0.5 : 0.3, "sg.sleep.iterations", 2,
                "sg.sleep.steps_per_iteration", 10, "sg.sleep.batch_copies", 4, "seed", perEpoch ? 5 : 3,
                "continual.tasks", 2));
        return new StandardResolver().resolve(s);
    }

    /**
     * With a_ij the accuracy on task j after task i: average accuracy (a10 + a11) / 2, average forgetting a00 − a10
     * (the only task before the last); each task ends after its images (less drop_last's remainder) × 2 epochs, and
     * metrics.csv's images_seen says the same; every a_ij is a count of task j's test images over their number; the
     * last row, weighted by those numbers, is the final network's test accuracy (all four classes are in a task).
     */
    @ParameterizedTest
    @ValueSource(strings = {"paper-sg", "paper-sg-code"})
    void theSummaryHoldsTheTasksAndTheirForgettingWorkedOutByHand(String preset) throws Exception {
        ObjectNode tree = config(preset);
        Path dir = tmp.resolve(preset);
        new StandardRunExecutor().execute(tree, dir, RunProgress.NONE);
        JsonNode s = Mappers.JSON.readTree(dir.resolve(RunDirectory.SUMMARY).toFile());
        JsonNode c = s.get("continual");
        double a00 = c.at("/task_accuracy/0/0").asDouble();
        double a10 = c.at("/task_accuracy/1/0").asDouble();
        double a11 = c.at("/task_accuracy/1/1").asDouble();
        // task 1 is not measured before it is learnt: JSON's null (it was the string "NaN", which JSON readers take
        // for text), as the short curve's last-quarter std
        assertTrue(c.at("/task_accuracy/0/1").isNull(), c.toString());
        assertTrue(s.at("/stability/last_quarter_std").isNull(), s.toString());
        assertEquals((a10 + a11) / 2, c.get("average_accuracy").asDouble(), 0.0);
        assertEquals(a00 - a10, c.get("average_forgetting").asDouble(), 0.0);

        SgRunConfig cfg = (SgRunConfig) Configs.bind(tree);
        PreparedData data = DataPreparation.prepare(cfg);
        boolean dropLast = cfg.sg().dropLast();
        int[] train = countByTask(data.train());
        int[] test = countByTask(data.test());
        int task0 = 2 * (dropLast ? train[0] - train[0] % 16 : train[0]);
        int task1 = task0 + 2 * (dropLast ? train[1] - train[1] % 16 : train[1]);
        assertEquals(List.of(task0, task1), List.of(c.at("/task_ends/0/images_seen").asInt(),
                c.at("/task_ends/1/images_seen").asInt()));
        assertEquals("[0,1]", c.at("/task_ends/0/classes").toString());
        List<String> metrics = Files.readAllLines(dir.resolve(RunDirectory.METRICS));
        assertEquals(5, metrics.size(), "a row per epoch, 2 tasks × 2 epochs");
        assertEquals(task0, Double.parseDouble(metrics.get(2).split(",")[0]), 0.0);
        assertEquals(task1, Double.parseDouble(metrics.get(4).split(",")[0]), 0.0);
        assertEquals(4, s.get("epochs").asInt());
        assertEquals(2, s.get("epochs_per_task").asInt());

        for (double[] a : new double[][] {{a00, test[0]}, {a10, test[0]}, {a11, test[1]}}) {
            assertEquals(Math.rint(a[0] * a[1]), a[0] * a[1], 1e-9, "a count of the task's test images: " + a[0]);
        }
        // the final network on each task's test images and on all of them: the same images, one at a time (direct
        // input for both presets, so no stochastic encoding depends on where an image falls in a minibatch)
        assertEquals(Math.rint(s.get("test_accuracy").asDouble() * (test[0] + test[1])),
                Math.rint(a10 * test[0]) + Math.rint(a11 * test[1]), 0.0, "test accuracy from the last row");
    }

    /** Images per task (classes 0–1, 2–3) of a set. */
    private static int[] countByTask(LabeledImages d) {
        int[] n = new int[2];
        for (int label : d.labels()) {
            n[label / 2]++;
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"paper-sg", "paper-sg-code"})
    void aContinualRunCutShortAndResumedWritesTheUninterruptedRunsFiles(String preset) throws Exception {
        ObjectNode config = config(preset);
        Path whole = tmp.resolve("whole-" + preset);
        new StandardRunExecutor().execute(config, whole, RunProgress.NONE);
        for (int k = 2; k <= 4; k++) { // the snapshot of epoch k − 1: a task's last (k = 3) included
            Path cut = tmp.resolve(preset + "-cut" + k);
            long stop = k;
            assertThrows(IllegalStateException.class,
                    () -> new StandardRunExecutor().execute(config, cut, SgResumeTest.stopAt(stop)));
            new StandardRunExecutor().resume(cut, RunProgress.NONE);
            for (String f : SgResumeTest.RESULTS) {
                assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(cut.resolve(f)),
                        preset + ", resumed after epoch " + (k - 1) + ": " + f);
            }
        }
    }

    @Test
    void tooFewClassesForTheTasksIsRefusedBeforeTraining() {
        ObjectNode tree = config("paper-sg");
        tree.with("continual").put("tasks", 3);
        ConfigException e = assertThrows(ConfigException.class,
                () -> new StandardRunExecutor().execute(tree, tmp.resolve("three"), RunProgress.NONE));
        assertEquals("continual: 3 tasks × 2 classes need 6 classes, but geomfig has 4", e.getMessage());
    }

    /** protocol: continual without a continual section (an SG-SNN preset has none): SPEC §5's five tasks of two. */
    @Test
    void theDefaultTasksAreTheStdpPresetsFiveOfTwo() {
        ObjectNode tree = new StandardResolver().resolve(Map.of("preset", "paper-sg", "protocol", "continual"));
        assertEquals(Configs.loadPreset("paper").get("continual"), tree.get("continual"));
        assertEquals(5, tree.at("/continual/tasks").asInt());
        SgRunConfig cfg = (SgRunConfig) Configs.bind(tree);
        assertEquals(2, cfg.continualTasks().classesPerTask());
        // without it, the SG-SNN's configuration is as it was: no protocol, no continual section
        ObjectNode standard = new StandardResolver().resolve(Map.of("preset", "paper-sg"));
        assertTrue(!standard.has("protocol") && !standard.has("continual"), standard.toString());
        assertEquals(null, ((SgRunConfig) Configs.bind(standard)).continualTasks());
    }
}
