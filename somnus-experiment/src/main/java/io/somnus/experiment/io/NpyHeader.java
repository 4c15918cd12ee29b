package io.somnus.experiment.io;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What a {@code .npy} file's header says of its array: the element type, the byte order and layout of the data
 * that follows, and the shape. Read alone by {@link Npz#list}, so that a file's arrays can be described without
 * reading their elements.
 *
 * @param dtype the element type
 * @param order the byte order of the stored elements
 * @param fortranOrder whether the elements are stored first index fastest (else C order, last index fastest)
 * @param shape the array's shape (copied in and out)
 */
public record NpyHeader(NpyArray.DType dtype, ByteOrder order, boolean fortranOrder, int[] shape) {

    /** Copies the shape, so that the header cannot be changed from outside. */
    public NpyHeader {
        shape = shape.clone();
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements: the product of the shape (1 for a scalar). */
    public long size() {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        return size;
    }

    /** Bytes of data after the header: {@link #size()} × the element's bytes. */
    public long dataBytes() {
        return size() * dtype.bytes();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && dtype == h.dtype && order.equals(h.order) && fortranOrder == h.fortranOrder
                && Arrays.equals(shape, h.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * dtype.hashCode() + order.hashCode()) + Boolean.hashCode(fortranOrder))
                + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyHeader[" + dtype + " " + Arrays.toString(shape) + (fortranOrder ? " Fortran order" : "") + "]";
    }
}
