package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.core.NumberText;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.FileTrees;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
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
        List<String> a = new ArrayList<>(List.of("train", "--preset", "diehl-cook",
                "--dataset", "geomfig", "--excitatory", "10", "--train-images", "30", "--validation-images", "10",
                "--test-images", "10", "--set", "train.checkpoints=2", "--set", "train.readout_images=20", "--no-report",
                "--out", out.toString()));
        a.addAll(List.of(more));
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
        assertTrue(o.out().contains("      input_e " + Arrays.toString(a.shape()) + " <f4: " + differing + " of "
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
        MovedWeight moved = copyWithWeightMoved(copy, 0.125f);
        Outcome o = run("compare", first.toString(), copy.toString());
        assertEquals(CompareCommand.EXIT_DIFFERENT, o.exit(), o.err());
        assertTrue(o.out().startsWith("different: weights.npz parts first, at array input_e, entry [7, 3]"), o.out());
        assertTrue(o.out().contains("1 of " + moved.array().size() + " entries differ, max |Δ| "
                + Csv.number(moved.delta()) + ", first at [7, 3]"), o.out());
        assertTrue(o.out().contains("  metrics.csv: identical bytes\n"), o.out());
    }

    /**
     * One weight moved by a known amount: --atol of that amount says "same within tolerance" with it as the largest
     * |Δ| (exit 0); an atol just below it, "different" at its entry (exit 4).
     */
    @Test
    void aWeightWithinTheToleranceIsTheSame(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("edited");
        MovedWeight moved = copyWithWeightMoved(copy, 0.001f);
        NpyArray w = moved.array();
        double delta = moved.delta();
        Outcome o = run("compare", "--atol", Double.toString(delta), first.toString(), copy.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().startsWith("same within tolerance (atol " + NumberText.of(delta) + ", rtol 0): largest |Δ| "
                + tenDigits(delta) + " in weights.npz (compared "), o.out());
        assertTrue(o.out().contains("\n  weights.npz: same within tolerance, largest |Δ| " + tenDigits(delta) + "\n"
                + "      input_e " + Arrays.toString(w.shape()) + " <f4: 1 of " + w.size() + " entries differ within "
                + "the tolerance, max |Δ| " + tenDigits(delta) + "\n"), o.out());
        double below = Math.nextDown(delta);
        Outcome p = run("compare", "--atol", Double.toString(below), first.toString(), copy.toString());
        assertEquals(CompareCommand.EXIT_DIFFERENT, p.exit(), p.out() + p.err());
        assertTrue(p.out().startsWith("different: weights.npz parts first, at array input_e, entry [7, 3], beyond the "
                + "tolerance (atol " + NumberText.of(below) + ", rtol 0) (compared "), p.out());
        JsonNode json = Mappers.JSON.readTree(run("compare", "--json", "--atol", Double.toString(delta),
                first.toString(), copy.toString()).out());
        assertEquals("SAME_WITHIN_TOLERANCE", json.path("verdict").asText(), json.toString());
        assertEquals(delta, json.path("tolerance").path("atol").asDouble());
        assertEquals(0.0, json.path("tolerance").path("rtol").asDouble());
    }

    /**
     * A summary.json number and a metrics.csv cell moved by known amounts: the largest |Δ|, computed here, named with
     * its file; a relative tolerance just too small names the summary's number.
     */
    @Test
    void aSummaryNumberAndACellWithinARelativeTolerance(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("edited");
        copyRun(again, copy);
        JsonNode summary = Mappers.JSON.readTree(copy.resolve("summary.json").toFile());
        double accuracy = summary.path("test_accuracy").asDouble();
        double moved = accuracy + 0.002;
        ((ObjectNode) summary).put("test_accuracy", moved);
        Files.writeString(copy.resolve("summary.json"), Mappers.JSON.writeValueAsString(summary));
        CsvTable t = Csv.read(copy.resolve("metrics.csv"));
        String column = "val_accuracy";
        double cell = t.number(0, column);
        double cellMoved = cell + 0.001;
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (String c : t.header()) {
                cells.add(r == 0 && c.equals(column) ? Csv.number(cellMoved) : t.cell(r, c));
            }
            rows.add(cells);
        }
        Csv.write(copy.resolve("metrics.csv"), t.header(), rows);
        double summaryDelta = Math.abs(moved - accuracy);
        double rtol = summaryDelta / Math.abs(moved); // |a − b| ≤ rtol·|b|, B's number the scale
        while (rtol * Math.abs(moved) < summaryDelta) {
            rtol = Math.nextUp(rtol);
        }
        double tooSmall = rtol;
        while (tooSmall * Math.abs(moved) >= summaryDelta) {
            tooSmall = Math.nextDown(tooSmall);
        }
        assertTrue(Math.abs(cellMoved - cell) < summaryDelta
                && rtol * Math.abs(cellMoved) >= Math.abs(cellMoved - cell), "the cell within it too");
        Outcome o = run("compare", "--rtol", Double.toString(rtol), first.toString(), copy.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().startsWith("same within tolerance (atol 0, rtol " + NumberText.of(rtol) + "): largest |Δ| "
                + tenDigits(summaryDelta) + " in summary.json"), o.out());
        assertTrue(o.out().contains("\n      test_accuracy: A " + accuracy + ", B " + moved + ", B − A +"), o.out());
        assertTrue(o.out().contains(" (within the tolerance)\n"), o.out());
        Outcome p = run("compare", "--rtol", Double.toString(tooSmall), first.toString(), copy.toString());
        assertEquals(CompareCommand.EXIT_DIFFERENT, p.exit(), p.out() + p.err());
        assertTrue(p.out().startsWith("different: summary.json parts first, at test_accuracy, beyond the tolerance"),
                p.out());
        assertTrue(p.out().contains("\n  metrics.csv: same within tolerance, largest |Δ| "
                + tenDigits(Math.abs(cellMoved - cell)) + "\n"), p.out());
    }

    /** A tolerance that is negative, NaN, infinite or no number: refused (exit 2), naming the option. */
    @Test
    void aBadToleranceIsRefusedNamingTheOption() {
        for (String[] bad : List.of(new String[] {"--atol", "-0.1"}, new String[] {"--rtol", "NaN"},
                new String[] {"--atol", "Infinity"}, new String[] {"--rtol", "1e-3x"})) {
            Outcome o = run("compare", bad[0], bad[1], first.toString(), again.toString());
            assertEquals(2, o.exit(), Arrays.toString(bad) + o.out());
            assertTrue(o.err().contains(bad[0]), Arrays.toString(bad) + ": " + o.err());
            assertEquals("", o.out(), "nothing compared");
        }
    }

    /**
     * A first differing row with ten differing cells after alike ones: the text shows the first eight that differ, not
     * the first eight columns, and a long value cut with an ellipsis.
     */
    @Test
    void theFirstDifferingCellsAreShownAndLongValuesCut(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("edited");
        copyRun(again, copy);
        CsvTable t = Csv.read(copy.resolve("metrics.csv"));
        // ten columns after the first two, but val_accuracy (a damaged file's check reads it as an accuracy)
        List<String> changed = t.header().stream().skip(2).filter(c -> !c.equals("val_accuracy")).limit(10).toList();
        assertEquals(10, changed.size(), t.header().toString());
        String longValue = "9".repeat(100);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (String c : t.header()) {
                int k = changed.indexOf(c);
                cells.add(r > 0 || k < 0 ? t.cell(r, c) : k == 4 ? longValue : "1" + t.cell(r, c));
            }
            rows.add(cells);
        }
        Csv.write(copy.resolve("metrics.csv"), t.header(), rows);
        Outcome o = run("compare", first.toString(), copy.toString());
        assertEquals(CompareCommand.EXIT_DIFFERENT, o.exit(), o.err());
        StringBuilder shown = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            String c = changed.get(k);
            shown.append("      row 1 ").append(c).append(": A ").append(t.cell(0, c)).append(", B ")
                    .append(k == 4 ? "9".repeat(69) + "…" : "1" + t.cell(0, c)).append('\n');
        }
        shown.append("      row 1: and 2 more columns (--json lists them)\n");
        assertTrue(o.out().contains("differ\n" + shown), o.out());
        JsonNode json = Mappers.JSON.readTree(run("compare", "--json", first.toString(), copy.toString()).out());
        JsonNode cells = json.path("results").get(0).path("table").path("first_cells");
        assertEquals(changed, iterable(cells.fieldNames()), "every differing column, in order, and no other");
        assertEquals(longValue, cells.path(changed.get(4)).get(1).asText(), "--json gives it whole");
    }

    /** A |Δ| as the text gives it: rounded to ten significant digits, written as people write numbers. */
    private static String tenDigits(double delta) {
        return NumberText.of(new BigDecimal(delta).round(new MathContext(10)).doubleValue());
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    /** A sweep of two tiny diehl-cook runs (seeds 1 and 2, no sleep), made once for the sweep tests. */
    private static Path sweep() throws Exception {
        synchronized (CompareCommandTest.class) {
            if (sweep == null) {
                Path file = Files.writeString(runs.resolve("tiny.yaml"), "name: tiny\npresets: [diehl-cook]\n"
                        + "datasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1, 2]\nset:\n  populations.e.size: 10\n"
                        + "  train.images: 30\n  train.validation_images: 10\n  train.test_images: 10\n"
                        + "  train.checkpoints: 2\n  train.readout_images: 20\n");
                Path out = runs.resolve("sweep");
                Outcome o = run("sweep", "--config", file.toString(), "--out", out.toString(), "--workers", "1",
                        "--no-report");
                assertEquals(0, o.exit(), o.out() + o.err());
                sweep = out;
            }
            return sweep;
        }
    }

    static Path sweep;

    /**
     * Two sweeps told by their ledgers: their tables compared, then one line per run id, its verdict; a run id only one
     * sweep has makes them differ.
     */
    @Test
    void twoSweepsAreComparedRunByRun(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        copyTree(sweep(), a);
        copyTree(sweep(), b);
        List<String> ids;
        try (var s = Files.list(a.resolve("runs"))) {
            ids = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(2, ids.size(), ids.toString());
        Outcome same = run("compare", a.toString(), b.toString());
        assertEquals(0, same.exit(), same.out() + same.err());
        assertTrue(same.out().startsWith("sweeps: tables identical (runs_long.csv, aggregate.csv, curves.csv, stats.json"),
                same.out());
        assertTrue(same.out().contains("; 2 of 2 run ids identical results\n"), same.out());
        FileTrees.deleteRecursively(b.resolve("runs").resolve(ids.get(1)));
        copyRun(faster, b.resolve("runs").resolve(ids.get(1)));
        copyRun(faster, b.resolve("runs").resolve("s3"));
        Outcome o = run("compare", a.toString(), b.toString());
        assertEquals(CompareCommand.EXIT_DIFFERENT, o.exit(), o.err());
        assertTrue(o.out().contains("; 1 of 3 run ids identical results (1 different, 1 only in B)\n"), o.out());
        assertTrue(o.out().contains("\n  " + ids.get(0) + ": identical results: "), o.out());
        assertTrue(o.out().contains("\n  " + ids.get(1) + ": different: "), o.out());
        assertTrue(o.out().contains("\n  s3: only in B\n"), o.out());
        // a run that cannot be compared is named with its missing file, and the exit says bad input
        for (Path gone : List.of(a.resolve("runs").resolve(ids.get(1)), b.resolve("runs").resolve(ids.get(1)),
                b.resolve("runs/s3"))) {
            FileTrees.deleteRecursively(gone);
        }
        Path lost = b.resolve("runs").resolve(ids.get(0)).resolve("metrics.csv");
        Files.delete(lost);
        Outcome partial = run("compare", a.toString(), b.toString());
        assertEquals(2, partial.exit(), partial.err());
        assertTrue(partial.out().contains("\n  " + ids.get(0) + ": not compared: " + lost + " is missing"),
                partial.out());
    }

    /** One aggregate.csv cell edited: that row (placed by its cell) and column, the run ids all identical. */
    @Test
    void anEditedAggregateCellIsFoundAtItsRowAndColumn(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        copyTree(sweep(), a);
        copyTree(sweep(), b);
        CsvTable t = Csv.read(b.resolve("aggregate.csv"));
        int row = t.rowCount() - 1; // the last: its mean is a number (0-based)
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (String c : t.header()) {
                cells.add(r == row && c.equals("mean") ? "0.123" : t.cell(r, c));
            }
            rows.add(cells);
        }
        Csv.write(b.resolve("aggregate.csv"), t.header(), rows);
        Outcome o = run("compare", a.toString(), b.toString());
        assertEquals(CompareCommand.EXIT_DIFFERENT, o.exit(), o.out() + o.err());
        String placed = "data row " + (row + 1) + ", preset " + t.cell(row, "preset") + ", model " + t.cell(row, "model")
                + ", dataset " + t.cell(row, "dataset") + ", sleep_fraction " + t.cell(row, "sleep_fraction")
                + ", metric " + t.cell(row, "metric");
        assertTrue(o.out().startsWith("sweeps: tables different: aggregate.csv parts first, at " + placed
                + "; 2 of 2 run ids identical results\n"), o.out());
        assertTrue(o.out().contains("\n  aggregate.csv: different from " + placed + "\n"), o.out());
        assertTrue(o.out().contains("\n      1 of the " + t.rowCount() + " data rows in both differ\n      row "
                + (row + 1) + " mean: A " + t.cell(row, "mean") + ", B 0.123\n"), o.out());
        assertTrue(o.out().contains("\n  runs_long.csv: identical bytes\n"), o.out());
        JsonNode json = Mappers.JSON.readTree(run("compare", "--json", a.toString(), b.toString()).out());
        assertEquals("aggregate.csv", json.path("parts_first").asText(), json.toString());
    }

    /**
     * Two sweeps whose sweep.yaml differ in one field (the results alike): that field shown, A's value → B's, as
     * context (exit 0); one aggregate.csv cell moved within --atol: the sweep's tables the same within tolerance.
     */
    @Test
    void theSweepFilesFieldsAndAToleranceOfTheTables(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        copyTree(sweep(), a);
        copyTree(sweep(), b);
        Outcome same = run("compare", a.toString(), b.toString());
        assertTrue(same.out().contains("\nsweep.yaml (A → B; context, not results): same\n"), same.out());
        String yaml = Files.readString(b.resolve("sweep.yaml"));
        assertTrue(yaml.contains("  train.readout_images: 20\n"), yaml);
        Files.writeString(b.resolve("sweep.yaml"), yaml.replace("  train.readout_images: 20\n",
                "  train.readout_images: 25\n"));
        Outcome o = run("compare", a.toString(), b.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().contains("\nsweep.yaml (A → B; context, not results):\n    set.train.readout_images: 20 → 25"
                + "\nresults of the sweep:\n"), o.out());
        JsonNode json = Mappers.JSON.readTree(run("compare", "--json", a.toString(), b.toString()).out());
        assertEquals("set.train.readout_images", json.path("sweep_file").get(0).path("field").asText(),
                json.toString());

        CsvTable t = Csv.read(b.resolve("aggregate.csv"));
        int row = t.rowCount() - 1; // its mean is a number
        double mean = t.number(row, "mean");
        double moved = mean + 1e-9;
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (String c : t.header()) {
                cells.add(r == row && c.equals("mean") ? Csv.number(moved) : t.cell(r, c));
            }
            rows.add(cells);
        }
        Csv.write(b.resolve("aggregate.csv"), t.header(), rows);
        double delta = Math.abs(moved - mean);
        Outcome within = run("compare", "--atol", "1e-8", a.toString(), b.toString());
        assertEquals(0, within.exit(), within.out() + within.err());
        assertTrue(within.out().startsWith("sweeps: tables the same within tolerance (atol 1e-8, rtol 0): largest |Δ| "
                + tenDigits(delta) + " in aggregate.csv; 2 of 2 run ids identical results\n"), within.out());
        Outcome beyond = run("compare", "--atol", "1e-10", a.toString(), b.toString());
        assertEquals(CompareCommand.EXIT_DIFFERENT, beyond.exit(), beyond.out() + beyond.err());
        assertTrue(beyond.out().startsWith("sweeps: tables different: aggregate.csv parts first, at data row "
                + (row + 1) + ", "), beyond.out());
    }

    /** R's tables in one sweep only (R fitted the GLMM there): said, not counted, and no failure. */
    @Test
    void theGlmmsTablesInOneSweepOnlyAreSaid(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        copyTree(sweep(), a);
        copyTree(sweep(), b);
        Files.writeString(a.resolve("glmm.csv"), "term,estimate,std_error,z,p\nsleep,0.1,0.2,0.5,0.6\n");
        Outcome o = run("compare", a.toString(), b.toString());
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().startsWith("sweeps: tables identical ("), o.out());
        assertTrue(o.out().contains("\n  glmm.csv: only in A (R fitted the GLMM on one side only: not counted as a "
                + "difference)\n"), o.out());
    }

    /** A sweep and a run, or a folder of runs without a ledger: refused, naming which is which. */
    @Test
    void aSweepIsToldByItsLedger(@TempDir Path tmp) throws Exception {
        Outcome o = run("compare", sweep().toString(), first.toString());
        assertEquals(2, o.exit(), o.out());
        assertTrue(o.err().contains("A " + sweep() + " is a sweep directory and B " + first + " is not"), o.err());
        Path runsOnly = tmp.resolve("runs-only");
        copyRun(first, runsOnly.resolve("runs/s1"));
        Outcome p = run("compare", sweep().toString(), runsOnly.toString());
        assertEquals(2, p.exit(), p.out());
        assertTrue(p.err().contains("B " + runsOnly + " is not"), p.err());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /** input_e of a copy with one entry moved, and |Δ| of that entry as stored (a float, to a double). */
    private record MovedWeight(NpyArray array, double delta) {
    }

    /** The second run copied into {@code copy} with input_e's entry [7, 3] moved by {@code by}. */
    private static MovedWeight copyWithWeightMoved(Path copy, float by) throws Exception {
        copyRun(again, copy);
        Map<String, NpyArray> arrays = Npz.read(copy.resolve("weights.npz"));
        NpyArray w = arrays.get("input_e");
        int at = 7 * w.dim(1) + 3;
        float before = w.floats()[at];
        w.floats()[at] = before + by;
        Npz.write(copy.resolve("weights.npz"), arrays);
        return new MovedWeight(w, Math.abs((double) w.floats()[at] - before));
    }

    /** Copies run directory {@code from}'s files into {@code to} (made). */
    static void copyRun(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
