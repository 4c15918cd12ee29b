package io.somnus.experiment.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.kernel.Kernels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json's test_accuracy_by_readout names the readout that predicted: the output spike counts, or with
 * sg.loss: membrane the mean membrane of a non-spiking output layer (it said "spike-count" for both, and so did the
 * console and the report).
 */
class SgReadoutNameTest {
    @ParameterizedTest
    @CsvSource({"spike_count, spike-count", "per_step_spikes, spike-count", "membrane, membrane"})
    void theReadoutIsNamedAfterWhatPredicts(String loss, String readout, @TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        new StandardRunExecutor(Kernels.scalar()).execute(new StandardResolver().resolve(Map.ofEntries(
                Map.entry("preset", "sg-fc"), Map.entry("dataset.name", "geomfig"), Map.entry("train.images", 32),
                Map.entry("train.validation_images", 8), Map.entry("train.test_images", 16), Map.entry("sg.hidden", 8),
                Map.entry("sg.epochs", 1), Map.entry("sg.batch_size", 16), Map.entry("sg.steps", 5),
                Map.entry("sg.loss", loss))), run, RunProgress.NONE);
        JsonNode summary = Mappers.JSON.readTree(run.resolve("summary.json").toFile());
        JsonNode byReadout = summary.get("test_accuracy_by_readout");
        assertEquals(List.of(readout), fieldNames(byReadout));
        assertEquals(summary.get("test_accuracy").asDouble(), byReadout.get(readout).asDouble());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
