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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train.checkpoint_spikes}: with {@code same} every checkpoint encodes its images into the same spikes, so an
 * untrained network reads one accuracy at every checkpoint (no drawdown), where fresh spikes move it; either way the
 * checkpoints' evaluations leave training alone.
 */
class CheckpointSpikesTest {
    @TempDir
    Path tmp;

    private Path run(String dir, boolean plasticity, String spikes) throws Exception {
        Map<String, Object> s = new HashMap<>(Map.of("preset", "paper", "dataset.name", "geomfig", "train.images", 160,
                "train.validation_images", 60, "train.test_images", 40, "train.checkpoints", 4,
                "train.plasticity", plasticity, "sleep.fraction", 0.0));
        if (spikes != null) {
            s.put("train.checkpoint_spikes", spikes);
        }
        Path runDir = tmp.resolve(dir);
        new StandardRunExecutor(Kernels.preferred()).execute(new StandardResolver().resolve(s), runDir,
                RunProgress.NONE);
        return runDir;
    }

    /** The checkpoints' validation accuracies, in order, from metrics.csv. */
    private static double[] valAccuracies(Path runDir) throws Exception {
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"));
        int col = Arrays.asList(lines.get(0).split(",")).indexOf("val_accuracy");
        assertTrue(col >= 0, lines.get(0));
        return lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[col])).toArray();
    }

    /** A number of summary.json, wherever it sits in it. */
    private static double summary(Path runDir, String field) throws Exception {
        JsonNode v = Mappers.JSON.readTree(runDir.resolve("summary.json").toFile()).findValue(field);
        assertTrue(v != null && v.isNumber(), field + " in " + runDir);
        return v.asDouble();
    }

    @Test
    void theSameSpikesLeaveAnUntrainedNetworkOneAccuracyAndFreshSpikesMoveIt() throws Exception {
        double[] same = valAccuracies(run("same", false, "same"));
        double[] fresh = valAccuracies(run("fresh", false, null));
        assertEquals(4, same.length);
        assertEquals(4, fresh.length);
        assertTrue(Arrays.stream(same).allMatch(a -> a == same[0]), Arrays.toString(same));
        assertEquals(0.0, summary(tmp.resolve("same"), "max_drawdown"));
        // the default draws each checkpoint's spikes anew: the same untrained network reads other accuracies
        assertTrue(Arrays.stream(fresh).distinct().count() > 1, Arrays.toString(fresh));
        assertTrue(summary(tmp.resolve("fresh"), "max_drawdown") > 0);
        // the test images are encoded as before
        assertEquals(summary(tmp.resolve("fresh"), "test_accuracy"), summary(tmp.resolve("same"), "test_accuracy"));
    }

    @Test
    void theCheckpointsSpikesDoNotChangeTraining() throws Exception {
        Path fresh = run("trained-fresh", true, "fresh");
        Path same = run("trained-same", true, "same");
        assertArrayEquals(Files.readAllBytes(fresh.resolve("weights.npz")),
                Files.readAllBytes(same.resolve("weights.npz")));
        assertEquals(summary(fresh, "test_accuracy"), summary(same, "test_accuracy"));
    }
}
