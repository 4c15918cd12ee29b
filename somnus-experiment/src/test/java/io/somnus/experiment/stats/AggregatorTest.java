package io.somnus.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.io.CsvTable;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.sweep.SweepResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregatorTest {
    @TempDir
    Path tmp;

    /**
     * A sweep directory without ledger: "accuracy" at f = 0 is drug 1 of Student's sleep data, at f = 0.2 drug 2, each
     * mapped into (0, 1) by {@link #accuracy} (an affine map, which leaves every t-test's t and p as R gives them for the
     * raw data); φ is the raw data.
     */
    Path sleepDataSweep() throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("sweep/runs"));
        for (int i = 0; i < 10; i++) {
            write(runs, 0.0, i + 1, StatisticsTest.DRUG1[i]);
            write(runs, 0.2, i + 1, StatisticsTest.DRUG2[i]);
        }
        return runs.getParent();
    }

    /** The sleep data's value as an accuracy: (x + 2) / 8, in (0, 1) for the data's −1.6 … 5.5. */
    static double accuracy(double value) {
        return (value + 2) / 8;
    }

    static void write(Path runs, double f, long seed, double value) throws Exception {
        Path dir = Files.createDirectories(runs.resolve(String.format(Locale.ROOT, "paper__d__f%.2f__s%d", f, seed)));
        double accuracy = accuracy(value);
        Files.writeString(dir.resolve("summary.json"), String.format(Locale.ROOT,
                "{\"model\":\"stdp\",\"preset\":\"paper\",\"dataset\":\"d\",\"seed\":%d,\"sleep_fraction\":%s,"
                        + "\"test_accuracy\":%s,\"phi\":%s,\"stability\":{\"max_drawdown\":0.1},"
                        + "\"weights\":{\"input_e\":{\"total_abs\":5.0,\"mean\":0.1}},\"input_shape\":[2,2]}",
                seed, f, accuracy, value));
        Files.writeString(dir.resolve("metrics.csv"), String.format(Locale.ROOT,
                "images_seen,val_accuracy\n100,%s\n200,%s\n", accuracy / 2, accuracy));
    }

    @Test
    void writesCellStatisticsAndTestsThatMatchR() throws Exception {
        Path sweep = sleepDataSweep();
        AggregateResult result = SweepResults.aggregate(sweep, new GlmmRunner("/nonexistent/Rscript", Duration.ofSeconds(5)));
        assertEquals(20, result.runs());
        CsvTable agg = Csv.read(sweep.resolve("aggregate.csv"));
        assertEquals(Aggregator.AGGREGATE_HEADER, agg.header());
        int row = find(agg, "0.2", "test_accuracy");
        assertEquals(10, agg.number(row, "n"));
        assertEquals(accuracy(2.33), agg.number(row, "mean"), 1e-12); // drug 2's mean, 2.33
        assertEquals(0.07939, agg.number(row, "welch_p"), 1e-5);
        assertEquals(0.07939, agg.number(row, "welch_p_holm"), 1e-5, "a family of one");
        assertEquals(1.8608, agg.number(row, "welch_t"), 1e-4);
        assertEquals(0.002833, agg.number(row, "paired_p"), 1e-6);
        assertEquals(10, agg.number(row, "paired_n"));
        // R's t.test interval, on phi (unbounded); the same values as an accuracy get the logit interval in [0, 1]
        assertEquals(-0.5297804, agg.number(find(agg, "0", "phi"), "ci95_low"), 1e-6);
        int base = find(agg, "0", "test_accuracy");
        assertTrue(agg.number(base, "ci95_low") >= 0 && agg.number(base, "ci95_high") <= 1);
        assertEquals("", agg.cell(base, "welch_p"), "no comparison for f = 0 itself");
        // main metrics only: mean of input_e is not aggregated, total_abs is
        assertEquals(List.of("test_accuracy", "stability.max_drawdown", "weights.input_e.total_abs", "phi"),
                agg.strings("metric").stream().distinct().toList());
        // zero variance: no test, no crash
        assertEquals("", agg.cell(find(agg, "0.2", "stability.max_drawdown"), "welch_p"));
    }

    /**
     * Holm over a family of two fractions, worked in the test from the two p-values the file gives: the smaller times 2,
     * the larger no lower than that; the paired p (the design's) adjusted apart from Welch's.
     */
    @Test
    void pairedAndWelchPAreEachHolmAdjustedOverTheFractions() throws Exception {
        Path sweep = sleepDataSweep();
        for (int i = 0; i < 10; i++) { // drug 2 with its seeds turned round: another pairing
            write(sweep.resolve("runs"), 0.5, i + 1, StatisticsTest.DRUG2[9 - i]);
        }
        SweepResults.aggregate(sweep, new GlmmRunner("/nonexistent/Rscript", Duration.ofSeconds(5)));
        CsvTable agg = Csv.read(sweep.resolve("aggregate.csv"));
        int a = find(agg, "0.2", "test_accuracy");
        int b = find(agg, "0.5", "test_accuracy");
        for (String test : List.of("paired_p", "welch_p")) {
            double pa = agg.number(a, test);
            double pb = agg.number(b, test);
            double lo = Math.min(1, 2 * Math.min(pa, pb));
            double hi = Math.max(lo, Math.max(pa, pb));
            assertEquals(pa < pb ? lo : hi, agg.number(a, test + "_holm"), 1e-12, test);
            assertEquals(pa < pb ? hi : lo, agg.number(b, test + "_holm"), 1e-12, test);
        }
        assertTrue(agg.number(a, "paired_p") != agg.number(b, "paired_p"), "two different pairings");
        // a third fraction equal to f = 0 seed by seed: no paired t, but it joins the family as p = 1 (m = 3)
        for (int i = 0; i < 10; i++) {
            write(sweep.resolve("runs"), 0.1, i + 1, StatisticsTest.DRUG1[i]);
        }
        SweepResults.aggregate(sweep, new GlmmRunner("/nonexistent/Rscript", Duration.ofSeconds(5)));
        CsvTable three = Csv.read(sweep.resolve("aggregate.csv"));
        int same = find(three, "0.1", "test_accuracy");
        assertEquals("", three.cell(same, "paired_p"));
        assertEquals(1.0, three.number(same, "paired_p_holm"));
        double pa = three.number(find(three, "0.2", "test_accuracy"), "paired_p");
        double pb = three.number(find(three, "0.5", "test_accuracy"), "paired_p");
        assertEquals(Math.min(1, 3 * Math.min(pa, pb)), three.number(find(three, pa < pb ? "0.2" : "0.5", "test_accuracy"),
                "paired_p_holm"), 1e-12, "the smallest of three, times 3");
    }

    /** A run's metrics.csv cut short, or its weights.npz, stops the aggregation naming the file (it changed a verdict). */
    @Test
    void aRunsFileCutShortStopsTheAggregationNamingIt() throws Exception {
        Path sweep = sleepDataSweep();
        Path run = sweep.resolve("runs").resolve("paper__d__f0.20__s2");
        Path metrics = run.resolve("metrics.csv");
        String whole = Files.readString(metrics);
        Files.writeString(metrics, whole.substring(0, whole.length() - 3));
        GlmmRunner none = new GlmmRunner("/nonexistent/Rscript", Duration.ofSeconds(5));
        Exception e = Assertions.assertThrows(RuntimeException.class,
                () -> SweepResults.aggregate(sweep, none));
        assertTrue(e.getMessage().contains(metrics.toString()) && e.getMessage().contains("cut short"), e.getMessage());
        Files.writeString(metrics, whole);
        Path npz = run.resolve("weights.npz");
        Npz.write(npz, Map.of("input_e",
                NpyArray.of(new float[512], 16, 32)));
        SweepResults.aggregate(sweep, none);
        byte[] bytes = Files.readAllBytes(npz);
        Files.write(npz, Arrays.copyOf(bytes, bytes.length - 40));
        e = Assertions.assertThrows(RuntimeException.class, () -> SweepResults.aggregate(sweep, none));
        assertTrue(e.getMessage().contains(npz + " is damaged"), e.getMessage());
    }

    @Test
    void writesLongFormatAndCurves() throws Exception {
        Path sweep = sleepDataSweep();
        SweepResults.aggregate(sweep, new GlmmRunner("/nonexistent/Rscript", Duration.ofSeconds(5)));
        CsvTable longT = Csv.read(sweep.resolve("runs_long.csv"));
        assertEquals(List.of("run_id", "preset", "model", "dataset", "sleep_fraction", "seed", "metric", "value", "variant"),
                longT.header());
        assertEquals(20 * 5, longT.rowCount(), "5 numeric leaves per run (input_shape is an array, seed is identity)");
        CsvTable curves = Csv.read(sweep.resolve("curves.csv"));
        assertEquals(4, curves.rowCount(), "2 cells × 2 checkpoints");
        for (int r = 0; r < curves.rowCount(); r++) {
            if (curves.cell(r, "sleep_fraction").equals("0") && curves.cell(r, "images_seen").equals("100")) {
                assertEquals(accuracy(0.75) / 2, curves.number(r, "mean"), 1e-12); // drug 1's mean, 0.75
            }
        }
    }

    /**
     * A run that stopped early ends metrics.csv with the restored best epoch's row at its last checkpoint's images seen:
     * curves.csv counted that run twice there (n 11 of 10 runs, its mean pulled toward the restored 0.99); the curve is
     * of the checkpoints trained through, drug 1's mean at 200 over 10 runs.
     */
    @Test
    void aRestoredLastRowIsNotACheckpointOfTheCurve() throws Exception {
        Path sweep = sleepDataSweep();
        Path run = sweep.resolve("runs").resolve("paper__d__f0.00__s1");
        Files.writeString(run.resolve("metrics.csv"), Files.readString(run.resolve("metrics.csv")) + "200,0.99\n");
        Files.writeString(run.resolve("summary.json"), Files.readString(run.resolve("summary.json"))
                .replace("\"test_accuracy\"", "\"stopped_early\":true,\"test_accuracy\""));
        SweepResults.aggregate(sweep, new GlmmRunner("/nonexistent/Rscript", Duration.ofSeconds(5)));
        CsvTable curves = Csv.read(sweep.resolve("curves.csv"));
        assertEquals(4, curves.rowCount(), "2 cells × 2 checkpoints");
        int checked = 0;
        for (int r = 0; r < curves.rowCount(); r++) {
            if (curves.cell(r, "sleep_fraction").equals("0") && curves.cell(r, "images_seen").equals("200")) {
                assertEquals(10, curves.number(r, "n"));
                assertEquals(accuracy(0.75), curves.number(r, "mean"), 1e-12); // drug 1's mean, 0.75
                checked++;
            }
        }
        assertEquals(1, checked);
    }

    @Test
    void glmmIsSkippedWithTheReasonWhenRIsMissing() throws Exception {
        Path sweep = sleepDataSweep();
        AggregateResult r = SweepResults.aggregate(sweep, new GlmmRunner("/nonexistent/Rscript", Duration.ofSeconds(5)));
        assertTrue(r.glmm().status().startsWith("skipped: Rscript not found"), r.glmm().status());
        JsonNode stats = new ObjectMapper().readTree(sweep.resolve("stats.json").toFile());
        assertTrue(stats.get("glmm").get("status").asText().startsWith("skipped: Rscript not found"));
        assertEquals(20, stats.get("runs").asInt());
    }

    @Test
    void glmmIsSkippedWhenGlmmTmbIsMissing() throws Exception {
        Path rscript = script("""
                #!/bin/sh
                grep -q 'quit(save = "no", status = 3)' "$1" || exit 1
                echo "there is no package called 'glmmTMB'" >&2; exit 3
                """);
        AggregateResult r = SweepResults.aggregate(sleepDataSweep(), new GlmmRunner(rscript.toString(), Duration.ofSeconds(20)));
        assertTrue(r.glmm().status().startsWith("skipped: R package glmmTMB is not installed"), r.glmm().status());
        assertTrue(r.glmm().status().contains("there is no package called"), r.glmm().status());
    }

    @Test
    void glmmRunsTheScriptWhenRIsThere() throws Exception {
        Path rscript = script("""
                #!/bin/sh
                grep -q 'glmmTMB(f, data = d, family = beta_family())' "$1" || exit 2
                grep -q 'f <- acc ~ sleep + (1 | seed)' "$1" || exit 3
                printf 'term,estimate,std_error,z,p\\n"(Intercept)",0.1,0.01,10,0\\n' > glmm.csv
                echo summary > glmm.txt
                """);
        Path sweep = sleepDataSweep();
        AggregateResult r = SweepResults.aggregate(sweep, new GlmmRunner(rscript.toString(), Duration.ofSeconds(20)));
        assertEquals("done", r.glmm().status());
        assertEquals("acc ~ sleep + (1 | seed)", r.glmm().formula(), "one model and one dataset");
        assertTrue(Files.readString(sweep.resolve("glmm.R")).contains("read.csv(\"runs_long.csv\""));
        assertTrue(r.files().contains(sweep.resolve("glmm.csv")));
    }

    private Path script(String text) throws Exception {
        Path f = tmp.resolve("Rscript");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    private static int find(CsvTable t, String fraction, String metric) {
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.cell(r, "sleep_fraction").equals(fraction) && t.cell(r, "metric").equals(metric)) {
                return r;
            }
        }
        throw new AssertionError("no row for f=" + fraction + " " + metric);
    }
}
