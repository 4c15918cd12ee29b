package io.somnus.kernel;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class LoopCarriedTest {
    @Test
    void aVectorOfTheSpeciesPassesUnchanged() {
        DoubleVector d = DoubleVector.broadcast(DoubleVector.SPECIES_256, -0.0);
        assertSame(d, LoopCarried.exact(DoubleVector.SPECIES_256.vectorType(), d));
        FloatVector f = FloatVector.broadcast(FloatVector.SPECIES_512, Float.NaN);
        assertSame(f, LoopCarried.exact(FloatVector.SPECIES_512.vectorType(), f));
    }

    @Test
    void aVectorOfAnotherShapeIsRefused() {
        // the cast is what tells C2 the class: it must check, not assume
        DoubleVector d = DoubleVector.zero(DoubleVector.SPECIES_128);
        assertThrows(ClassCastException.class, () -> LoopCarried.exact(DoubleVector.SPECIES_256.vectorType(), d));
        FloatVector f = FloatVector.zero(FloatVector.SPECIES_256);
        assertThrows(ClassCastException.class, () -> LoopCarried.exact(FloatVector.SPECIES_512.vectorType(), f));
    }
}
