package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user sees from {@code somnus train} for good and bad input. */
class TrainCommandTest {
    private record Outcome(int exit, String err) { }

    private static Outcome run(String... args) {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Outcome(cl.execute(args), err.toString());
    }

    @Test
    void aTinyRunWritesEveryFileOfTheRunDirectory(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        Outcome o = run("train", "--preset", "paper", "--dataset", "geomfig", "--train-images", "40",
                "--validation-images", "10", "--test-images", "20", "--set", "train.checkpoints=2", "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        for (String f : new String[] {"config.yaml", "provenance.json", "metrics.csv", "summary.json", "weights.npz",
                "sleep_traces.csv", "weight_histograms.csv"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
    }

    @Test
    void anExistingRunDirectoryIsNeverOverwritten(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(out.resolve("summary.json"), "{\"mine\": 1}");
        Outcome o = run("train", "--dataset", "geomfig", "--train-images", "10", "--out", out.toString());
        assertEquals(2, o.exit());
        assertTrue(o.err().contains(out.toString()) && o.err().contains("not empty"), o.err());
        assertEquals("{\"mine\": 1}", Files.readString(out.resolve("summary.json")));
    }

    @Test
    void badValuesNameTheFieldAndWhatIsAllowed(@TempDir Path tmp) {
        Outcome unknown = run("train", "--set", "sleep.lamda=0.9", "--out", tmp.resolve("a").toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("sleep.lamda") && unknown.err().contains("lambda"), unknown.err());

        Outcome type = run("train", "--set", "train.images=many", "--out", tmp.resolve("b").toString());
        assertEquals(2, type.exit());
        assertTrue(type.err().contains("train.images") && type.err().contains("many"), type.err());

        Outcome range = run("train", "--sleep-fraction", "1.2", "--out", tmp.resolve("c").toString());
        assertEquals(2, range.exit());
        assertTrue(range.err().contains("sleep.fraction") && range.err().contains("[0, 1]"), range.err());
        // 1 is a ratio of wake (paper-code), not a fraction: the paper preset's episode refuses it
        Outcome fraction = run("train", "--sleep-fraction", "1", "--out", tmp.resolve("c2").toString());
        assertEquals(2, fraction.exit());
        assertTrue(fraction.err().contains("sleep.fraction") && fraction.err().contains("[0, 1)"), fraction.err());

        Outcome weights = run("train", "--initial-weights", "target", "--out", tmp.resolve("e").toString());
        assertEquals(2, weights.exit());
        assertTrue(weights.err().contains("--initial-weights") && weights.err().contains("preset or sleep_target"),
                weights.err());

        Outcome plasticity = run("train", "--plasticity", "maybe", "--out", tmp.resolve("d").toString());
        assertEquals(2, plasticity.exit());
        assertTrue(plasticity.err().contains("--plasticity") && plasticity.err().contains("on or off"), plasticity.err());

        Outcome dataset = run("train", "--dataset", "mnist-fashion", "--out", tmp.resolve("e").toString());
        assertEquals(2, dataset.exit());
        assertTrue(dataset.err().contains("mnist-fashion") && dataset.err().contains("fashion-mnist"), dataset.err());
        assertTrue(!Files.exists(tmp.resolve("a")) && !Files.exists(tmp.resolve("e")), "nothing written on bad input");
    }

    /** {@code --plasticity off --initial-weights sleep_target} is the control at the sleep target's weight scale. */
    @Test
    void theSleepTargetControlIsOneOptionAway() {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs("--plasticity", "off", "--initial-weights", "sleep_target");
        var s = cmd.settings();
        assertEquals(false, s.get("train.plasticity"));
        assertEquals("sleep_target", s.get("train.initial_weights"));
    }
}
