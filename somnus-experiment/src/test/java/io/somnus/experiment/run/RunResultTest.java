package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.io.NpyArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
