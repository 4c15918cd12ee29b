package io.somnus.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WeightStatisticsTest {
    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    @Test
    void handWorkedCase() {
        // first five entries count; the trailing 99 is outside n
        float[] w = {0f, 0.5f, 1f, -1f, 2f, 99f};
        WeightStatistics s = WeightStatistics.of(w, 5, 2.0, 0.5);
        assertEquals(5, s.count());
        assertEquals(0.5, s.mean(), 1e-15);
        // deviations −0.5, 0, 0.5, −1.5, 1.5: Σ² = 5, /n = 1
        assertEquals(1.0, s.std(), 1e-15);
        assertEquals(-1.0, s.min());
        assertEquals(2.0, s.max());
        assertEquals(4.5, s.totalAbs(), 1e-15);
        // bound 2: |w| ≥ 1.9 only for 2
        assertEquals(0.2, s.fractionSaturated(), 1e-15);
        // |w| ≤ 0.5: 0 and 0.5
        assertEquals(0.4, s.fractionNearZero(), 1e-15);
        // bins of width 3/32 from −1: −1 → 0, 0 → 10, 0.5 → 16, 1 → 21, 2 → last; five distinct bins
        assertEquals(log2(5), s.histogramEntropy(), 1e-12);
    }

    @Test
    void histogramEntropyOfUnevenBins() {
        // 1, 1, 1 in the first bin and 3 in the last: H = −(¾ log₂ ¾ + ¼ log₂ ¼)
        WeightStatistics s = WeightStatistics.of(new float[] {1, 1, 1, 3}, 4, Double.NaN, 0.0);
        assertEquals(-(0.75 * log2(0.75) + 0.25 * log2(0.25)), s.histogramEntropy(), 1e-12);
        // no bound: reference is the largest |w| = 3, threshold 2.85
        assertEquals(3.0, s.saturationReference());
        assertEquals(0.25, s.fractionSaturated(), 1e-15);
        assertEquals(0.0, s.fractionNearZero());
    }

    @Test
    void runningMaximumAsReferenceAndEqualWeights() {
        float[] w = {0.2f, 0.2f, 0.2f};
        // a running maximum of 0.21 from earlier checkpoints: 0.2 ≥ 0.1995 → all saturated
        WeightStatistics s = WeightStatistics.of(w, 3, 0.21, 0.0);
        assertEquals(1.0, s.fractionSaturated());
        assertEquals(0.0, s.histogramEntropy());
        assertEquals(0.0, s.std(), 1e-9);
        // a running maximum of 1.0: none saturated
        assertEquals(0.0, WeightStatistics.of(w, 3, 1.0, 0.0).fractionSaturated());
        assertEquals(0.2, WeightStatistics.maxAbs(new float[] {-0.2f, 0.1f}, 2), 1e-7);
    }

    @Test
    void emptyAndBadInput() {
        WeightStatistics s = WeightStatistics.of(new float[3], 0, Double.NaN, 0.0);
        assertTrue(Double.isNaN(s.mean()));
        assertEquals(0.0, s.totalAbs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightStatistics.of(new float[3], 4, Double.NaN, 0.0));
        assertTrue(e.getMessage().contains("n = 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WeightStatistics.of(new float[3], 3, -1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> WeightStatistics.of(new float[3], 3, 1, -0.1));
    }
}
