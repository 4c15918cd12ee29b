package io.somnus.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CellStatsTest {
    /**
     * Accuracies 0.90, 0.95, 1.00 on 3 seeds (worked in Python's statistics module): squeezed (2y + ½)/3 = 0.766667,
     * 0.8, 0.833333; logits 1.189584, 1.386294, 1.609438; mean 1.395105, s = 0.210066; t(0.975, 2) = 4.302653, half
     * width 0.521832; the lower end maps back to 0.808140, the upper end beyond 1 and is clipped to 1. The plain
     * t-interval, 0.95 ± 0.124207, would end at 1.074.
     */
    @Test
    void unitIntervalMetricGetsALogitIntervalInsideZeroOne() {
        double[] acc = {0.90, 0.95, 1.00};
        CellStats s = CellStats.of("test_accuracy", acc);
        assertEquals(3, s.n());
        assertEquals(0.95, s.mean(), 1e-15);
        assertEquals(0.808140, s.ciLow(), 1e-6);
        assertEquals(1.0, s.ciHigh(), 0.0);
        CellStats plain = CellStats.of(acc);
        assertEquals(1.074207, plain.ciHigh(), 1e-6);
        assertEquals(plain.ciHigh(), CellStats.of("phi", acc).ciHigh(), 0.0, "unbounded metrics keep the t-interval");
    }

    @Test
    void intervalsOfFractionsNeverLeaveZeroOne() {
        SplittableRandom r = new SplittableRandom(4);
        for (int trial = 0; trial < 500; trial++) {
            int n = 2 + r.nextInt(6);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextInt(4) == 0 ? r.nextInt(2) : r.nextDouble(); // exact 0s and 1s too
            }
            CellStats s = CellStats.ofUnitInterval(v);
            assertTrue(s.ciLow() >= 0 && s.ciHigh() <= 1 && s.ciLow() <= s.ciHigh(), s.toString());
        }
        assertTrue(MetricCatalog.isUnitInterval("weights.e_e.frac_saturated"));
        assertTrue(MetricCatalog.isUnitInterval("val_accuracy_pca-logistic"));
        assertFalse(MetricCatalog.isUnitInterval("weights.e_e.total_abs"));
        assertFalse(MetricCatalog.isUnitInterval("stability.last_quarter_std"));
    }
}
