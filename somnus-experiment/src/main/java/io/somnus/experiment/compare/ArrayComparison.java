package io.somnus.experiment.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.NpyChunks;
import io.somnus.experiment.io.NpyHeader;
import java.io.IOException;
import java.util.Arrays;

/**
 * One named array of two {@code .npz} files compared entry by entry. Two entries are the same when they are equal
 * numbers or both NaN (so {@code -0.0} and {@code 0.0} are the same number, though not the same bytes), or within the
 * comparison's {@link Tolerance}. Integer arrays (int32, int64) are compared as integers, exactly: 2<sup>53</sup> and
 * 2<sup>53</sup> + 1, one number as doubles, differ.
 *
 * @param name            the array's name in the archive, e.g. {@code input_e}
 * @param outcome         what the comparison found
 * @param shapeA          A's shape; {@code null} where A lacks the array
 * @param shapeB          B's shape; {@code null} where B lacks the array
 * @param typeA           A's numpy element type ({@code <f4}); {@code null} where A lacks the array
 * @param typeB           B's numpy element type; {@code null} where B lacks the array
 * @param differing       entries that differ beyond the tolerance (0 unless {@link Outcome#DIFFERENT_VALUES})
 * @param withinTolerance entries that differ, but within the tolerance (0 without one)
 * @param size            entries in each array (0 unless both have the same shape)
 * @param maxAbsDelta     the largest |B − A| over the entries that differ (within the tolerance or not) where both are
 *                        numbers (NaN where none are)
 * @param firstIndex      the C-order index of the first entry that differs beyond the tolerance, one number per axis;
 *                        {@code null} where none
 * @param firstA          A's value there (a {@code Long} for an integer array; NaN where none)
 * @param firstB          B's value there (NaN where none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArrayComparison(String name, Outcome outcome, int[] shapeA, int[] shapeB, String typeA, String typeB,
        long differing, long withinTolerance, long size, double maxAbsDelta, int[] firstIndex, Number firstA,
        Number firstB) {

    /** What comparing one array found. */
    public enum Outcome {
        /** The same shape, element type and numbers. */
        IDENTICAL,
        /** The same shape and type, {@code withinTolerance} entries differ, each within the tolerance. */
        WITHIN_TOLERANCE,
        /** Another shape or element type: the entries are not compared. */
        DIFFERENT_SHAPE,
        /** The same shape and type, {@code differing} entries differ beyond the tolerance. */
        DIFFERENT_VALUES,
        /** Only A's file holds the array. */
        ONLY_IN_A,
        /** Only B's file holds the array. */
        ONLY_IN_B
    }

    /** Whether the arrays hold the same numbers, or numbers within the tolerance. */
    public boolean same() {
        return outcome == Outcome.IDENTICAL || outcome == Outcome.WITHIN_TOLERANCE;
    }

    /** The array as only one file holds it: {@code a} or {@code b} is {@code null}. */
    static ArrayComparison onlyOne(String name, NpyHeader a, NpyHeader b) {
        NpyHeader h = a != null ? a : b;
        return new ArrayComparison(name, a != null ? Outcome.ONLY_IN_A : Outcome.ONLY_IN_B, a == null ? null : h.shape(),
                b == null ? null : h.shape(), a == null ? null : h.dtype().descr(), b == null ? null : h.dtype().descr(),
                0, 0, 0, Double.NaN, null, Double.NaN, Double.NaN);
    }

    /** Two arrays of another shape or element type: their entries are not compared. */
    static ArrayComparison differentShape(String name, NpyHeader a, NpyHeader b) {
        return new ArrayComparison(name, Outcome.DIFFERENT_SHAPE, a.shape(), b.shape(), a.dtype().descr(),
                b.dtype().descr(), 0, 0, 0, Double.NaN, null, Double.NaN, Double.NaN);
    }

    /**
     * Elements of one array in C order, a chunk at a time (as {@link NpyChunks#read(double[])} or, for an integer
     * array, {@link NpyChunks#read(long[])}).
     */
    interface Elements {
        /** Reads the next elements into the start of {@code into}'s array; how many, 0 at the end. */
        int read(Chunk into) throws IOException;
    }

    /** Entries compared at a time: two chunks of doubles (or longs), 1 MiB, whatever the arrays' size. */
    static final int CHUNK = 1 << 16;

    /**
     * One chunk of an array's entries: doubles, or an integer array's as longs (exact where a double is not, past
     * 2<sup>53</sup>).
     */
    static final class Chunk {
        private final double[] reals;
        private final long[] integers;

        Chunk(boolean integral) {
            reals = integral ? null : new double[CHUNK];
            integers = integral ? new long[CHUNK] : null;
        }

        /** Reads {@code x}'s next entries into this chunk, as its kind of numbers. */
        int readFrom(NpyChunks x) throws IOException {
            return integers != null ? x.read(integers) : x.read(reals);
        }

        /** Whether entry {@code i} is equal in this chunk and {@code b}'s (both NaN counts as equal). */
        boolean equal(int i, Chunk b) {
            return same(i, b, Tolerance.EXACT);
        }

        /** Whether entry {@code i} of this chunk (A's) and {@code b}'s (B's) are the same within {@code t}. */
        boolean same(int i, Chunk b, Tolerance t) {
            return integers != null ? t.same(integers[i], b.integers[i]) : t.same(reals[i], b.reals[i]);
        }

        /** |B − A| at entry {@code i}; NaN where either is NaN. */
        double absDelta(int i, Chunk b) {
            return integers != null ? Tolerance.absDelta(integers[i], b.integers[i]) : Math.abs(b.reals[i] - reals[i]);
        }

        /** Entry {@code i}: a {@code Long} or a {@code Double}. */
        Number value(int i) {
            return integers != null ? (Number) integers[i] : (Number) reals[i];
        }
    }

    /** An array in memory, as {@link Elements}. */
    static Elements elements(NpyArray x) {
        boolean integral = integral(x.dtype());
        double[] reals = integral ? null : x.toDoubles();
        long[] integers = !integral ? null : x.dtype() == NpyArray.DType.INT64 ? x.longs()
                : Arrays.stream(x.ints()).asLongStream().toArray();
        int[] at = {0};
        return into -> {
            int n = Math.min(CHUNK, x.size() - at[0]);
            System.arraycopy(integral ? integers : reals, at[0], integral ? into.integers : into.reals, 0, n);
            at[0] += n;
            return n;
        };
    }

    /** Whether entries of numpy type {@code type} are integers (compared as longs). */
    static boolean integral(NpyArray.DType type) {
        return type == NpyArray.DType.INT32 || type == NpyArray.DType.INT64;
    }

    /**
     * Compares two arrays of shape {@code shape} and numpy type {@code type} entry by entry, a chunk at a time, so
     * that neither is held whole; entries within {@code tolerance} of each other count as the same.
     *
     * @throws IllegalStateException when one ends before the other (their shapes said they would not)
     */
    static ArrayComparison of(String name, int[] shape, NpyArray.DType type, Elements a, Elements b,
            Tolerance tolerance) throws IOException {
        Chunk x = new Chunk(integral(type));
        Chunk y = new Chunk(integral(type));
        long size = 0;
        long differing = 0;
        long within = 0;
        long first = -1;
        Number firstA = Double.NaN;
        Number firstB = Double.NaN;
        double maxAbs = Double.NaN;
        for (int n = a.read(x); n > 0; n = a.read(x)) {
            if (b.read(y) != n) {
                throw new IllegalStateException(name + ": the arrays end at different entries");
            }
            for (int i = 0; i < n; i++) {
                if (x.equal(i, y)) {
                    continue;
                }
                if (x.same(i, y, tolerance)) {
                    within++;
                } else {
                    differing++;
                    if (first < 0) {
                        first = size + i;
                        firstA = x.value(i);
                        firstB = y.value(i);
                    }
                }
                maxAbs = Tolerance.larger(maxAbs, x.absDelta(i, y));
            }
            size += n;
        }
        if (b.read(y) != 0) {
            throw new IllegalStateException(name + ": the arrays end at different entries");
        }
        Outcome outcome = differing > 0 ? Outcome.DIFFERENT_VALUES
                : within > 0 ? Outcome.WITHIN_TOLERANCE : Outcome.IDENTICAL;
        return new ArrayComparison(name, outcome, shape, shape, type.descr(), type.descr(), differing, within, size,
                maxAbs, first < 0 ? null : index(first, shape), firstA, firstB);
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
