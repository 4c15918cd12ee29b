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

/** {@code somnus sweep --estimate}: a sweep file projected with the costs of a pilot's finished runs, or of its own. */
class SweepEstimateTest {
    private static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = SomnusCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = execute(out, err, "sweep", "--config", sweep.toString(), "--estimate", "--calibration",
                tmp.resolve("pilot").toString(), "--cores", "1");
        assertEquals(0, exit, err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("Sweep 'big' (geomfig), 2 runs, costs from the runs of " + tmp.resolve("pilot")), text);
        assertTrue(text.contains("| paper | 2 | 8.0 s | 0.0 s | 0.0 s | 8.0 s |"), text);
        assertTrue(text.contains("Projected wall time on 1 core (runs longest first, one per core): **8.0 s**"), text);
        assertTrue(Files.notExists(tmp.resolve("runs")), "nothing ran");
    }

    /** Without --calibration, three short runs of the sweep's one preset and grid point give the costs. */
    @Test
    void withoutAPilotTheSweepsOwnCalibrationRunsGiveTheCosts(@TempDir Path tmp) throws Exception {
        Path sweep = Files.writeString(tmp.resolve("sweep.yaml"), "name: own\npresets: [paper]\ndatasets: [geomfig]\n"
                + "sleep_fractions: [0.0, 0.2]\nseeds: [1, 2]\ngrid:\n  populations.e.size: [20]\nset:\n"
                + "  train.images: 400\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = execute(out, err, "sweep", "--config", sweep.toString(), "--estimate", "--cores", "2");
        assertEquals(0, exit, err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("Sweep 'own' (geomfig), 4 runs, costs from calibration runs (each preset at its "
                + "network size"), text);
        // one row, at the grid's network size, with every phase costed: sleep and evaluation above zero
        assertTrue(text.matches("(?s).*\\| paper \\(populations\\.e\\.size=20\\) \\| 4 \\| [0-9.]+ s \\| [0-9.]*[1-9][0-9.]* "
                + "s \\| [0-9.]*[1-9][0-9.]* s \\|.*"), text);
        assertTrue(text.contains("Projected wall time on 2 cores"), text);
        assertTrue(text.contains("Load average (1 min) while estimating"), text);
        assertTrue(err.toString().contains("calibrating: 3 short runs, one at a time"), err.toString());
        assertTrue(Files.notExists(tmp.resolve("runs")), "nothing of the sweep ran");
    }
}
