package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.Configs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code somnus sweep --estimate}: a sweep file projected with the costs of a pilot's finished runs. */
class SweepEstimateTest {
    @Test
    void aSweepIsProjectedFromItsPilotsCosts(@TempDir Path tmp) throws Exception {
        // the pilot: one paper run of 100 images × 100 steps whose presentations took 1 s (1e-4 s per image-step)
        Path run = Files.createDirectories(tmp.resolve("pilot").resolve("runs").resolve("paper__geomfig__f0.50__s1"));
        Files.writeString(run.resolve("config.yaml"), Configs.toYaml(Configs.resolveTree(Map.of("preset", "paper",
                "dataset.name", "geomfig", "train.images", 100, "sleep.fraction", 0.5))));
        Files.writeString(run.resolve("timing.json"), "{\"setup_seconds\": 0, \"presentation_seconds\": 1, "
                + "\"per_image_check_seconds\": 0, \"presentations\": 100, \"sleep_seconds\": 2, \"evaluation_seconds\": 0}");
        Files.writeString(run.resolve("summary.json"), "{\"sleep_steps\": 1000}");
        // the sweep: two seeds of 400 images without sleep, 400 × 100 × 1e-4 = 4 s each
        Path sweep = Files.writeString(tmp.resolve("sweep.yaml"), "name: big\npresets: [paper]\ndatasets: [geomfig]\n"
                + "sleep_fractions: [0.0]\nseeds: [1, 2]\nset:\n  train.images: 400\n");
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("sweep", "--config", sweep.toString(), "--estimate", "--calibration",
                tmp.resolve("pilot").toString(), "--cores", "1");
        assertEquals(0, exit, err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("Sweep 'big' (geomfig), 2 runs, costs from the runs of " + tmp.resolve("pilot")), text);
        assertTrue(text.contains("| paper | 2 | 8.0 s | 0.0 s | 0.0 s | 8.0 s |"), text);
        assertTrue(text.contains("Projected wall time on 1 core (runs longest first, one per core): **8.0 s**"), text);
        assertTrue(Files.notExists(tmp.resolve("runs")), "nothing ran");
    }
}
