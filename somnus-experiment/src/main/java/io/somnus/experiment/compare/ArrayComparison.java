package io.somnus.experiment.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.NpyHeader;

/**
 * One named array of two {@code .npz} files compared entry by entry. Two entries are the same when they are equal
 * numbers or both NaN (so {@code -0.0} and {@code 0.0} are the same number, though not the same bytes).
 *
 * @param name        the array's name in the archive, e.g. {@code input_e}
 * @param outcome     what the comparison found
 * @param shapeA      A's shape; {@code null} where A lacks the array
 * @param shapeB      B's shape; {@code null} where B lacks the array
 * @param typeA       A's numpy element type ({@code <f4}); {@code null} where A lacks the array
 * @param typeB       B's numpy element type; {@code null} where B lacks the array
 * @param differing   entries that differ (0 unless {@link Outcome#DIFFERENT_VALUES})
 * @param size        entries in each array (0 unless both have the same shape)
 * @param maxAbsDelta the largest |B − A| over the differing entries where both are numbers (NaN where none are)
 * @param firstIndex  the C-order index of the first differing entry, one number per axis; {@code null} where none
 * @param firstA      A's value there (NaN where none)
 * @param firstB      B's value there (NaN where none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArrayComparison(String name, Outcome outcome, int[] shapeA, int[] shapeB, String typeA, String typeB,
        long differing, long size, double maxAbsDelta, int[] firstIndex, double firstA, double firstB) {

    /** What comparing one array found. */
    public enum Outcome {
        /** The same shape, element type and numbers. */
        IDENTICAL,
        /** Another shape or element type: the entries are not compared. */
        DIFFERENT_SHAPE,
        /** The same shape and type, {@code differing} entries differ. */
        DIFFERENT_VALUES,
        /** Only A's file holds the array. */
        ONLY_IN_A,
        /** Only B's file holds the array. */
        ONLY_IN_B
    }

    /** Whether the arrays hold the same numbers. */
    public boolean same() {
        return outcome == Outcome.IDENTICAL;
    }

    /** The array as only one file holds it: {@code a} or {@code b} is {@code null}. */
    static ArrayComparison onlyOne(String name, NpyHeader a, NpyHeader b) {
        NpyHeader h = a != null ? a : b;
        return new ArrayComparison(name, a != null ? Outcome.ONLY_IN_A : Outcome.ONLY_IN_B, a == null ? null : h.shape(),
                b == null ? null : h.shape(), a == null ? null : h.dtype().descr(), b == null ? null : h.dtype().descr(),
                0, 0, Double.NaN, null, Double.NaN, Double.NaN);
    }

    /** Two arrays of another shape or element type: their entries are not compared. */
    static ArrayComparison differentShape(String name, NpyHeader a, NpyHeader b) {
        return new ArrayComparison(name, Outcome.DIFFERENT_SHAPE, a.shape(), b.shape(), a.dtype().descr(),
                b.dtype().descr(), 0, 0, Double.NaN, null, Double.NaN, Double.NaN);
    }

    /** Compares two arrays of the same shape and element type entry by entry. */
    static ArrayComparison of(String name, NpyArray a, NpyArray b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape()) || a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(name + ": compare arrays of one shape and type");
        }
        int n = a.size();
        long differing = 0;
        int first = -1;
        double maxAbs = Double.NaN;
        for (int i = 0; i < n; i++) {
            double x = element(a, i);
            double y = element(b, i);
            if (x == y || (Double.isNaN(x) && Double.isNaN(y))) {
                continue;
            }
            differing++;
            if (first < 0) {
                first = i;
            }
            double d = Math.abs(y - x);
            if (!Double.isNaN(d) && !(d <= maxAbs)) {
                maxAbs = d;
            }
        }
        String type = a.dtype().descr();
        return new ArrayComparison(name, differing == 0 ? Outcome.IDENTICAL : Outcome.DIFFERENT_VALUES, a.shape(),
                b.shape(), type, type, differing, n, maxAbs, first < 0 ? null : index(first, a.shape()),
                first < 0 ? Double.NaN : element(a, first), first < 0 ? Double.NaN : element(b, first));
    }

    /** Element {@code i} (C order) as a double, whatever the element type. */
    private static double element(NpyArray x, int i) {
        return switch (x.dtype()) {
            case FLOAT32 -> x.floats()[i];
            case FLOAT64 -> x.doubles()[i];
            case INT32 -> x.ints()[i];
            case INT64 -> x.longs()[i];
        };
    }

    /** The per-axis index of C-order position {@code flat} (the last axis fastest). */
    static int[] index(int flat, int[] shape) {
        int[] at = new int[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            at[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return at;
    }
}
