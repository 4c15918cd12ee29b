package io.somnus.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte for tests, independently of the reader. */
final class IdxBytes {
    private IdxBytes() {
    }

    static byte[] header(int magic, int... sizes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length); // big-endian by default
        b.putInt(magic);
        for (int s : sizes) {
            b.putInt(s);
        }
        return b.array();
    }

    static byte[] images(int count, int rows, int cols, byte[] pixels) {
        return concat(header(0x00000803, count, rows, cols), pixels);
    }

    static byte[] labels(byte... labels) {
        return concat(header(0x00000801, labels.length), labels);
    }

    /** Pixels i*7 mod 256 — every byte value appears, none is derived from the reader. */
    static byte[] pattern(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 7);
        }
        return p;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] data) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete 28x28 split: {@code count} images with the pattern and labels i mod 10. */
    static void writeMnistSplit(Path dir, String prefix, int count, boolean gz) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
        }
        byte[] img = images(count, 28, 28, pattern(count * 784));
        byte[] lab = labels(labels);
        write(dir, prefix + "-images-idx3-ubyte" + (gz ? ".gz" : ""), gz ? gzip(img) : img);
        write(dir, prefix + "-labels-idx1-ubyte" + (gz ? ".gz" : ""), gz ? gzip(lab) : lab);
    }
}
