package io.somnus.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FiringRatesTest {
    @Test
    void ratesFromCounts() {
        // 1000 steps of 0.5 ms = 0.5 s
        int[] counts = {10, 0, 5};
        assertArrayEquals(new double[] {20, 0, 10}, FiringRates.ratesHz(counts, 1000, 0.5), 1e-12);
        assertEquals(10.0, FiringRates.meanRateHz(counts, 1000, 0.5), 1e-12);
        // 350 ms presentation, 7 spikes → 20 Hz
        assertEquals(20.0, FiringRates.rateHz(7, 700, 0.5), 1e-12);
        // 250 neurons, 100 steps of 1 ms, 500 spikes → 20 Hz each
        assertEquals(20.0, FiringRates.meanRateHz(500, 250, 100, 1.0), 1e-12);
    }

    @Test
    void rejectsBadDurations() {
        assertThrows(IllegalArgumentException.class, () -> FiringRates.rateHz(1, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> FiringRates.rateHz(1, 10, 0.0));
        assertThrows(IllegalArgumentException.class, () -> FiringRates.meanRateHz(1, 0, 10, 1.0));
    }
}
