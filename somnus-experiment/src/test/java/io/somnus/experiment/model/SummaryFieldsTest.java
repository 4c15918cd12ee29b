package io.somnus.experiment.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * summary.json's stability numbers are those of the checkpoints a run trained through: a run that stopped early ends
 * metrics.csv with a row for the restored best epoch's weights, at the same images seen as the last trained checkpoint,
 * which counted twice (a 100-image paper-code run: the std of its last quarter from that duplicate).
 */
class SummaryFieldsTest {
    private static final double EPS = 1e-12;

    /**
     * Eight trained checkpoints, then the restored best epoch's 0.70 at the last one's images seen. By hand over the
     * eight: final 0.62, peak 0.70 (third), last quarter ⌈8/4⌉ = 2 points 0.66, 0.62: mean 0.64, sample std
     * √((0.02² + 0.02²)/1) = 0.02·√2; the largest fall below the running peak 0.70 − 0.55 = 0.15.
     */
    @Test
    void aRestoredLastRowIsLeftOutOfTheStability() {
        double[] curve = {0.40, 0.60, 0.70, 0.55, 0.65, 0.60, 0.66, 0.62, 0.70};
        Map<String, Double> s = SummaryFields.stability(curve, true);
        assertEquals(0.62, s.get("final"), EPS);
        assertEquals(0.70, s.get("peak"), EPS);
        assertEquals(0.64, s.get("last_quarter_mean"), EPS);
        assertEquals(0.02 * Math.sqrt(2), s.get("last_quarter_std"), EPS);
        assertEquals(0.15, s.get("max_drawdown"), EPS);
    }

    /**
     * The 100-image paper-code run: trained 0.60, 0.54, 0.54, 0.56, restored 0.54. Four trained checkpoints have a last
     * quarter of one point (0.56), whose std is undefined, where the duplicate row gave two points and a std of 0.014.
     */
    @Test
    void fourTrainedCheckpointsHaveNoLastQuarterStd() {
        Map<String, Double> s = SummaryFields.stability(new double[] {0.60, 0.54, 0.54, 0.56, 0.54}, true);
        assertEquals(0.56, s.get("final"), EPS);
        assertEquals(0.56, s.get("last_quarter_mean"), EPS);
        assertEquals(Double.NaN, s.get("last_quarter_std"));
        assertEquals(0.06, s.get("max_drawdown"), EPS);
    }

    /** A run that ran to its end: every point counts (⌈5/4⌉ = 2: 0.56 and 0.54, mean 0.55, std 0.02/√2). */
    @Test
    void aRunToItsEndKeepsEveryPoint() {
        Map<String, Double> s = SummaryFields.stability(new double[] {0.60, 0.54, 0.54, 0.56, 0.54}, false);
        assertEquals(0.54, s.get("final"), EPS);
        assertEquals(0.55, s.get("last_quarter_mean"), EPS);
        assertEquals(0.02 / Math.sqrt(2), s.get("last_quarter_std"), EPS);
    }

    /** A run that stopped early before its first checkpoint has the restored row only: that point is its curve. */
    @Test
    void aRestoredRowAloneIsTheCurve() {
        Map<String, Double> s = SummaryFields.stability(new double[] {0.5}, true);
        assertEquals(0.5, s.get("final"), EPS);
        assertEquals(0.0, s.get("max_drawdown"), EPS);
    }
}
