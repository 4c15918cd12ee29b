package io.somnus.sg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The SG-SNN's configuration: the paper's defaults. */
class SgConfigTest {
    /** The paper's SG-SNN defaults; the shipped sg-fc preset is checked in SgRunConfigTest (somnus-experiment). */
    @Test
    void paperDefaultsHoldThePapersNumbers() {
        SgConfig p = SgConfig.paperSg();
        assertArrayEquals(new int[] {225, 1000, 10}, p.layerSizes());
        assertEquals(0.95, p.beta());
        assertEquals(1.0, p.threshold());
        assertEquals(100, p.steps());
        assertEquals(SgInputEncoding.DIRECT, p.encoding());
        assertEquals(SgSurrogate.FAST_SIGMOID, p.surrogate());
        assertEquals(25.0, p.surrogateSlope());
        assertEquals(1e-3, p.learningRate());
        assertEquals(128, p.batchSize());
        assertEquals(50, p.epochs());
        assertEquals(50_000, p.sleep().episodeSteps());
        assertEquals(500, p.sleep().iterations());
        assertEquals(128, p.sleep().batchCopies());
        assertEquals(0.999, p.sleep().lambda());
        assertFalse(p.recurrent());
        assertEquals(p, p.toBuilder().build());
    }
}
