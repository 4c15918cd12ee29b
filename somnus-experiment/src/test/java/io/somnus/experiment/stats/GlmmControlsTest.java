package io.somnus.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.somnus.experiment.io.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GLMM is fitted on the trained runs only: the untrained controls of a sweep (variant control=...) are not a level
 * of sleep. Runs the real R script where R and glmmTMB are installed (scripts/install-deps installs them).
 */
class GlmmControlsTest {
    @Test
    void controlRunsAreLeftOutOfTheModel(@TempDir Path dir) throws Exception {
        List<List<Object>> rows = writeRuns(dir);
        GlmmOutcome outcome = GlmmRunner.standard().fit(dir, 2, 2, 2, rows.size());
        assumeTrue(outcome.done(), "R with glmmTMB is needed: " + outcome.status());
        String text = Files.readString(dir.resolve(GlmmRunner.TEXT));
        assertTrue(text.contains("Number of obs: 24,"), text);
    }

    /**
     * An R started ahead (GlmmRunner#preloaded, as a sweep starts it) fits the same model to the same numbers as an R
     * started for the fit (to 10⁻⁹: R's BLAS does not give the last bits the same from one process to the next), in
     * the directory it is given, and it ends after its one fit.
     */
    @Test
    void aPreloadedRFitsWhatAFreshOneFits(@TempDir Path fresh, @TempDir Path preloaded) throws Exception {
        List<List<Object>> rows = writeRuns(fresh);
        writeRuns(preloaded);
        GlmmOutcome a = GlmmRunner.standard().fit(fresh, 2, 2, 2, rows.size());
        assumeTrue(a.done(), "R with glmmTMB is needed: " + a.status());
        GlmmOutcome b;
        try (GlmmRunner r = GlmmRunner.standard().preloaded()) {
            b = r.fit(preloaded, 2, 2, 2, rows.size());
            assertEquals("done", b.status());
            // a second fit starts its own R
            assertEquals("done", r.fit(preloaded, 2, 2, 2, rows.size()).status());
        }
        assertEquals(a.formula(), b.formula());
        for (String table : List.of(GlmmRunner.TABLE, GlmmRunner.FACTOR_TABLE)) {
            List<String> x = Files.readAllLines(fresh.resolve(table));
            List<String> y = Files.readAllLines(preloaded.resolve(table));
            assertEquals(x.size(), y.size(), table);
            for (int i = 1; i < x.size(); i++) {
                String[] u = x.get(i).split(",");
                String[] v = y.get(i).split(",");
                assertEquals(u[0], v[0], table + " term");
                for (int k = 1; k < u.length; k++) {
                    assertEquals(Double.parseDouble(u[k]), Double.parseDouble(v[k]), 1e-9 * Math.abs(Double.parseDouble(u[k])),
                            table + " " + u[0] + " column " + k);
                }
            }
        }
        assertTrue(Files.readString(preloaded.resolve(GlmmRunner.TEXT)).contains("Number of obs: 24,"));
    }

    /** 24 trained runs (2 models × 2 datasets × f 0, 0.2 × 3 seeds) and 6 controls into DIR/runs_long.csv. */
    private static List<List<Object>> writeRuns(Path dir) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        int trained = 0;
        for (String model : List.of("stdp", "sg")) {
            for (String dataset : List.of("a", "b")) {
                for (double f : new double[] {0.0, 0.2}) {
                    for (int seed = 1; seed <= 3; seed++) {
                        double acc = 0.5 + 0.1 * f + 0.02 * seed + (model.equals("sg") ? 0.1 : 0) + (dataset.equals("b") ? 0.03 : 0);
                        rows.add(List.of("r" + rows.size(), model, model, dataset, f, seed, "test_accuracy", acc, ""));
                        trained++;
                    }
                }
            }
        }
        for (String dataset : List.of("a", "b")) {
            for (int seed = 1; seed <= 3; seed++) {
                rows.add(List.of("c" + rows.size(), "stdp", "stdp", dataset, 0.0, seed, "test_accuracy", 0.9,
                        "control=untrained_sleep_target"));
            }
        }
        Csv.write(dir.resolve(Aggregator.RUNS_LONG), Aggregator.RUNS_LONG_HEADER, rows);
        assertEquals(24, trained);
        return rows;
    }
}
