package io.somnus.experiment.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The three tests of docs/verdict.md on hand-made intervals, margin 0.02. */
class EffectTestTest {
    private static final double D = 0.02;
    private static final Estimate CLEAR_GAIN = new Estimate(3, true, 0.05, 0.03, 0.07);
    private static final Estimate CLEAR_LOSS = new Estimate(3, true, -0.05, -0.07, -0.03);
    private static final Estimate WITHIN_MARGIN = new Estimate(3, true, 0.005, -0.01, 0.015);
    private static final Estimate WIDE = new Estimate(3, true, 0.01, -0.03, 0.05);
    /** Excludes 0 but the estimate is inside the margin, and the interval reaches beyond it. */
    private static final Estimate SMALL_BUT_SURE = new Estimate(3, true, 0.015, 0.005, 0.025);

    @Test
    void better() {
        assertEquals(Outcome.HOLDS, EffectTest.BETTER.decide(CLEAR_GAIN, true, D));
        assertEquals(Outcome.DOES_NOT_HOLD, EffectTest.BETTER.decide(CLEAR_GAIN, false, D)); // lower was wanted
        assertEquals(Outcome.HOLDS, EffectTest.BETTER.decide(CLEAR_LOSS, false, D));
        assertEquals(Outcome.DOES_NOT_HOLD, EffectTest.BETTER.decide(WITHIN_MARGIN, true, D));
        assertEquals(Outcome.INCONCLUSIVE, EffectTest.BETTER.decide(WIDE, true, D));
        assertEquals(Outcome.INCONCLUSIVE, EffectTest.BETTER.decide(SMALL_BUT_SURE, true, D));
    }

    @Test
    void notBetterSwapsTheAnswers() {
        assertEquals(Outcome.DOES_NOT_HOLD, EffectTest.NOT_BETTER.decide(CLEAR_GAIN, true, D));
        assertEquals(Outcome.HOLDS, EffectTest.NOT_BETTER.decide(WITHIN_MARGIN, true, D));
        assertEquals(Outcome.HOLDS, EffectTest.NOT_BETTER.decide(CLEAR_LOSS, true, D)); // a loss is no benefit
        assertEquals(Outcome.INCONCLUSIVE, EffectTest.NOT_BETTER.decide(WIDE, true, D));
    }

    @Test
    void notWorseIsNonInferiority() {
        assertEquals(Outcome.HOLDS, EffectTest.NOT_WORSE.decide(CLEAR_GAIN, true, D));
        assertEquals(Outcome.HOLDS, EffectTest.NOT_WORSE.decide(WITHIN_MARGIN, true, D)); // L = −0.01 > −0.02
        assertEquals(Outcome.DOES_NOT_HOLD, EffectTest.NOT_WORSE.decide(CLEAR_LOSS, true, D));
        assertEquals(Outcome.INCONCLUSIVE, EffectTest.NOT_WORSE.decide(WIDE, true, D)); // L = −0.03
    }

    @Test
    void noIntervalIsInconclusiveAndNoEstimateIsNotRun() {
        assertEquals(Outcome.INCONCLUSIVE, EffectTest.BETTER.decide(new Estimate(1, false, 0.2, Double.NaN, Double.NaN), true, D));
        assertEquals(Outcome.NOT_RUN, EffectTest.NOT_WORSE.decide(Estimate.NONE, true, D));
    }
}
