package io.somnus.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The binary form of simulation state for a resume snapshot (an STDP-SNN run's, docs/run-directory.md): arrays with
 * their length, values bit for bit (a float's or double's raw bits, NaN payloads and −0 kept). Each stateful class
 * writes its own state with these ({@code writeState}) and reads it back into an object built from the same
 * configuration ({@code readState}); the run's generators are written by their holder, which replaces each by its
 * twin ({@link SplittableState#drain}, {@link SplittableState#rebuild}). A length that differs from the object's means the
 * snapshot is not of this network and is refused as an {@link IOException}, never half-read into it.
 */
public final class StateStreams {
    private StateStreams() {
    }

    /** Writes {@code a}'s length, then each value's raw bits (NaN payloads and −0 kept). */
    public static void writeFloats(DataOutput out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float x : a) {
            out.writeInt(Float.floatToRawIntBits(x));
        }
    }

    /** Writes {@code a}'s length, then each value's raw bits (NaN payloads and −0 kept). */
    public static void writeDoubles(DataOutput out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double x : a) {
            out.writeLong(Double.doubleToRawLongBits(x));
        }
    }

    /** Writes {@code a}'s length, then its values. */
    public static void writeInts(DataOutput out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int x : a) {
            out.writeInt(x);
        }
    }

    /** Writes {@code a}'s length, then its values. */
    public static void writeLongs(DataOutput out, long[] a) throws IOException {
        out.writeInt(a.length);
        for (long x : a) {
            out.writeLong(x);
        }
    }

    /** Reads into {@code into}, whose length the snapshot must have ({@code what} names it in the refusal). */
    public static void readFloats(DataInput in, float[] into, String what) throws IOException {
        length(in, into.length, what);
        for (int i = 0; i < into.length; i++) {
            into[i] = Float.intBitsToFloat(in.readInt());
        }
    }

    /** As {@link #readFloats(DataInput, float[], String)}, for doubles. */
    public static void readDoubles(DataInput in, double[] into, String what) throws IOException {
        length(in, into.length, what);
        for (int i = 0; i < into.length; i++) {
            into[i] = Double.longBitsToDouble(in.readLong());
        }
    }

    /** As {@link #readFloats(DataInput, float[], String)}, for ints. */
    public static void readInts(DataInput in, int[] into, String what) throws IOException {
        length(in, into.length, what);
        for (int i = 0; i < into.length; i++) {
            into[i] = in.readInt();
        }
    }

    /** As {@link #readFloats(DataInput, float[], String)}, for longs. */
    public static void readLongs(DataInput in, long[] into, String what) throws IOException {
        length(in, into.length, what);
        for (int i = 0; i < into.length; i++) {
            into[i] = in.readLong();
        }
    }

    /** A new array of the length written (for buffers that grow as a run goes on). */
    public static float[] readFloats(DataInput in) throws IOException {
        float[] a = new float[count(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.intBitsToFloat(in.readInt());
        }
        return a;
    }

    /** As {@link #readFloats(DataInput)}, for doubles. */
    public static double[] readDoubles(DataInput in) throws IOException {
        double[] a = new double[count(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = Double.longBitsToDouble(in.readLong());
        }
        return a;
    }

    /** As {@link #readFloats(DataInput)}, for ints. */
    public static int[] readInts(DataInput in) throws IOException {
        int[] a = new int[count(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    /** A count written before the items it counts; negative is damage. */
    public static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative count " + n);
        }
        return n;
    }

    private static void length(DataInput in, int expected, String what) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IOException(what + ": " + n + " values in the snapshot, " + expected + " in this network");
        }
    }
}
