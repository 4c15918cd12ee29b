package io.somnus.experiment.verdict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.somnus.experiment.stats.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the rule reads of a run directory, against values worked out by hand. */
class VerdictInputsTest {
    @TempDir
    Path dir;

    private RunRecord run(String variant, Map<String, Double> metrics) {
        return new RunRecord("r", dir, "paper", "stdp", "geomfig", variant, 0.0, 2, JsonNodeFactory.instance.objectNode(),
                metrics);
    }

    /** Σ|w| over both projections: 10 + 5 = 15 at the first checkpoint, 30 + 15 = 45 at the last: growth ln 3. */
    @Test
    void weightGrowthIsTheLogRatioOfTheLastToTheFirstCheckpoint() throws Exception {
        Files.writeString(dir.resolve("metrics.csv"), """
                images_seen,val_accuracy,w_input_e_total_abs,w_e_e_total_abs,w_input_e_mean
                100,0.5,10,5,0.1
                200,0.6,20,9,0.2
                300,0.6,30,15,0.3
                """);
        VerdictRun r = VerdictInputs.of(run("", Map.of()));
        assertEquals(Math.log(3), r.get(Quantity.WEIGHT_GROWTH), 1e-12);
    }

    /** One checkpoint is no curve: its drawdown (0 by definition) and growth (ln 1) measure nothing, so not run. */
    @Test
    void aOneCheckpointRunHasNoDrawdownAndNoGrowth() throws Exception {
        Files.writeString(dir.resolve("metrics.csv"), """
                images_seen,val_accuracy,w_input_e_total_abs
                100,0.5,10
                """);
        VerdictRun r = VerdictInputs.of(run("", Map.of("stability.max_drawdown", 0.0, "test_accuracy", 0.5)));
        assertTrue(Double.isNaN(r.get(Quantity.DRAWDOWN)));
        assertTrue(Double.isNaN(r.get(Quantity.WEIGHT_GROWTH)));
        assertEquals(0.5, r.get(Quantity.TEST_ACCURACY));
        assertEquals(Outcome.NOT_RUN, EffectTest.BETTER.decide(
                Estimate.difference(Map.of(1L, r.get(Quantity.DRAWDOWN)), Map.of(1L, 0.0)), false, 0.02));
    }

    /**
     * A run that stopped early after one checkpoint has two rows, the second the restored best epoch's: still one
     * checkpoint trained through, no curve (its drawdown was read as a measured 0).
     */
    @Test
    void aRestoredRowDoesNotMakeOneCheckpointACurve() throws Exception {
        Files.writeString(dir.resolve("metrics.csv"), """
                images_seen,val_accuracy,w_input_e_total_abs
                100,0.5,10
                100,0.6,8
                """);
        var summary = JsonNodeFactory.instance.objectNode().put("stopped_early", true);
        VerdictRun r = VerdictInputs.of(new RunRecord("r", dir, "paper-code", "stdp", "geomfig", "", 0.0, 2, summary,
                Map.of("stability.max_drawdown", 0.0)));
        assertTrue(Double.isNaN(r.get(Quantity.DRAWDOWN)), "drawdown " + r.get(Quantity.DRAWDOWN));
        assertTrue(Double.isNaN(r.get(Quantity.WEIGHT_GROWTH)), "growth " + r.get(Quantity.WEIGHT_GROWTH));
    }

    /**
     * A run that stopped early: W 10 at the first checkpoint, 20 at its best (the second), 40 at the last trained
     * through, then the restored best weights' row, 20 again. Its growth over training is ln(40 / 10) = ln 4, not the
     * restored row's ln 2.
     */
    @Test
    void aStoppedRunsGrowthEndsAtItsLastTrainedCheckpointNotTheRestoredRow() throws Exception {
        Files.writeString(dir.resolve("metrics.csv"), """
                images_seen,val_accuracy,w_input_e_total_abs
                100,0.5,10
                200,0.7,20
                300,0.6,40
                300,0.7,20
                """);
        var summary = JsonNodeFactory.instance.objectNode().put("stopped_early", true);
        VerdictRun r = VerdictInputs.of(new RunRecord("r", dir, "paper-code", "stdp", "geomfig", "", 0.0, 2, summary,
                Map.of()));
        assertEquals(Math.log(4), r.get(Quantity.WEIGHT_GROWTH), 1e-12);
    }

    /**
     * The public totals the report reads (VerdictCaveats) are those the growth reads: a stopped run's W at 10, 20 and
     * 40 trained through, not the restored row's 20 after them; a run that ran to its end keeps every row.
     */
    @Test
    void aStoppedRunsWeightTotalsLeaveTheRestoredRowOut() throws Exception {
        Files.writeString(dir.resolve("metrics.csv"), """
                images_seen,val_accuracy,w_input_e_total_abs,w_e_e_total_abs
                100,0.5,6,4
                200,0.7,15,5
                300,0.6,30,10
                300,0.7,15,5
                """);
        var summary = JsonNodeFactory.instance.objectNode().put("stopped_early", true);
        assertArrayEquals(new double[] {10, 20, 40}, VerdictInputs.weightTotals(new RunRecord("r", dir, "paper-code",
                "stdp", "geomfig", "", 0.0, 2, summary, Map.of())));
        assertArrayEquals(new double[] {10, 20, 40, 20}, VerdictInputs.weightTotals(run("", Map.of())));
    }

    @Test
    void theSaturatedFractionIsTheMeanOverProjectionsAndTheControlIsSplitOffTheVariant() {
        VerdictRun r = VerdictInputs.of(run("train.images=100,control=untrained_sleep_target", Map.of(
                "weights.input_e.frac_saturated", 0.1, "weights.e_e.frac_saturated", 0.3,
                "weights.e_e.total_abs", 7.0, "test_accuracy", 0.6, "stability.max_drawdown", 0.05)));
        assertEquals(0.2, r.get(Quantity.SATURATED_FRACTION), 1e-12);
        assertEquals(0.6, r.get(Quantity.TEST_ACCURACY));
        assertEquals(0.05, r.get(Quantity.DRAWDOWN));
        assertEquals("untrained_sleep_target", r.control());
        assertEquals("train.images=100", r.variant());
        assertTrue(Double.isNaN(r.get(Quantity.WEIGHT_GROWTH))); // no metrics.csv
        assertTrue(Double.isNaN(r.get(Quantity.AVERAGE_FORGETTING)));
    }
}
