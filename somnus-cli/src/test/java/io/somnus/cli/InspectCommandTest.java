package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code somnus inspect}: a preset's file with its comments, and a run with what it changed from its preset. */
class InspectCommandTest {
    @Test
    void aBundledPresetIsShownWithItsComments() {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", "paper"));
        String text = out.toString();
        assertTrue(text.contains("wake_steps: 35000           # an episode after every 350 images"), text);
        assertTrue(text.strip().endsWith("# (with options: somnus train --preset paper ... --print-config)"), text);
    }

    @Test
    void aRunSaysWhatItChangedFromItsPreset(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{\"preset\":\"paper\",\"dataset\":\"geomfig\",\"seed\":5,"
                + "\"sleep_fraction\":0.2,\"achieved_sleep_fraction\":0.2,\"sleep_episodes\":2,\"test_accuracy\":0.5}");
        Files.writeString(run.resolve("config.yaml"), Configs.toYaml(Configs.resolveTree(Map.of("preset", "paper",
                "seed", 5, "dataset.name", "geomfig"))));
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", run.toString()));
        assertTrue(out.toString().contains("configuration: preset paper, changed:\n    seed: 1 → 5\n"
                + "    dataset.name: fashion-mnist → geomfig\n"), out.toString());
        assertTrue(!out.toString().contains("warning"), out.toString());
    }

    /** A run of a whole configuration file of its own (a composed network) is said to be one, not left unsaid. */
    @Test
    void aRunOfAWholeFileOfItsOwnSaysSo(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{\"preset\":\"composed\",\"dataset\":\"geomfig\",\"seed\":1,"
                + "\"sleep_fraction\":0.2,\"achieved_sleep_fraction\":0.2,\"sleep_episodes\":2,\"test_accuracy\":0.5}");
        Files.writeString(run.resolve("config.yaml"), Configs.toYaml(Configs.resolveTree(Map.of("preset", "paper")))
                .replace("preset: paper", "preset: composed"));
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", run.toString()));
        assertTrue(out.toString().contains("configuration: a whole file of its own (preset composed is no bundled "
                + "preset, so no changes to list); " + run.resolve("config.yaml") + " holds every field"), out.toString());
    }

    /** The warnings a run's provenance.json recorded (configuration_warnings) are said again, each on its line. */
    @Test
    void aRunSaysTheWarningsItsConfigurationHad(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{\"preset\":\"paper\",\"dataset\":\"geomfig\",\"seed\":1,"
                + "\"sleep_fraction\":0.0,\"achieved_sleep_fraction\":0.0,\"test_accuracy\":0.5}");
        Files.writeString(run.resolve("provenance.json"), "{\"seed\":1,\"configuration_warnings\":[\"first odd value\","
                + "\"second odd value\"]}");
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", run.toString()));
        assertTrue(out.toString().contains("warning (when it ran): first odd value\nwarning (when it ran): second odd "
                + "value\n"), out.toString());
    }

    /** A run's weights are described by their shapes, in the file's order. */
    @Test
    void aRunListsItsWeightsShapes(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{\"preset\":\"paper\",\"dataset\":\"geomfig\",\"seed\":1,"
                + "\"sleep_fraction\":0.0,\"achieved_sleep_fraction\":0.0,\"test_accuracy\":0.5}");
        Map<String, NpyArray> weights = new LinkedHashMap<>();
        weights.put("input_e", NpyArray.of(new float[6], 3, 2));
        weights.put("theta", NpyArray.of(new double[2], 2));
        Npz.write(run.resolve("weights.npz"), weights);
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", run.toString()));
        assertTrue(out.toString().contains("weights input_e [3, 2]\nweights theta [2]\n"), out.toString());
    }
}
