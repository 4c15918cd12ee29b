package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code somnus compare}: two tiny diehl-cook runs of one seed are identical (exit 0); a run with another learning
 * rate is named by its field and its weights' differing entries counted as the two files say; a missing file is
 * named (exit 2).
 */
class CompareCommandTest {
    @TempDir
    static Path runs;
    static Path first;
    static Path again;
    static Path faster;

    record Outcome(int exit, String out, String err) { }

    static Outcome run(String... args) {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Outcome(cl.execute(args), out.toString(), err.toString());
    }

    private static Path train(String name, String... more) {
        Path out = runs.resolve(name);
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("train", "--preset", "diehl-cook",
                "--dataset", "geomfig", "--excitatory", "10", "--train-images", "30", "--validation-images", "10",
                "--test-images", "10", "--set", "train.checkpoints=2", "--set", "train.readout_images=20", "--no-report",
                "--out", out.toString()));
        a.addAll(java.util.List.of(more));
        Outcome o = run(a.toArray(String[]::new));
        assertEquals(0, o.exit(), o.err());
        return out;
    }

    @BeforeAll
    static void train() {
        first = train("first");
        again = train("again");
        faster = train("faster", "--set", "projections.input_e.plasticity.nu_post=0.02");
    }

    @Test
    void twoRunsOfOneSeedAreIdentical() {
        Outcome o = run("compare", first.toString(), again.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("identical results: metrics.csv, sleep_traces.csv, weight_histograms.csv, "
                + "weights.npz, summary.json byte for byte the same\n"), o.out());
        assertTrue(o.out().contains("configuration (A → B): same\n"), o.out());
    }

    @Test
    void anotherLearningRateIsNamedAndItsWeightsCounted() throws Exception {
        Outcome o = run("compare", first.toString(), faster.toString());
        assertEquals(CompareCommand.EXIT_DIFFERENT, o.exit(), o.err());
        assertTrue(o.out().startsWith("different: "), o.out());
        assertTrue(o.out().contains("\n    projections.input_e.plasticity.nu_post: 0.01 → 0.02\n"), o.out());
        // counted here from the two files, entry by entry
        NpyArray a = Npz.read(first.resolve("weights.npz")).get("input_e");
        NpyArray b = Npz.read(faster.resolve("weights.npz")).get("input_e");
        int differing = 0;
        for (int i = 0; i < a.size(); i++) {
            differing += a.floats()[i] != b.floats()[i] ? 1 : 0;
        }
        assertTrue(differing > 0, "the learning rate moved some weight");
        assertTrue(o.out().contains("      input_e " + java.util.Arrays.toString(a.shape()) + " <f4: " + differing + " of "
                + a.size() + " entries differ"), o.out());
        JsonNode json = Mappers.JSON.readTree(run("compare", "--json", first.toString(), faster.toString()).out());
        assertEquals("DIFFERENT", json.path("verdict").asText());
        JsonNode weights = null;
        for (JsonNode f : json.path("results")) {
            weights = f.path("file").asText().equals("weights.npz") ? f : weights;
        }
        assertEquals(differing, weights.path("arrays").get(0).path("differing").asInt(), json.toString());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("copy");
        copyRun(again, copy);
        Files.delete(copy.resolve("metrics.csv"));
        Outcome o = run("compare", first.toString(), copy.toString());
        assertEquals(2, o.exit(), o.out());
        assertTrue(o.err().contains(copy.resolve("metrics.csv") + " is missing"), o.err());
    }

    @Test
    void aDirectoryThatIsNoRunIsNamed(@TempDir Path tmp) {
        Outcome o = run("compare", first.toString(), tmp.toString());
        assertEquals(2, o.exit(), o.out());
        assertTrue(o.err().contains("B " + tmp + " is not a finished run directory: it has no summary.json"), o.err());
    }

    /** One entry changed by hand: exactly its index and |Δ|, and the arrays left alone identical. */
    @Test
    void aHandEditedWeightIsFoundAtItsIndex(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("edited");
        copyRun(again, copy);
        Map<String, NpyArray> arrays = Npz.read(copy.resolve("weights.npz"));
        NpyArray w = arrays.get("input_e");
        int row = 7;
        int column = 3;
        int at = row * w.dim(1) + column;
        float before = w.floats()[at];
        w.floats()[at] = before + 0.125f;
        Npz.write(copy.resolve("weights.npz"), arrays);
        Outcome o = run("compare", first.toString(), copy.toString());
        assertEquals(CompareCommand.EXIT_DIFFERENT, o.exit(), o.err());
        assertTrue(o.out().startsWith("different: weights.npz parts first, at array input_e, entry [7, 3]"), o.out());
        double delta = Math.abs((double) w.floats()[at] - before);
        assertTrue(o.out().contains("1 of " + w.size() + " entries differ, max |Δ| "
                + io.somnus.experiment.io.Csv.number(delta) + ", first at [7, 3]"), o.out());
        assertTrue(o.out().contains("  metrics.csv: identical bytes\n"), o.out());
    }

    /** Two sweeps: one line per run id, its verdict; a run id only one sweep has makes them differ. */
    @Test
    void twoSweepsAreComparedRunByRun(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a/runs");
        Path b = tmp.resolve("b/runs");
        copyRun(first, a.resolve("s1"));
        copyRun(first, a.resolve("s2"));
        copyRun(again, b.resolve("s1"));
        copyRun(faster, b.resolve("s2"));
        copyRun(faster, b.resolve("s3"));
        Outcome o = run("compare", a.getParent().toString(), b.getParent().toString());
        assertEquals(CompareCommand.EXIT_DIFFERENT, o.exit(), o.err());
        assertTrue(o.out().startsWith("sweeps: 3 run ids; 1 identical results, 1 different, 1 only in B\n"), o.out());
        assertTrue(o.out().contains("\n  s1: identical results: "), o.out());
        assertTrue(o.out().contains("\n  s2: different: "), o.out());
        assertTrue(o.out().contains("\n  s3: only in B\n"), o.out());
        // a run that cannot be compared is named with its missing file, and the exit says bad input
        for (Path gone : List.of(a.resolve("s2"), b.resolve("s2"), b.resolve("s3"))) {
            io.somnus.experiment.io.FileTrees.deleteRecursively(gone);
        }
        Files.delete(b.resolve("s1/metrics.csv"));
        Outcome partial = run("compare", a.getParent().toString(), b.getParent().toString());
        assertEquals(2, partial.exit(), partial.err());
        assertTrue(partial.out().contains("\n  s1: not compared: " + b.resolve("s1/metrics.csv") + " is missing"),
                partial.out());
    }

    private static void copyRun(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
