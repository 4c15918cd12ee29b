package io.somnus.experiment.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.data.LabeledImages;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.model.DataPreparation;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.kernel.Kernels;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A finished SG-SNN run's weights.npz, read by validation/pytorch/sg_forward.py (the documented forward pass in a few
 * lines of PyTorch, independent of Somnus's code), predicts the run's test images as the run did: the same test
 * accuracy, to within two images of the n (float32 sums in another order may move a membrane across θ). Two hidden
 * layers with recurrence (the names in_h1, h1_h1, h1_h2, h2_h2, h2_out and their [pre][post] layout) and one layer
 * with the membrane readout; direct input, so that both sides see the same input; after sleep episodes, so that the
 * weights are the slept ones. Runs where Debian's python3-torch is installed; skipped otherwise.
 */
class SgForwardTorchTest {
    private static final Path SCRIPTS = Path.of("..", "validation", "pytorch").toAbsolutePath().normalize();

    @ParameterizedTest
    @CsvSource({"2, true, spike_count", "1, false, membrane"})
    void pyTorchOnTheRunsWeightsGetsTheRunsTestAccuracy(int depth, boolean recurrent, String loss, @TempDir Path tmp)
            throws Exception {
        String why = SgTorchReference.unavailable(SCRIPTS);
        assumeTrue(why == null, why);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("preset", "sg-fc");
        settings.put("dataset.name", "geomfig");
        settings.put("train.images", 256);
        settings.put("train.validation_images", 32);
        settings.put("train.test_images", 200);
        settings.put("sg.epochs", 3);
        settings.put("sg.hidden", 24);
        settings.put("sg.depth", depth);
        settings.put("sg.recurrent", recurrent);
        settings.put("sg.steps", 8);
        settings.put("sg.encoding", "direct");
        settings.put("sg.loss", loss);
        settings.put("sg.batch_size", 32);
        settings.put("sg.learning_rate", 0.005);
        settings.put("sleep.fraction", 1.0);
        settings.put("sg.sleep.iterations", 3);
        settings.put("sg.sleep.steps_per_iteration", 20);
        settings.put("sg.sleep.batch_copies", 4);
        ObjectNode tree = new StandardResolver().resolve(settings);
        Path run = tmp.resolve("run");
        new StandardRunExecutor(Kernels.scalar()).execute(tree, run, RunProgress.NONE);
        double reported = Mappers.JSON.readTree(run.resolve("summary.json").toFile()).get("test_accuracy").asDouble();
        assertEquals(3, Mappers.JSON.readTree(run.resolve("summary.json").toFile()).get("sleep_episodes").asInt());

        LabeledImages test = DataPreparation.prepare(Configs.bind(tree, SgRunConfig.class)).test();
        int n = test.size();
        int pixels = test.pixels();
        float[] flat = new float[n * pixels];
        for (int i = 0; i < n; i++) {
            System.arraycopy(test.images()[i], 0, flat, i * pixels, pixels);
        }
        Map<String, NpyArray> images = new LinkedHashMap<>();
        images.put("images", NpyArray.of(flat, n, pixels));
        images.put("labels", NpyArray.of(test.labels(), n));
        Path imagesFile = tmp.resolve("test.npz");
        Npz.write(imagesFile, images);
        Path predictions = tmp.resolve("predictions.npy");
        Path log = tmp.resolve("sg_forward.log");
        int exit = Brian2SideBySide.run(List.of(SgTorchReference.PYTHON.toString(),
                SCRIPTS.resolve("sg_forward.py").toString(), run.toString(), "--images", imagesFile.toString(), "--out",
                predictions.toString()), SCRIPTS, log);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, exit, output);
        double[] predicted;
        try (InputStream in = Files.newInputStream(predictions)) {
            predicted = Npz.readNpy(in).toDoubles();
        }
        assertEquals(n, predicted.length, output);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += predicted[i] == test.labels()[i] ? 1 : 0;
        }
        double torch = (double) correct / n;
        System.out.println("depth " + depth + ", recurrent " + recurrent + ", " + loss + ": PyTorch " + torch
                + ", Somnus " + reported + " on " + n + " test images");
        assertTrue(reported > 1.5 / test.numClasses(), "the run learned something (" + reported + "), so that a wrong "
                + "forward pass shows");
        assertEquals(reported, torch, 2.0 / n, output);
    }
}
