package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.run.RunResult;
import io.somnus.experiment.run.StandardRunExecutor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** README's "A run in memory": the library's run gives {@code somnus train}'s numbers for the same settings and seed. */
class CliMatchesLibraryRunTest {
    @Test
    void theLibrarysRunInMemoryGivesTheClisAccuracyAndWeights(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        CommandLine cl = SomnusCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int exit = cl.execute("train", "--preset", "paper", "--dataset", "geomfig", "--seed", "11", "--train-images", "20",
                "--validation-images", "10", "--test-images", "10", "--sleep-fraction", "0.5",
                "--set", "sleep.wake_steps=1000", "--set", "train.checkpoints=2", "--no-report", "--out", out.toString());
        assertEquals(0, exit, err.toString());

        RunResult lib = new StandardRunExecutor().run(Configs.resolveTree(Map.of("preset", "paper",
                "dataset.name", "geomfig", "seed", 11, "train.images", 20, "train.validation_images", 10,
                "train.test_images", 10, "sleep.fraction", 0.5, "sleep.wake_steps", 1000, "train.checkpoints", 2)));

        JsonNode summary = Mappers.JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(summary.get("test_accuracy").asDouble(), lib.testAccuracy(), 0.0);
        assertEquals(summary.get("sleep_episodes").asInt(), ((Number) lib.summary().get("sleep_episodes")).intValue());
        // as summary.json writes it: its undefined numbers (last_quarter_std of two checkpoints) null
        assertEquals(summary, Mappers.JSON.readTree(lib.summaryJson()));
        Map<String, NpyArray> weights = Npz.read(out.resolve("weights.npz"));
        assertEquals(weights.keySet(), lib.arrays().keySet());
        for (String name : weights.keySet()) {
            assertArrayEquals(weights.get(name).toDoubles(), lib.arrays().get(name).toDoubles(), name);
        }
    }
}
