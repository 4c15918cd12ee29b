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

    /**
     * The listing reads weights.npz's headers alone (a diehl-cook N_e = 6 400 run's file is 330 MB): a byte changed
     * inside an array passes it, and {@code --verify}, which reads every array whole, refuses it naming the file; a
     * file cut short is refused either way.
     */
    @Test
    void onlyVerifyReadsTheWeightsWhole(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{\"preset\":\"paper\",\"dataset\":\"geomfig\",\"seed\":1,"
                + "\"sleep_fraction\":0.0,\"achieved_sleep_fraction\":0.0,\"test_accuracy\":0.5}");
        float[] w = new float[4096];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) Math.sin(k);
        }
        Path npz = run.resolve("weights.npz");
        Npz.write(npz, Map.of("input_e", NpyArray.of(w, 64, 64)));
        StringWriter whole = new StringWriter();
        CommandLine cl = SomnusCli.commandLine();
        cl.setOut(new PrintWriter(whole, true));
        assertEquals(0, cl.execute("inspect", "--verify", run.toString()));
        assertTrue(whole.toString().contains("weights input_e [64, 64]\nweights.npz verified"), whole.toString());

        byte[] bytes = Files.readAllBytes(npz);
        byte[] changed = bytes.clone();
        changed[bytes.length / 2] ^= 0x5a; // inside the array's data
        Files.write(npz, changed);
        StringWriter out = new StringWriter();
        cl = SomnusCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", run.toString()));
        assertTrue(out.toString().contains("weights input_e [64, 64]\n"), out.toString());
        assertTrue(!out.toString().contains("verified"), out.toString());
        StringWriter err = new StringWriter();
        cl = SomnusCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertTrue(cl.execute("inspect", "--verify", run.toString()) != 0);
        assertTrue(err.toString().contains(npz + " is damaged"), err.toString());

        Files.write(npz, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        err = new StringWriter();
        cl = SomnusCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertTrue(cl.execute("inspect", run.toString()) != 0, "a file cut short, without --verify");
        assertTrue(err.toString().contains(npz + " is damaged"), err.toString());
    }

    @Test
    void verifyNeedsARunDirectory() {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertTrue(cl.execute("inspect", "--verify", "paper") != 0);
        assertTrue(err.toString().contains("--verify checks a run's weights.npz: give it with a run directory, not paper"),
                err.toString());
    }
}
