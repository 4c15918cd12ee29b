package io.somnus.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.Vector;

/**
 * A vector carried from one iteration of a loop to the next (an accumulator), cast to its species' concrete class
 * before an operation takes it as receiver. C2 types such a vector by its declared class ({@code DoubleVector});
 * without a profile of the receiver's class (a method compiled straight to C2, as happens in some runs and not in
 * others) the operation stays a virtual call and runs on the Vector API's Java fallback: diehl-cook N_e = 6 400's
 * readout took 55 s instead of 6 s in about one run of eight. After the cast (one class compare) the
 * class is exact and the operation an intrinsic whatever the profile, with the operands in the same order (the
 * same bits, NaN payloads included). A vector just loaded or broadcast already has its exact class.
 * {@code type} must be a constant: a {@code static final} field holding the species' {@code vectorType()}.
 */
public final class LoopCarried {
    private LoopCarried() {
    }

    /**
     * {@code v} cast to {@code type}, its species' concrete class (a {@code static final} constant); the same vector.
     */
    public static DoubleVector exact(Class<? extends Vector<Double>> type, DoubleVector v) {
        return (DoubleVector) type.cast(v);
    }

    /**
     * {@code v} cast to {@code type}, its species' concrete class (a {@code static final} constant); the same vector.
     */
    public static FloatVector exact(Class<? extends Vector<Float>> type, FloatVector v) {
        return (FloatVector) type.cast(v);
    }
}
