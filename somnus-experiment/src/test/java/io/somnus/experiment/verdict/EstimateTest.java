package io.somnus.experiment.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Effects and their intervals against hand-worked cases (t quantiles from a table: t(0.975, 2), t(0.975, 4)). */
class EstimateTest {
    private static final double T2 = 4.302652729911275;
    private static final double T4 = 2.7764451051977987;

    @Test
    void sameSeedsArePairedWithTheTIntervalOfTheDifferences() {
        Estimate e = Estimate.difference(Map.of(1L, 0.74, 2L, 0.75, 3L, 0.76), Map.of(1L, 0.70, 2L, 0.70, 3L, 0.70));
        assertTrue(e.paired());
        assertEquals(3, e.n());
        assertEquals(0.05, e.value(), 1e-12);
        double half = T2 * 0.01 / Math.sqrt(3); // differences 0.04, 0.05, 0.06: s = 0.01
        assertEquals(0.05 - half, e.low(), 1e-9);
        assertEquals(0.05 + half, e.high(), 1e-9);
    }

    /** Other seeds: Welch, here with equal variances and sizes, so df = 2 (n − 1) = 4. */
    @Test
    void otherSeedsGetWelchsInterval() {
        Estimate e = Estimate.difference(Map.of(1L, 0.74, 2L, 0.75, 3L, 0.76), Map.of(4L, 0.70, 5L, 0.71, 6L, 0.72));
        assertFalse(e.paired());
        assertEquals(0.04, e.value(), 1e-12);
        double half = T4 * Math.sqrt(2 * 0.0001 / 3);
        assertEquals(0.04 - half, e.low(), 1e-9);
        assertEquals(0.04 + half, e.high(), 1e-9);
    }

    @Test
    void missingValuesAreLeftOutAndTooFewLeaveNoInterval() {
        assertFalse(Estimate.difference(Map.of(1L, Double.NaN), Map.of(1L, 0.5)).present());
        Estimate one = Estimate.difference(Map.of(1L, 0.6), Map.of(1L, 0.5));
        assertTrue(one.present());
        assertFalse(one.hasInterval());
        Estimate mean = Estimate.mean(Map.of(1L, 0.5, 2L, 0.6, 3L, 0.7, 4L, Double.NaN));
        assertEquals(3, mean.n());
        assertEquals(0.6, mean.value(), 1e-12);
        assertEquals(0.6 - T2 * 0.1 / Math.sqrt(3), mean.low(), 1e-9);
    }

    /**
     * Runs of the same seeds, one of which has no value on one side: the other two seeds are paired (as aggregate.csv's
     * paired test pairs them), not compared by Welch's test of two values against three.
     */
    @Test
    void aPairWithoutAValueIsLeftOutOfThePairing() {
        Estimate e = Estimate.difference(Map.of(1L, 0.74, 2L, 0.76, 3L, Double.NaN), Map.of(1L, 0.70, 2L, 0.70, 3L, 0.90));
        assertTrue(e.paired());
        assertEquals(2, e.n());
        assertEquals(0.05, e.value(), 1e-12); // differences 0.04 and 0.06: s = √2·0.01, t(0.975, 1)
        double half = 12.706204736174707 * Math.sqrt(2) * 0.01 / Math.sqrt(2);
        assertEquals(0.05 - half, e.low(), 1e-9);
        assertEquals(0.05 + half, e.high(), 1e-9);
        // a seed without a run on one side is not paired: Welch's test of the values each side has
        assertFalse(Estimate.difference(Map.of(1L, 0.74, 2L, 0.76), Map.of(1L, 0.70, 2L, 0.70, 3L, 0.90)).paired());
    }
}
