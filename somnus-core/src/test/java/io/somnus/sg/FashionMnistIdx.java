package io.somnus.sg;

import io.somnus.data.LabeledImages;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Throwaway IDX reader for manual SG-SNN measurements (test scope only; the shared {@code io.somnus.data} reader
 * replaces it). Reads {@code *-images-idx3-ubyte.gz} / {@code *-labels-idx1-ubyte.gz}, scales pixels to [0, 1] and
 * optionally resizes bilinearly (half-pixel centres, no antialiasing) to k×k.
 */
final class FashionMnistIdx {
    private FashionMnistIdx() {}

    static LabeledImages read(Path dir, String split, int limit, int resize) throws IOException {
        Path imgPath = dir.resolve(split + "-images-idx3-ubyte.gz");
        Path lblPath = dir.resolve(split + "-labels-idx1-ubyte.gz");
        float[][] images;
        int h;
        int w;
        try (DataInputStream in = open(imgPath)) {
            if (in.readInt() != 0x803) {
                throw new IOException(imgPath + ": not an IDX3 image file");
            }
            int n = Math.min(in.readInt(), limit);
            h = in.readInt();
            w = in.readInt();
            images = new float[n][h * w];
            byte[] buf = new byte[h * w];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int p = 0; p < buf.length; p++) {
                    images[i][p] = (buf[p] & 0xff) / 255f;
                }
            }
        }
        int[] labels;
        try (DataInputStream in = open(lblPath)) {
            if (in.readInt() != 0x801) {
                throw new IOException(lblPath + ": not an IDX1 label file");
            }
            int n = Math.min(in.readInt(), limit);
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.readUnsignedByte();
            }
        }
        if (resize > 0 && resize != h) {
            for (int i = 0; i < images.length; i++) {
                images[i] = bilinear(images[i], h, w, resize);
            }
            h = resize;
            w = resize;
        }
        return new LabeledImages("fashion-mnist", h, w, images, labels, 10, Map.of());
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream raw = Files.newInputStream(p);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)));
    }

    static float[] bilinear(float[] src, int h, int w, int k) {
        float[] out = new float[k * k];
        double sy = (double) h / k;
        double sx = (double) w / k;
        for (int y = 0; y < k; y++) {
            double fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, h - 1);
            double ay = fy - y0;
            for (int x = 0; x < k; x++) {
                double fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, w - 1);
                double ax = fx - x0;
                double v = (1 - ay) * ((1 - ax) * src[y0 * w + x0] + ax * src[y0 * w + x1])
                        + ay * ((1 - ax) * src[y1 * w + x0] + ax * src[y1 * w + x1]);
                out[y * k + x] = (float) Math.min(1.0, Math.max(0.0, v));
            }
        }
        return out;
    }
}
