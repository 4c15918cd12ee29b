package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.model.RunProgress;
import io.somnus.kernel.Kernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * paper-code's early stopping (readout.source: training) tests the patience after every epoch, the last included, as
 * the authors' loop does (big_comb.py:1847, 2745-2763 @40b7d33): where the last epoch does not improve on the best,
 * the best epoch's weights are restored.
 */
class EarlyStoppingTest {
    @TempDir
    Path tmp;

    private JsonNode run(String dir, int epochs) throws Exception {
        Map<String, Object> s = new HashMap<>(Map.of("preset", "paper-code", "dataset.name", "geomfig",
                "train.images", 40, "train.epochs", epochs, "train.validation_images", 20, "train.test_images", 20,
                // seed 2: with seed 1 the second epoch improves once paper-code's streams start with an input-only
                // step (simulation.stream_first_step, 6 Dec 2026), and the fixture needs one that does not
                "simulation.steps_per_image", 100, "sleep.fraction", 0.0, "seed", 2));
        Path runDir = tmp.resolve(dir);
        new StandardRunExecutor(Kernels.preferred()).execute(new StandardResolver().resolve(s), runDir, RunProgress.NONE);
        return Mappers.JSON.readTree(Files.readString(runDir.resolve("summary.json")));
    }

    /**
     * Two epochs, patience ⌊0.3·2⌋ → 1: when the second epoch's validation accuracy is no better than the first's, the
     * run ends with the weights of one epoch, byte for byte those of a run that trained one epoch (the same images and
     * draws); the old test, only while images remained, kept the second epoch's.
     */
    @Test
    void aLastEpochWithoutImprovementRestoresTheBestWeights() throws Exception {
        JsonNode two = run("two", 2);
        JsonNode accuracies = two.get("early_stopping_accuracies");
        assertEquals(2, accuracies.size(), two.toString());
        assertTrue(accuracies.get(1).asDouble() <= accuracies.get(0).asDouble(),
                "the fixture's second epoch does not improve: " + accuracies);
        assertTrue(two.get("stopped_early").asBoolean());
        assertEquals(80, two.get("train_images").asInt(), "both epochs trained");
        assertStabilityOfTrainedCheckpoints(two);
        run("one", 1);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("one/weights.npz")),
                Files.readAllBytes(tmp.resolve("two/weights.npz")), "the first epoch's weights");
    }

    /**
     * The run that stopped early ends metrics.csv with the restored best epoch's row, at the same images seen as its
     * last trained checkpoint; summary.json's stability is that of the trained checkpoints only: its final accuracy is
     * the last trained one's and its last quarter's mean is computed here over the rows before the restored one.
     */
    private void assertStabilityOfTrainedCheckpoints(JsonNode two) throws Exception {
        List<String> rows = Files.readAllLines(tmp.resolve("two/metrics.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int x = header.indexOf("images_seen");
        int y = header.indexOf("val_accuracy");
        double[][] cells = rows.stream().skip(1).map(r -> r.split(","))
                .map(c -> new double[] {Double.parseDouble(c[x]), Double.parseDouble(c[y])}).toArray(double[][]::new);
        int n = cells.length - 1;   // trained checkpoints; the last row is the restored one
        assertEquals(cells[n - 1][0], cells[n][0], "the restored row is at the last trained checkpoint's images seen");
        int m = (n + 3) / 4;
        double sum = 0;
        for (int k = n - m; k < n; k++) {
            sum += cells[k][1];
        }
        JsonNode stability = two.get("stability");
        assertEquals(cells[n - 1][1], stability.get("final").asDouble(), 1e-12, stability.toString());
        assertEquals(sum / m, stability.get("last_quarter_mean").asDouble(), 1e-12, stability.toString());
    }
}
