package io.somnus.experiment.io;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array as numpy stores it in a {@code .npy} file: an element type, a shape and the
 * elements in C order (last index fastest). The data array is held, not copied: callers that keep
 * modifying it after building an {@code NpyArray} change what is written.
 */
public final class NpyArray {

    /** Element types that Somnus writes and reads, with their numpy type strings (little-endian). */
    public enum DType {
        /** numpy {@code float32} ({@code <f4}): Java {@code float}. */
        FLOAT32("f4", 4),
        /** numpy {@code float64} ({@code <f8}): Java {@code double}. */
        FLOAT64("f8", 8),
        /** numpy {@code int32} ({@code <i4}): Java {@code int}. */
        INT32("i4", 4),
        /** numpy {@code int64} ({@code <i8}): Java {@code long}. */
        INT64("i8", 8);

        private final String code;
        private final int bytes;

        DType(String code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        /** numpy's {@code descr} for little-endian storage, e.g. {@code <f4}. */
        public String descr() {
            return "<" + code;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }

        static DType ofCode(String code) {
            for (DType t : values()) {
                if (t.code.equals(code)) {
                    return t;
                }
            }
            return null;
        }
    }

    private final DType dtype;
    private final int[] shape;
    private final Object data;

    private NpyArray(DType dtype, int[] shape, Object data, int length) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " elements but the data has " + length);
        }
    }

    /**
     * A float32 array of {@code shape} holding {@code data} (held, not copied) in C order.
     *
     * @throws IllegalArgumentException when the shape has a negative dimension or does not hold data.length elements
     */
    public static NpyArray of(float[] data, int... shape) {
        return new NpyArray(DType.FLOAT32, shape, Objects.requireNonNull(data), data.length);
    }

    /** A float64 array; see {@link #of(float[], int...)}. */
    public static NpyArray of(double[] data, int... shape) {
        return new NpyArray(DType.FLOAT64, shape, Objects.requireNonNull(data), data.length);
    }

    /** An int32 array; see {@link #of(float[], int...)}. */
    public static NpyArray of(int[] data, int... shape) {
        return new NpyArray(DType.INT32, shape, Objects.requireNonNull(data), data.length);
    }

    /** An int64 array; see {@link #of(float[], int...)}. */
    public static NpyArray of(long[] data, int... shape) {
        return new NpyArray(DType.INT64, shape, Objects.requireNonNull(data), data.length);
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** The length along {@code axis}, 0 ≤ axis &lt; {@link #rank()}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Number of elements. */
    public int size() {
        return Array.getLength(data);
    }

    /** The elements of a float32 array, not copied. */
    public float[] floats() {
        require(DType.FLOAT32);
        return (float[]) data;
    }

    /** The elements of a float64 array, not copied. */
    public double[] doubles() {
        require(DType.FLOAT64);
        return (double[]) data;
    }

    /** The elements of an int32 array, not copied. */
    public int[] ints() {
        require(DType.INT32);
        return (int[]) data;
    }

    /** The elements of an int64 array, not copied. */
    public long[] longs() {
        require(DType.INT64);
        return (long[]) data;
    }

    /** The elements converted to double, whatever the element type (a new array). */
    public double[] toDoubles() {
        int n = size();
        double[] out = new double[n];
        switch (dtype) {
            case FLOAT32 -> {
                float[] a = (float[]) data;
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case FLOAT64 -> System.arraycopy(data, 0, out, 0, n);
            case INT32 -> {
                int[] a = (int[]) data;
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case INT64 -> {
                long[] a = (long[]) data;
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
        }
        return out;
    }

    Object data() {
        return data;
    }

    private void require(DType wanted) {
        if (dtype != wanted) {
            throw new IllegalStateException("array holds " + dtype + ", not " + wanted);
        }
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
