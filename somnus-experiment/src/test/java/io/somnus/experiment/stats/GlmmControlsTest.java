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
        GlmmOutcome outcome = GlmmRunner.standard().fit(dir, 2, 2, 2, rows.size());
        assumeTrue(outcome.done(), "R with glmmTMB is needed: " + outcome.status());
        String text = Files.readString(dir.resolve(GlmmRunner.TEXT));
        assertEquals(24, trained);
        assertTrue(text.contains("Number of obs: 24,"), text);
    }
}
