package io.somnus.experiment.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two run directories made here compared: the verdict, and where the files part, against counts worked out here. */
class RunComparisonTest {
    private static final String SUMMARY = "{\"test_accuracy\": 0.5, \"seed\": 1, \"stability\": {\"final\": null}}\n";
    private static final String METRICS = "images_seen,val_accuracy\n10,0.25\n20,0.5\n";

    private static Path run(Path dir, String summary, String metrics, Map<String, NpyArray> weights) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), summary);
        Files.writeString(dir.resolve("metrics.csv"), metrics);
        Npz.write(dir.resolve("weights.npz"), weights);
        return dir;
    }

    private static Map<String, NpyArray> weights(float[] w) {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("input_e", NpyArray.of(w, 2, 3));
        m.put("e_i", NpyArray.of(new float[] {1, 2}, 2));
        return m;
    }

    @Test
    void theSameFilesAreIdenticalResults(@TempDir Path tmp) throws Exception {
        float[] w = {0, 1, 2, 3, 4, 5};
        RunComparison c = RunComparison.of(run(tmp.resolve("a"), SUMMARY, METRICS, weights(w)),
                run(tmp.resolve("b"), SUMMARY, METRICS, weights(w.clone())));
        assertEquals(RunComparison.Verdict.IDENTICAL_RESULTS, c.verdict());
        assertEquals(List.of("metrics.csv", "weights.npz", "summary.json"), c.compared());
        assertNull(c.partsFirst());
    }

    /** 1 and 1.0, null and an older summary's "NaN", -0 and 0: other bytes, the same numbers. */
    @Test
    void otherBytesOfTheSameNumbersAreSaidToBeSo(@TempDir Path tmp) throws Exception {
        RunComparison c = RunComparison.of(
                run(tmp.resolve("a"), SUMMARY, METRICS, weights(new float[] {0, 1, 2, 3, 4, 5})),
                run(tmp.resolve("b"), "{\"test_accuracy\": 0.50, \"seed\": 1.0, \"stability\": {\"final\": \"NaN\"}}\n",
                        "images_seen,val_accuracy\n10,0.250\n20,0.5\n", weights(new float[] {-0f, 1, 2, 3, 4, 5})));
        assertEquals(RunComparison.Verdict.SAME_NUMBERS_DIFFERENT_FILES, c.verdict());
        c.results().forEach(r -> assertEquals(FileComparison.Outcome.SAME_NUMBERS, r.outcome(), r.file()));
    }

    /** Two entries changed: both counted, the larger |Δ|, the first in C order at its row and column. */
    @Test
    void changedWeightsAreCountedAndTheFirstIsPlaced(@TempDir Path tmp) throws Exception {
        float[] w = {0, 1, 2, 3, 4, 5};
        float[] v = w.clone();
        v[4] = 4.25f; // row 1, column 1
        v[5] = Float.NaN;
        RunComparison c = RunComparison.of(run(tmp.resolve("a"), SUMMARY, METRICS, weights(w)),
                run(tmp.resolve("b"), SUMMARY, METRICS, weights(v)));
        assertEquals(RunComparison.Verdict.DIFFERENT, c.verdict());
        assertEquals("weights.npz", c.partsFirst());
        FileComparison f = c.results().get(1);
        assertEquals("array input_e, entry [1, 1]", f.partsAt());
        ArrayComparison input = f.arrays().get(0);
        assertEquals(2, input.differing());
        assertEquals(6, input.size());
        assertEquals(0.25, input.maxAbsDelta(), "NaN has no |Δ|: the other entry's");
        assertArrayEquals(new int[] {1, 1}, input.firstIndex());
        assertEquals(4.0, input.firstA());
        assertEquals(4.25, input.firstB());
        assertEquals(ArrayComparison.Outcome.IDENTICAL, f.arrays().get(1).outcome());
    }

    @Test
    void anArrayOfAnotherShapeOrOnlyInOneFileIsSaidToBe(@TempDir Path tmp) throws Exception {
        Map<String, NpyArray> other = weights(new float[] {0, 1, 2, 3, 4, 5});
        other.put("input_e", NpyArray.of(new float[] {0, 1, 2, 3, 4, 5}, 3, 2));
        other.remove("e_i");
        other.put("e_e", NpyArray.of(new float[] {1}, 1));
        RunComparison c = RunComparison.of(run(tmp.resolve("a"), SUMMARY, METRICS, weights(new float[6])),
                run(tmp.resolve("b"), SUMMARY, METRICS, other));
        List<ArrayComparison> arrays = c.results().get(1).arrays();
        assertEquals(List.of(ArrayComparison.Outcome.DIFFERENT_SHAPE, ArrayComparison.Outcome.ONLY_IN_A,
                ArrayComparison.Outcome.ONLY_IN_B), arrays.stream().map(ArrayComparison::outcome).toList());
        assertEquals("array input_e: shape [2, 3] <f4 vs [3, 2] <f4", c.results().get(1).partsAt());
    }

    /** The first curve that differs parts first, at its row; the summary's numbers side by side with B − A. */
    @Test
    void theFirstDifferingRowAndTheSummarysNumbers(@TempDir Path tmp) throws Exception {
        RunComparison c = RunComparison.of(run(tmp.resolve("a"), SUMMARY, METRICS, weights(new float[6])),
                run(tmp.resolve("b"), SUMMARY.replace("0.5", "0.75"),
                        METRICS.replace("20,0.5", "20,0.625") + "30,0.7\n", weights(new float[6])));
        assertEquals("metrics.csv", c.partsFirst());
        FileComparison metrics = c.results().get(0);
        assertEquals("data row 2, images_seen 20", metrics.partsAt());
        assertEquals(1, metrics.table().differingRows());
        assertEquals(Map.of("val_accuracy", List.of("0.5", "0.625")), metrics.table().firstCells());
        assertEquals(3, metrics.table().rowsB());
        SummaryDifference accuracy = c.results().get(2).summary().get(0);
        assertEquals("test_accuracy", accuracy.field());
        assertEquals(0.75 - 0.5, accuracy.delta());
        assertEquals(1, c.results().get(2).summary().size(), "only the accuracy differs");
    }

    @Test
    void aFileOnlyOneRunHasIsNamed(@TempDir Path tmp) throws Exception {
        Path a = run(tmp.resolve("a"), SUMMARY, METRICS, weights(new float[6]));
        Path b = run(tmp.resolve("b"), SUMMARY, METRICS, weights(new float[6]));
        Files.delete(a.resolve("weights.npz"));
        FileFormatException e = assertThrows(FileFormatException.class, () -> RunComparison.of(a, b));
        assertTrue(e.getMessage().startsWith(a.resolve("weights.npz") + " is missing, where " + b.resolve("weights.npz")),
                e.getMessage());
        Files.write(b.resolve("metrics.csv"), new byte[] {'x'}); // cut short: no line end
        Files.delete(b.resolve("weights.npz"));
        e = assertThrows(FileFormatException.class, () -> RunComparison.of(a, b));
        assertTrue(e.getMessage().contains(b.resolve("metrics.csv").toString()), e.getMessage());
    }

    /**
     * Arrays of more entries than one chunk: entries changed in the second chunk and in the last, partial one are
     * counted and placed as a pass over the two whole arrays here finds them.
     */
    @Test
    void arraysLargerThanAChunkAreComparedWhole(@TempDir Path tmp) throws Exception {
        int rows = 7;
        int columns = ArrayComparison.CHUNK / 3; // 7 rows: two whole chunks and a part
        float[] w = new float[rows * columns];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 977) * 0.001f;
        }
        float[] v = w.clone();
        v[ArrayComparison.CHUNK + 5] += 0.5f;
        v[w.length - 1] -= 2f;
        v[2 * ArrayComparison.CHUNK] = Float.NaN;
        Map<String, NpyArray> a = new LinkedHashMap<>(Map.of("e_e", NpyArray.of(w, rows, columns)));
        Map<String, NpyArray> b = new LinkedHashMap<>(Map.of("e_e", NpyArray.of(v, rows, columns)));
        RunComparison c = RunComparison.of(run(tmp.resolve("a"), SUMMARY, METRICS, a),
                run(tmp.resolve("b"), SUMMARY, METRICS, b));
        long differing = 0;
        int first = -1;
        double max = 0;
        for (int i = 0; i < w.length; i++) {
            if (Float.compare(w[i], v[i]) != 0) {
                differing++;
                first = first < 0 ? i : first;
                max = Float.isNaN(v[i]) ? max : Math.max(max, Math.abs((double) v[i] - w[i]));
            }
        }
        ArrayComparison e = c.results().get(1).arrays().get(0);
        assertEquals(3, differing, "the three changed entries");
        assertEquals(differing, e.differing());
        assertEquals(w.length, e.size());
        assertEquals(max, e.maxAbsDelta());
        assertArrayEquals(new int[] {first / columns, first % columns}, e.firstIndex());
        assertEquals((double) w[first], e.firstA(), "a float array's entry as a double");
        assertEquals((double) v[first], e.firstB());
    }

    /**
     * Two runs whose weights are two 24 MB arrays each are compared in a JVM of 48 MiB of heap: a chunk at a time, not
     * an array (reading one whole took its bytes and its floats, 48 MB). A JVM of its own, whose exit says whether it
     * ran out of memory.
     */
    @Test
    void largeWeightsAreComparedInASmallHeap(@TempDir Path tmp) throws Exception {
        int n = 6_000_000;
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (i % 1009) * 0.25f;
        }
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("e_e", NpyArray.of(w, 2000, 3000));
        a.put("i_e", NpyArray.of(w, 3000, 2000));
        Path runA = run(tmp.resolve("a"), SUMMARY, METRICS, a);
        w[2 * 3000 + 7] += 1f;
        Path runB = run(tmp.resolve("b"), SUMMARY, METRICS, a);
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(jvm, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                RunComparisonTest.class.getName(), runA.toString(), runB.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("fork.log").toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the comparison ended");
        String out = Files.readString(tmp.resolve("fork.log"));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.endsWith("DIFFERENT array e_e, entry [2, 7]\n"), out);
    }

    /** The forked JVM of {@link #largeWeightsAreComparedInASmallHeap}: compares run A with run B, prints the verdict. */
    public static void main(String[] args) throws Exception {
        RunComparison c = RunComparison.of(Path.of(args[0]), Path.of(args[1]));
        System.out.println(c.verdict() + " " + c.results().stream().filter(r -> r.file().equals(c.partsFirst()))
                .findFirst().orElseThrow().partsAt());
    }

    /** Only the differing cells of the first differing row, in the header's order, however many columns come first. */
    @Test
    void theFirstRowsDifferingCellsAreThoseThatDiffer() throws Exception {
        var a = Csv.parse(null, new StringReader("step,a,b,c,d,e,f,g,h,i,j\n0,1,1,1,1,1,1,1,1,1,1\n"));
        var b = Csv.parse(null, new StringReader("step,a,b,c,d,e,f,g,h,i,j\n0,1,1,1,1,1,1,1,1,2,3\n"));
        assertEquals(Map.of("i", List.of("1", "2"), "j", List.of("1", "3")), TableComparison.of(a, b).firstCells());
        assertEquals(List.of("i", "j"), List.copyOf(TableComparison.of(a, b).firstCells().keySet()));
    }

    @Test
    void theIndexOfAnEntryIsItsCOrderPosition() {
        // [2][3][4]: position 23 = 1·12 + 2·4 + 3
        assertArrayEquals(new int[] {1, 2, 3}, ArrayComparison.index(23, new int[] {2, 3, 4}));
        assertArrayEquals(new int[] {0, 0, 0}, ArrayComparison.index(0, new int[] {2, 3, 4}));
    }

    @Test
    void csvNumbersAreComparedAsNumbers() throws Exception {
        var a = Csv.parse(null, new StringReader("step,x\n0,1\n1,\n"));
        var b = Csv.parse(null, new StringReader("step,x\n0,1.0\n1,NaN\n"));
        assertTrue(TableComparison.of(a, b).same());
    }

    /** A table with a row more parts where the shorter ends: at that row, placed by the longer table's key. */
    @Test
    void aTableWithMoreRowsPartsWhereTheOtherEnds() throws Exception {
        var a = Csv.parse(null, new StringReader("step,x\n0,1\n"));
        var b = Csv.parse(null, new StringReader("step,x\n0,1\n3500,2\n"));
        TableComparison t = TableComparison.of(a, b);
        assertTrue(!t.same());
        assertEquals(2, t.firstRow());
        assertEquals(Map.of("step", "3500"), t.firstKey());
        assertEquals("data row 2, step 3500", FileComparison.ofTable("sleep_traces.csv", t).partsAt());
    }
    /** One weight moved by a known amount: within an atol of exactly that amount the same, just beyond it different. */
    @Test
    void aWeightWithinTheToleranceIsTheSameAndJustBeyondItDifferent(@TempDir Path tmp) throws Exception {
        float[] w = {0, 1, 2, 3, 4, 5};
        float[] v = w.clone();
        v[4] = 4.001f; // row 1, column 1
        v[2] = Float.NaN;
        float[] nan = w.clone();
        nan[2] = Float.NaN;
        Path a = run(tmp.resolve("a"), SUMMARY, METRICS, weights(nan));
        Path b = run(tmp.resolve("b"), SUMMARY, METRICS, weights(v));
        double delta = Math.abs((double) v[4] - w[4]); // float's 4.001 is not 4.001
        RunComparison within = RunComparison.of(a, b, new Tolerance(delta, 0));
        assertEquals(RunComparison.Verdict.SAME_WITHIN_TOLERANCE, within.verdict(), "NaN matches NaN");
        assertNull(within.partsFirst());
        FileComparison f = within.results().get(1);
        assertEquals(FileComparison.Outcome.WITHIN_TOLERANCE, f.outcome());
        assertEquals(delta, f.maxAbsDelta());
        assertEquals(f, within.largestDelta());
        ArrayComparison input = f.arrays().get(0);
        assertEquals(ArrayComparison.Outcome.WITHIN_TOLERANCE, input.outcome());
        assertEquals(1, input.withinTolerance());
        assertEquals(0, input.differing());
        RunComparison beyond = RunComparison.of(a, b, new Tolerance(Math.nextDown(delta), 0));
        assertEquals(RunComparison.Verdict.DIFFERENT, beyond.verdict());
        assertEquals("array input_e, entry [1, 1]", beyond.results().get(1).partsAt());
        assertEquals(RunComparison.Verdict.DIFFERENT, RunComparison.of(a, b).verdict(), "no tolerance: as before");
    }

    /** A metrics.csv cell and a summary.json number moved: the largest |Δ| of the two, in its file. */
    @Test
    void aCellAndASummaryNumberWithinTheTolerance(@TempDir Path tmp) throws Exception {
        float[] w = {0, 1, 2, 3, 4, 5};
        Path a = run(tmp.resolve("a"), SUMMARY, METRICS, weights(w));
        Path b = run(tmp.resolve("b"), SUMMARY.replace("0.5", "0.5003"), METRICS.replace("10,0.25", "10,0.2498"),
                weights(w));
        double cell = Math.abs(0.2498 - 0.25);
        double summary = Math.abs(0.5003 - 0.5);
        RunComparison c = RunComparison.of(a, b, new Tolerance(summary, 0));
        assertEquals(RunComparison.Verdict.SAME_WITHIN_TOLERANCE, c.verdict());
        assertEquals("summary.json", c.largestDelta().file());
        assertEquals(summary, c.largestDelta().maxAbsDelta());
        FileComparison metrics = c.results().get(0);
        assertEquals(FileComparison.Outcome.WITHIN_TOLERANCE, metrics.outcome());
        assertEquals(cell, metrics.maxAbsDelta());
        assertEquals(1, metrics.table().rowsWithinTolerance());
        assertEquals(0, metrics.table().differingRows());
        assertTrue(c.results().get(2).summary().get(0).withinTolerance());

        RunComparison cellOut = RunComparison.of(a, b, new Tolerance(Math.nextDown(cell), 0));
        assertEquals(RunComparison.Verdict.DIFFERENT, cellOut.verdict());
        assertEquals("metrics.csv", cellOut.partsFirst());
        assertEquals("data row 1, images_seen 10", cellOut.results().get(0).partsAt());
        assertEquals("test_accuracy", cellOut.results().get(2).partsAt(), "the summary beyond it too");

        RunComparison summaryOut = RunComparison.of(a, b, new Tolerance(Math.nextDown(summary), 0));
        assertEquals("summary.json", summaryOut.partsFirst(), "the cell is within, the summary number beyond");
        assertEquals(FileComparison.Outcome.WITHIN_TOLERANCE, summaryOut.results().get(0).outcome());
    }

    /** 2^53 and 2^53 + 1 are one double: as int64 arrays they differ, and an atol of 1 takes them as the same. */
    @Test
    void int64ArraysAreComparedAsIntegers(@TempDir Path tmp) throws Exception {
        long big = 1L << 53;
        assertEquals((double) big, (double) (big + 1), "one double");
        Map<String, NpyArray> x = new LinkedHashMap<>(Map.of("counts", NpyArray.of(new long[] {7, big, -3}, 3)));
        Map<String, NpyArray> y = new LinkedHashMap<>(Map.of("counts", NpyArray.of(new long[] {7, big + 1, -3}, 3)));
        Path a = run(tmp.resolve("a"), SUMMARY, METRICS, x);
        Path b = run(tmp.resolve("b"), SUMMARY, METRICS, y);
        RunComparison c = RunComparison.of(a, b);
        assertEquals(RunComparison.Verdict.DIFFERENT, c.verdict());
        ArrayComparison counts = c.results().get(1).arrays().get(0);
        assertEquals("array counts, entry [1]", c.results().get(1).partsAt());
        assertEquals(big, counts.firstA(), "the entry whole, not rounded to a double");
        assertEquals(big + 1, counts.firstB());
        assertEquals(1.0, counts.maxAbsDelta());
        assertEquals(RunComparison.Verdict.SAME_WITHIN_TOLERANCE,
                RunComparison.of(a, b, new Tolerance(1, 0)).verdict());
        assertEquals(RunComparison.Verdict.DIFFERENT, RunComparison.of(a, b, new Tolerance(0.5, 0)).verdict());
    }

    /** int32 arrays too; and the extremes of int64, whose difference a long cannot hold. */
    @Test
    void integerArraysAtTheirExtremes(@TempDir Path tmp) throws Exception {
        Map<String, NpyArray> x = new LinkedHashMap<>(Map.of("n", NpyArray.of(new int[] {Integer.MAX_VALUE, 1}, 2),
                "m", NpyArray.of(new long[] {Long.MIN_VALUE}, 1)));
        Map<String, NpyArray> y = new LinkedHashMap<>(Map.of("n", NpyArray.of(new int[] {Integer.MAX_VALUE - 1, 1}, 2),
                "m", NpyArray.of(new long[] {Long.MAX_VALUE}, 1)));
        RunComparison c = RunComparison.of(run(tmp.resolve("a"), SUMMARY, METRICS, x),
                run(tmp.resolve("b"), SUMMARY, METRICS, y));
        Map<String, ArrayComparison> arrays = new LinkedHashMap<>();
        c.results().get(1).arrays().forEach(e -> arrays.put(e.name(), e));
        assertEquals(1.0, arrays.get("n").maxAbsDelta());
        assertEquals((long) Integer.MAX_VALUE, arrays.get("n").firstA());
        assertEquals(Math.pow(2, 64), arrays.get("m").maxAbsDelta(), "2^64 − 1, the nearest double");
    }

    /** numpy's isclose: |a − b| ≤ atol + rtol·|b|, B's magnitude the scale; NaN only matches NaN. */
    @Test
    void theToleranceIsNumpysIsclose() {
        Tolerance relative = new Tolerance(0, 0.095);
        assertTrue(relative.same(100.0, 110.0), "10 ≤ 0.095 · 110 = 10.45");
        assertTrue(!relative.same(110.0, 100.0), "10 > 0.095 · 100 = 9.5");
        assertTrue(relative.same(100L, 110L), "integers alike");
        assertTrue(!relative.same(110L, 100L));
        Tolerance both = new Tolerance(0.5, 0.095);
        assertTrue(both.same(110.0, 100.0), "10 ≤ 0.5 + 9.5");
        assertTrue(!both.same(110.5, 100.0), "10.5 > 10");
        assertTrue(both.same(Double.NaN, Double.NaN));
        assertTrue(!both.same(Double.NaN, 1));
        assertTrue(!both.same(1, Double.NaN));
        assertTrue(Tolerance.EXACT.same(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertTrue(!new Tolerance(1e300, 0).same(Double.POSITIVE_INFINITY, 1));
        assertTrue(Tolerance.EXACT.same(-0.0, 0.0));
        assertTrue(!Tolerance.EXACT.same(1L << 53, (1L << 53) + 1));
        for (double bad : new double[] {-1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tolerance(0, bad));
            assertTrue(e.getMessage().startsWith("rtol "), e.getMessage());
        }
    }

    /** Integers past 2^53 in a CSV cell and a JSON number are compared exactly, as the arrays' are. */
    @Test
    void integersInTablesAndSummariesAreComparedExactly(@TempDir Path tmp) throws Exception {
        float[] w = {0, 1, 2, 3, 4, 5};
        String big = Long.toString(1L << 53);
        String next = Long.toString((1L << 53) + 1);
        Path a = run(tmp.resolve("a"), SUMMARY.replace("\"seed\": 1", "\"seed\": " + big),
                METRICS.replace("20,0.5", big + ",0.5"), weights(w));
        Path b = run(tmp.resolve("b"), SUMMARY.replace("\"seed\": 1", "\"seed\": " + next),
                METRICS.replace("20,0.5", next + ",0.5"), weights(w));
        RunComparison c = RunComparison.of(a, b);
        assertEquals(RunComparison.Verdict.DIFFERENT, c.verdict());
        assertEquals("data row 2, images_seen " + big, c.results().get(0).partsAt());
        assertEquals(1.0, c.results().get(0).maxAbsDelta());
        SummaryDifference seed = c.results().get(2).summary().get(0);
        assertEquals("seed", seed.field());
        assertEquals(1.0, seed.delta());
        assertEquals(RunComparison.Verdict.SAME_WITHIN_TOLERANCE,
                RunComparison.of(a, b, new Tolerance(1, 0)).verdict());
    }
}
