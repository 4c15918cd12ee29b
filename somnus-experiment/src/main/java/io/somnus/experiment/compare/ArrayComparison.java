package io.somnus.experiment.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.NpyHeader;
import java.io.IOException;

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

    /** Elements of one array in C order, a chunk at a time (as {@link io.somnus.experiment.io.NpyChunks#read}). */
    interface Elements {
        /** Reads the next elements into {@code into}'s start; how many, 0 at the end. */
        int read(double[] into) throws IOException;
    }

    /** Entries compared at a time: two chunks of doubles, 1 MiB, whatever the arrays' size. */
    static final int CHUNK = 1 << 16;

    /** An array in memory, as {@link Elements}. */
    static Elements elements(NpyArray x) {
        double[] all = x.toDoubles();
        int[] at = {0};
        return into -> {
            int n = Math.min(into.length, all.length - at[0]);
            System.arraycopy(all, at[0], into, 0, n);
            at[0] += n;
            return n;
        };
    }

    /**
     * Compares two arrays of shape {@code shape} and numpy type {@code type} entry by entry, a chunk at a time, so
     * that neither is held whole.
     *
     * @throws IllegalStateException when one ends before the other (their shapes said they would not)
     */
    static ArrayComparison of(String name, int[] shape, String type, Elements a, Elements b) throws IOException {
        double[] x = new double[CHUNK];
        double[] y = new double[CHUNK];
        long size = 0;
        long differing = 0;
        long first = -1;
        double firstA = Double.NaN;
        double firstB = Double.NaN;
        double maxAbs = Double.NaN;
        for (int n = a.read(x); n > 0; n = a.read(x)) {
            if (b.read(y) != n) {
                throw new IllegalStateException(name + ": the arrays end at different entries");
            }
            for (int i = 0; i < n; i++) {
                if (x[i] == y[i] || (Double.isNaN(x[i]) && Double.isNaN(y[i]))) {
                    continue;
                }
                differing++;
                if (first < 0) {
                    first = size + i;
                    firstA = x[i];
                    firstB = y[i];
                }
                double d = Math.abs(y[i] - x[i]);
                if (!Double.isNaN(d) && !(d <= maxAbs)) {
                    maxAbs = d;
                }
            }
            size += n;
        }
        if (b.read(y) != 0) {
            throw new IllegalStateException(name + ": the arrays end at different entries");
        }
        return new ArrayComparison(name, differing == 0 ? Outcome.IDENTICAL : Outcome.DIFFERENT_VALUES, shape, shape,
                type, type, differing, size, maxAbs, first < 0 ? null : index(first, shape), firstA, firstB);
    }

    /** The per-axis index of C-order position {@code flat} (the last axis fastest). */
    static int[] index(long flat, int[] shape) {
        int[] at = new int[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            at[axis] = (int) (flat % shape[axis]);
            flat /= shape[axis];
        }
        return at;
    }
}
