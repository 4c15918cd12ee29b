package io.somnus.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccuracyCurveStabilityTest {
    @Test
    void handWorkedCurve() {
        double[] a = {0.5, 0.8, 0.6, 0.9, 0.7, 0.75, 0.85, 0.8};
        AccuracyCurveStability s = AccuracyCurveStability.of(a);
        assertEquals(0.8, s.finalAccuracy());
        assertEquals(0.9, s.peakAccuracy());
        assertEquals(3, s.peakIndex());
        // last ⌈8/4⌉ = 2 points: 0.85, 0.8 → mean 0.825, sample std sqrt(2·0.025²/1)
        assertEquals(0.825, s.lastQuarterMean(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.025 * 0.025), s.lastQuarterStd(), 1e-12);
        // running peak 0.5 0.8 0.8 0.9 0.9 0.9 0.9 0.9 → drawdowns 0 0 0.2 0 0.2 0.15 0.05 0.1
        assertEquals(0.2, s.maxDrawdown(), 1e-12);
    }

    @Test
    void lastQuarterRoundsUpAndMonotoneCurveHasNoDrawdown() {
        // n = 5 → last 2 points
        AccuracyCurveStability s = AccuracyCurveStability.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.5});
        assertEquals(0.45, s.lastQuarterMean(), 1e-12);
        assertEquals(Math.sqrt(0.005), s.lastQuarterStd(), 1e-12);
        assertEquals(0.0, s.maxDrawdown());
        AccuracyCurveStability one = AccuracyCurveStability.of(new double[] {0.7});
        assertEquals(0.7, one.lastQuarterMean());
        assertTrue(Double.isNaN(one.lastQuarterStd()));
    }

    @Test
    void rejectsEmptyOrNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> AccuracyCurveStability.of(new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccuracyCurveStability.of(new double[] {0.5, Double.NaN}));
        assertTrue(e.getMessage().contains("accuracy[1]"), e.getMessage());
    }
}
