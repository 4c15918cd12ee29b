package io.somnus.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SgSleepConfigBuilderTest {
    @Test
    void eachSetterReachesItsOwnComponent() {
        SgSleepConfig named = SgSleepConfig.paper().toBuilder().lambda(0.5).target(0.9).learningRate(0.8)
                .tauMs(7).aMinus(0.6).aPlus(0.5).membraneNoise(0.4).batchCopies(3).stepsPerIteration(2).iterations(1)
                .build();
        assertEquals(new SgSleepConfig(1, 2, 3, 0.4, 0.5, 0.6, 7, 0.8, 0.9, 0.5), named);
    }

    @Test
    void itKeepsWhatItIsNotToldAndChecksAsTheConstructor() {
        // the paper's values (SgSleepConfig.paper()'s javadoc) with 50 iterations
        assertEquals(new SgSleepConfig(50, 100, 128, 3.0, 0.01, 0.012, 20.0, 1e-3, 0.2, 0.999),
                SgSleepConfig.paper().toBuilder().iterations(50).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SgSleepConfig.paper().toBuilder().lambda(1.5).build());
        assertTrue(e.getMessage().contains("sg.sleep.lambda"), e.getMessage());
    }
}
