package io.somnus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.plasticity.NearestPairStdp;
import io.somnus.sleep.LogSpaceDecay;
import org.junit.jupiter.api.Test;

/**
 * The simulator's messages write a number as {@link NumberText} does, as the configuration's messages do (5e-4, 1e7,
 * 2), not as Java's {@code Double.toString} (5.0E-4, 1.0E7, 2.0): a user sees one spelling of a number everywhere.
 */
class MessageNumbersTest {
    @Test
    void aTimeConstantTooLongForItsStepIsWrittenAsTheConfigurationWritesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NearestPairStdp(5e-4, 1, 1, 1e12, 7.5, 1, 1e-3));
        assertEquals("nearest-pair STDP: τ+ " + NumberText.of(1e12) + " ms is too long for dt 0.001 ms (the table "
                + "holds 30 τ/dt steps)", e.getMessage());
        assertEquals("1e12", NumberText.of(1e12)); // not 1.0E12
    }

    @Test
    void aRateAndALambdaOutOfRangeAreWrittenShortest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NearestPairStdp(-5e-4, 1, 1, 7.5, 7.5, 1, 1.0));
        assertTrue(e.getMessage().endsWith("got η -0.0005, A+ 1, A− 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LogSpaceDecay(2.0, 0));
        assertEquals("sleep.lambda must be in (0, 1], got 2", e.getMessage());
    }
}
