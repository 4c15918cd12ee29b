package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code readout.population: input} reads the input spikes themselves (the baseline for what the layers add): the
 * features are the encoder's counts, so the network behind the input cannot move the readout. The runs are short
 * presentations (30 steps) in which E does not fire: a readout of {@code e} has no feature to keep (0 PCA components),
 * one of the input has some, and the same accuracies, Φ and components whatever E's size.
 */
class InputReadoutTest {
    @TempDir
    Path tmp;

    @Test
    void aReadoutOfTheInputReadsTheInputSpikesWhateverTheNetworkBehindIt() throws Exception {
        JsonNode input = summary("input", 10);
        JsonNode e = summary("e", 10);
        assertEquals(0, e.path("pca_components").asInt(), "E is silent here: " + e.path("rates_wake_hz"));
        assertTrue(input.path("pca_components").asInt() > 0, input.toString());
        JsonNode bigger = summary("input", 20);
        for (String field : new String[] {"test_accuracy_by_readout", "phi", "pca_components"}) {
            assertEquals(input.path(field), bigger.path(field), field);
        }
    }

    /** summary.json of a small geomfig run without sleep. */
    private JsonNode summary(String population, int eSize) throws Exception {
        Map<String, Object> s = new HashMap<>(Map.of("preset", "paper", "dataset.name", "geomfig",
                "train.images", 40, "train.validation_images", 10, "train.test_images", 20, "train.eval_threads", 1,
                "sleep.fraction", 0.0, "simulation.steps_per_image", 30, "sleep.wake_steps", 1500));
        s.putAll(Map.of("populations.e.size", eSize, "populations.i.size", 5, "readout.population", population));
        Path run = tmp.resolve(population + eSize);
        new StandardRunExecutor().execute(new StandardResolver().resolve(s), run, (phase, done, total) -> { });
        return Mappers.JSON.readTree(run.resolve(RunDirectory.SUMMARY).toFile());
    }
}
