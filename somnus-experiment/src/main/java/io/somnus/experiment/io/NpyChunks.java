package io.somnus.experiment.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * One array of a {@code .npz} file read a chunk at a time, in the order its file stores it, each element as a
 * double: for going through arrays too large to hold two of (a diehl-cook N_e = 6 400 run's {@code weights.npz}
 * holds two dense 6 400 × 6 400 matrices, 164 MB each as floats). {@link Npz#read} reads whole arrays.
 */
public final class NpyChunks implements Closeable {
    private final Path file;
    private final String name;
    private final ZipFile zip;
    private final DataInputStream data;
    private final NpyHeader header;
    private long left;
    private byte[] raw = new byte[0];

    private NpyChunks(Path file, String name, ZipFile zip, DataInputStream data, NpyHeader header) {
        this.file = file;
        this.name = name;
        this.zip = zip;
        this.data = data;
        this.header = header;
        this.left = header.size();
    }

    /**
     * Opens array {@code name} (its entry {@code name.npy}) of {@code .npz} file {@code file}, at its first element.
     *
     * @throws FileFormatException naming the file and entry when the file has no such entry or it is no {@code .npy}
     */
    public static NpyChunks open(Path file, String name) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new FileFormatException(file + " is damaged (" + e.getMessage() + ")", e);
        }
        try {
            ZipEntry entry = zip.getEntry(name + ".npy");
            if (entry == null) {
                throw new FileFormatException(file + " has no array " + name + " (no entry " + name + ".npy)");
            }
            DataInputStream data = new DataInputStream(new BufferedInputStream(zip.getInputStream(entry), 1 << 16));
            NpyHeader header;
            try {
                header = Npz.readNpyHeader(data);
            } catch (FileFormatException e) {
                throw new FileFormatException(file + ", entry " + name + ".npy: " + e.getMessage(), e);
            }
            return new NpyChunks(file, name, zip, data, header);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** The array's header: element type, byte order, layout and shape. */
    public NpyHeader header() {
        return header;
    }

    /**
     * Reads the next elements, as many as {@code into} holds or the array has left, into its start.
     *
     * @return how many were read; 0 once every element has been
     * @throws FileFormatException naming the file and entry when the entry ends before its elements do
     */
    public int read(double[] into) throws IOException {
        int n = (int) Math.min(into.length, left);
        ByteBuffer buf = next(n);
        for (int i = 0; i < n; i++) {
            into[i] = switch (header.dtype()) {
                case FLOAT32 -> buf.getFloat();
                case FLOAT64 -> buf.getDouble();
                case INT32 -> buf.getInt();
                case INT64 -> buf.getLong();
            };
        }
        return n;
    }

    /**
     * Reads the next elements of an integer array (int32, int64) as longs, exact (a double holds integers exactly
     * only up to 2<sup>53</sup>); otherwise as {@link #read(double[])}.
     *
     * @throws IllegalStateException when the array holds floating-point numbers
     */
    public int read(long[] into) throws IOException {
        NpyArray.DType type = header.dtype();
        if (type != NpyArray.DType.INT32 && type != NpyArray.DType.INT64) {
            throw new IllegalStateException(file + ", entry " + name + ".npy holds " + type.descr() + ", not integers");
        }
        int n = (int) Math.min(into.length, left);
        ByteBuffer buf = next(n);
        for (int i = 0; i < n; i++) {
            into[i] = type == NpyArray.DType.INT32 ? buf.getInt() : buf.getLong();
        }
        return n;
    }

    /** The next {@code n} elements' bytes, in the file's byte order. */
    private ByteBuffer next(int n) throws IOException {
        int bytes = n * header.dtype().bytes();
        if (raw.length < bytes) {
            raw = new byte[bytes];
        }
        try {
            data.readFully(raw, 0, bytes);
        } catch (EOFException | ZipException e) {
            throw new FileFormatException(file + ", entry " + name + ".npy: truncated or damaged, "
                    + (header.size() - left) + " of " + header.size() + " elements read", e);
        }
        left -= n;
        return ByteBuffer.wrap(raw, 0, bytes).order(header.order());
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
