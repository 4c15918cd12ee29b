package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's result read as a researcher reads it: numbers by name, and a line that says what it is. */
class RunResultTest {
    private static RunResult result() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", "stdp");
        summary.put("preset", "paper");
        summary.put("dataset", "geomfig");
        summary.put("seed", 7);
        summary.put("test_accuracy", 0.5);
        summary.put("sleep_episodes", 3);
        summary.put("rates_wake_hz", Map.of("e", 0.25));
        return new RunResult(summary, List.of(Map.of("images_seen", 10.0), Map.of("images_seen", 20.0)),
                Map.of("input_e", NpyArray.of(new float[6], 3, 2)), null);
    }

    @Test
    void aSummaryNumberIsReadByItsName() {
        assertEquals(3.0, result().number("sleep_episodes"));
        assertEquals(0.5, result().number("test_accuracy"));
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, () -> result().number("phi"));
        assertTrue(absent.getMessage().contains("has no field 'phi'")
                && absent.getMessage().contains("[seed, test_accuracy, sleep_episodes]"), absent.getMessage());
        IllegalArgumentException map = assertThrows(IllegalArgumentException.class,
                () -> result().number("rates_wake_hz"));
        assertTrue(map.getMessage().contains("'rates_wake_hz' is not a number"), map.getMessage());
    }

    @Test
    void toStringSaysWhichRunAndWhatItHolds() {
        assertEquals("RunResult[stdp paper on geomfig, seed 7, test accuracy 0.5, 2 metrics rows, arrays "
                + "{input_e=[3, 2]}]", result().toString());
    }

    @Test
    void aSummaryWithoutTestAccuracyIsNamedNotACastFailure() {
        Map<String, Object> summary = new LinkedHashMap<>(result().summary());
        summary.remove("test_accuracy");
        RunResult without = new RunResult(summary, List.of(), Map.of(), null);
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, without::testAccuracy);
        assertTrue(absent.getMessage().contains("has no field 'test_accuracy'")
                && absent.getMessage().contains("stdp paper on geomfig, seed 7"), absent.getMessage());
        summary.put("test_accuracy", null); // as a summary.json with "test_accuracy": null reads back
        RunResult nulled = new RunResult(summary, List.of(), Map.of(), null);
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class, nulled::testAccuracy);
        assertTrue(notNumber.getMessage().contains("'test_accuracy' is not a number"), notNumber.getMessage());
    }

    @Test
    void anUndefinedNumberInAMapOfNumbersIsNaNNotACastFailure() {
        Map<String, Object> summary = new LinkedHashMap<>(result().summary());
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("e", 12.5);
        rates.put("i", null); // as a summary.json with "i": null reads back
        rates.put("input", "NaN"); // as a summary.json written before 7 Dec 2026 reads back
        summary.put("rates_wake_hz", rates);
        Map<String, Double> read = new RunResult(summary, List.of(), Map.of(), null).wakeRatesHz();
        assertEquals(12.5, read.get("e"));
        assertTrue(Double.isNaN(read.get("i")) && Double.isNaN(read.get("input")), read.toString());
    }

    @Test
    void summaryJsonIsTheRunsSummaryFileByteForByte(@TempDir Path tmp) throws Exception {
        // 2 checkpoints: stability.last_quarter_std is NaN in memory, null in the file
        var config = Configs.resolveTree(Map.of("preset", "paper", "dataset.name", "geomfig", "seed", 7,
                "train.images", 20, "train.validation_images", 10, "train.test_images", 10, "train.checkpoints", 2));
        Path dir = tmp.resolve("run");
        RunResult result = new StandardRunExecutor().run(config, dir, RunProgress.NONE);
        assertTrue(Double.isNaN(((Number) ((Map<?, ?>) result.summary().get("stability")).get("last_quarter_std"))
                .doubleValue()), "the case this is about: an undefined number");
        assertEquals(Files.readString(dir.resolve(RunDirectory.SUMMARY)), result.summaryJson());
    }
}
