package io.somnus.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against published numbers: Student's (1908) sleep data as in R's {@code ?t.test} example, whose output
 * R prints as: Welch t = -1.8608, df = 17.776, p-value = 0.07939; paired t = -4.0621, df = 9,
 * p-value = 0.002833; and {@code t.test(extra[group == 1])} 95 % CI -0.5297804 2.0297804.
 */
class StatisticsTest {
    /** Extra hours of sleep with drug 1 and drug 2, patients 1..10 (Cushny &amp; Peebles 1905). */
    static final double[] DRUG1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    static final double[] DRUG2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
    static final long[] PATIENTS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    /*
     * Tolerances here (pure Java double, the same on every CPU): the reference values are R's or a table's, printed to
     * a fixed number of digits, so each tolerance is about half a unit of the last printed digit (plus the
     * t-quantile solver's accuracy, Hipparchus' bracketing solver to ~1e-9, far below it); closed forms computed in
     * double from 10–20 O(1) numbers get 1e-12 (≥ 1000 ε of their size).
     */

    @Test
    void confidenceIntervalOfTheMeanMatchesR() {
        CellStats s = CellStats.of(DRUG1);
        assertEquals(10, s.n());
        assertEquals(0.75, s.mean(), 1e-12);
        assertEquals(-0.5297804, s.ciLow(), 1e-6);
        assertEquals(2.0297804, s.ciHigh(), 1e-6);
    }

    @Test
    void tQuantilesMatchTheTable() {
        // Student-t table: t(0.975; 4) = 2.776, t(0.975; 9) = 2.262, t(0.975; 30) = 2.042
        assertEquals(2.776, Statistics.tQuantile(0.95, 4), 5e-4);
        assertEquals(2.262, Statistics.tQuantile(0.95, 9), 5e-4);
        assertEquals(2.042, Statistics.tQuantile(0.95, 30), 5e-4);
    }

    @Test
    void ciOfFiveNumbersByHand() {
        // 1..5: mean 3, s = sqrt(2.5), half width = 2.7764451 * sqrt(2.5) / sqrt(5) = 2.7764451 / sqrt(2)
        CellStats s = CellStats.of(new double[] {1, 2, 3, 4, 5, Double.NaN});
        assertEquals(5, s.n(), "NaN (not recorded) is left out");
        assertEquals(3 - 2.7764451 / Math.sqrt(2), s.ciLow(), 1e-6);
        assertTrue(Double.isNaN(CellStats.of(new double[] {0.7}).ciLow()), "no interval from one seed");
    }

    @Test
    void welchAndPairedTestsMatchR() {
        Comparison c = Comparison.of(DRUG1, PATIENTS, DRUG2, PATIENTS);
        assertEquals(-1.8608, c.welchT(), 1e-4);
        assertEquals(17.776, c.welchDf(), 1e-3);
        assertEquals(0.07939, c.welchP(), 1e-5);
        assertEquals(10, c.pairedN());
        assertEquals(-4.0621, c.pairedT(), 1e-4);
        assertEquals(0.002833, c.pairedP(), 1e-6);
        assertEquals(0.75 - 2.33, c.diff(), 1e-12);
    }

    @Test
    void pairingNeedsTheSameSeeds() {
        long[] others = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        Comparison c = Comparison.of(DRUG1, others, DRUG2, PATIENTS);
        assertEquals(0, c.pairedN());
        assertTrue(Double.isNaN(c.pairedP()));
        assertEquals(0.07939, c.welchP(), 1e-5);
        // pairing follows the seeds, not the array order
        double[] shuffled = {DRUG2[9], DRUG2[0], DRUG2[1], DRUG2[2], DRUG2[3], DRUG2[4], DRUG2[5], DRUG2[6], DRUG2[7], DRUG2[8]};
        long[] shuffledSeeds = {10, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertEquals(0.002833, Comparison.of(DRUG1, PATIENTS, shuffled, shuffledSeeds).pairedP(), 1e-6);
    }

    @Test
    void effectSizesByHand() {
        // s1 = 1.7890097, s2 = 2.0022487 (n = 10 each): pooled = sqrt((s1^2 + s2^2) / 2)
        double pooled = Math.sqrt((1.7890097 * 1.7890097 + 2.0022487 * 2.0022487) / 2);
        double d = (0.75 - 2.33) / pooled;
        assertEquals(d, Statistics.cohensD(DRUG1, DRUG2), 1e-6);
        // Hedges 1981 approximation J ~ 1 - 3 / (4 df - 1), df = 18, good to ~1e-4 here
        assertEquals(d * (1 - 3.0 / (4 * 18 - 1)), Statistics.hedgesG(DRUG1, DRUG2), 1e-4);
    }

    @Test
    void hedgesCorrectionInClosedForm() {
        // J(2) = Γ(1) / (1 · Γ(1/2)) = 1/sqrt(pi); J(3) = Γ(3/2) / (sqrt(3/2) Γ(1)) = sqrt(pi)/2 / sqrt(1.5)
        assertEquals(1 / Math.sqrt(Math.PI), Statistics.hedgesJ(2), 1e-12);
        assertEquals(Math.sqrt(Math.PI) / 2 / Math.sqrt(1.5), Statistics.hedgesJ(3), 1e-12);
        assertEquals(1 - 3.0 / (4 * 200 - 1), Statistics.hedgesJ(200), 1e-6);
        assertTrue(Double.isNaN(Statistics.hedgesJ(1)));
    }

    @Test
    void degenerateSamplesGiveNaNNotExceptions() {
        Comparison c = Comparison.of(new double[] {0.5, 0.5}, new long[] {1, 2}, new double[] {0.5, 0.5}, new long[] {1, 2});
        assertTrue(Double.isNaN(c.welchP()));
        assertTrue(Double.isNaN(c.pairedP()));
        assertTrue(Double.isNaN(c.cohensD()));
        Comparison one = Comparison.of(new double[] {0.5}, new long[] {1}, new double[] {0.4}, new long[] {1});
        assertTrue(Double.isNaN(one.welchP()));
        // every pair equal counts as p = 1 in a family; pairs that differ alike (no spread, a difference) stay undefined
        assertEquals(1.0, c.pairedPInFamily());
        Comparison shifted = Comparison.of(new double[] {0.6, 0.7}, new long[] {1, 2}, new double[] {0.5, 0.6},
                new long[] {1, 2});
        assertTrue(Double.isNaN(shifted.pairedPInFamily()));
        assertTrue(Double.isNaN(one.pairedPInFamily()), "one pair: no test");
        Comparison d1 = Comparison.of(DRUG1, PATIENTS, DRUG2, PATIENTS);
        assertEquals(d1.pairedP(), d1.pairedPInFamily());
    }

    /**
     * Two drawdowns that are both 0.1 in decimals but computed apart (0.55 − 0.45 and 0.6 − 0.5, 5.6e-17 apart in
     * double) against two of 0: no spread on either side, as for {0.1, 0.1}. R refuses both tests
     * ({@code t.test(c(0.55-0.45, 0.6-0.5), c(0, 0))} and its paired form: "data are essentially constant"), where
     * Hipparchus gave t = 3.6e15, p = 1.8e-16 and Cohen's d 3.6e15.
     */
    @Test
    void aSpreadOfRoundingNoiseIsNoSpread() {
        double[] treated = {0.55 - 0.45, 0.6 - 0.5};
        assertTrue(treated[0] != treated[1], "the fixture's two values differ in double");
        long[] seeds = {1, 2};
        for (Comparison c : List.of(Comparison.of(treated, seeds, new double[] {0, 0}, seeds),
                Comparison.of(new double[] {0.1, 0.1}, seeds, new double[] {0, 0}, seeds))) {
            assertTrue(Double.isNaN(c.welchT()) && Double.isNaN(c.welchP()) && Double.isNaN(c.welchDf()), c.toString());
            assertTrue(Double.isNaN(c.pairedT()) && Double.isNaN(c.pairedP()), c.toString());
            assertTrue(Double.isNaN(c.cohensD()) && Double.isNaN(c.hedgesG()), c.toString());
            assertEquals(2, c.pairedN());
            assertEquals(0.1, c.diff(), 1e-15);
        }
        // each pair equal in decimals (0.1 against 0.1): no difference to find, p = 1 in its family
        Comparison equal = Comparison.of(treated, seeds, new double[] {0.1, 0.1}, seeds);
        assertEquals(1.0, equal.pairedPInFamily(), equal.toString());
        assertTrue(Double.isNaN(equal.welchP()), equal.toString());
        // a real spread far below the values' size is still a spread: 1 ± 1e-9 against 0
        Comparison small = Comparison.of(new double[] {1 - 1e-9, 1 + 1e-9}, seeds, new double[] {0, 0}, seeds);
        assertTrue(small.welchP() < 1e-6 && small.pairedP() < 1e-6, small.toString());
    }

    @Test
    void holmAdjustmentByHand() {
        // sorted 0.005, 0.01, 0.03, 0.04 -> 4*0.005 = 0.02, 3*0.01 = 0.03, 2*0.03 = 0.06, max(0.06, 1*0.04) = 0.06
        double[] adjusted = Statistics.holm(new double[] {0.01, 0.04, Double.NaN, 0.03, 0.005});
        assertArrayEquals(new double[] {0.03, 0.06, Double.NaN, 0.06, 0.02}, adjusted, 1e-12);
        assertArrayEquals(new double[] {1.0, 1.0}, Statistics.holm(new double[] {0.6, 0.7}), 1e-12);
    }
}
