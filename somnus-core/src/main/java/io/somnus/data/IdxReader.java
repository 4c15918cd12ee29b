package io.somnus.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Reads IDX files (LeCun's format for MNIST and its successors), gzip-compressed or raw — compression is
 * detected from the first two bytes, not the file name.
 *
 * <p>Layout (big-endian): a 4-byte magic number {@code 0x0000TTDD} (TT = element type, 08 for unsigned
 * byte; DD = number of dimensions), then DD 4-byte sizes, then the elements in row-major order. Images are
 * {@code 0x00000803} (count, rows, cols), labels {@code 0x00000801} (count). Pixels become floats
 * {@code byte/255} in [0, 1].
 *
 * <p>Every malformation a user can meet — missing or empty file, wrong magic, truncated header or data,
 * trailing bytes, corrupt gzip, unexpected dimensions, label out of range, image/label counts that differ —
 * is a {@link DatasetException} whose message names the file, what was found and what was expected.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    /** Largest image accepted (pixels); guards against a garbage header asking for gigabytes per image. */
    private static final int MAX_PIXELS = 1 << 24;

    /** Initial array capacity; arrays grow as data actually arrives. */
    private static final int INITIAL_CAPACITY = 1 << 16;

    private static final float[] BYTE_TO_UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            BYTE_TO_UNIT[i] = i / 255f;
        }
    }

    /**
     * The images of one file. {@code images.length} may be below {@code count} when a limit was given.
     *
     * @param file   the file read
     * @param count  the number of images the file holds
     * @param rows   image height in pixels
     * @param cols   image width in pixels
     * @param images the images read, one row-major array per image, pixels in [0, 1]
     * @param sha256 the file's SHA-256 (hex)
     */
    public record Images(Path file, int count, int rows, int cols, float[][] images, String sha256) {
    }

    /**
     * The labels of one file, already shifted by the format's label offset.
     *
     * @param file   the file read
     * @param count  the number of labels the file holds
     * @param labels the labels read, shifted by the format's label offset
     * @param sha256 the file's SHA-256 (hex)
     */
    public record Labels(Path file, int count, int[] labels, String sha256) {
    }

    private IdxReader() {
    }

    /**
     * Reads an image file and its label file into a {@link LabeledImages}.
     *
     * @param name   dataset name recorded in the result
     * @param limit  keep at most this many images (the files are still read to the end and checked); 0 = all
     * @throws DatasetException if either file is missing or malformed or their counts differ
     */
    public static LabeledImages read(String name, Path imagesFile, Path labelsFile, IdxFormat format, int limit) {
        Labels labels = readLabels(labelsFile, format, 0);
        Images images = readImages(imagesFile, format, limit, labels);
        int n = images.images().length;
        int[] kept = n == labels.count() ? labels.labels() : Arrays.copyOf(labels.labels(), n);
        int numClasses = format.numClasses() > 0 ? format.numClasses() : maxPlusOne(labels.labels());
        return new LabeledImages(name, images.rows(), images.cols(), images.images(), kept, numClasses,
                Map.of(fileName(imagesFile), images.sha256(), fileName(labelsFile), labels.sha256()));
    }

    /**
     * Reads an image file.
     *
     * @param limit keep at most this many images (0 = all); the rest is still read and checked
     */
    public static Images readImages(Path file, IdxFormat format, int limit) {
        return readImages(file, format, limit, null);
    }

    /** Reads a label file; values are shifted by the format's offset and checked against its class count. */
    public static Labels readLabels(Path file, IdxFormat format, int limit) {
        try (IdxStreams in = IdxStreams.open(file)) {
            int[] header = readHeader(in, LABELS_MAGIC, 1, "labels");
            int count = header[0];
            checkCount(in, count, "labels");
            // grow while reading: a damaged header may announce far more labels than the file holds
            byte[] buf = new byte[Math.min(count, INITIAL_CAPACITY)];
            int got = 0;
            while (got < count) {
                if (got == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(count, 2L * buf.length));
                }
                int n = in.read(buf, got, buf.length - got);
                got += n;
                if (n == 0) {
                    throw truncated(in, 8L + count, 8L + got, count + " labels");
                }
            }
            checkTrailing(in, 8L + count, count + " labels");
            int kept = limit > 0 ? Math.min(limit, count) : count;
            int[] labels = new int[kept];
            int hi = format.numClasses() > 0 ? format.numClasses() : Integer.MAX_VALUE;
            for (int i = 0; i < count; i++) {
                int stored = buf[i] & 0xff;
                int label = stored - format.labelOffset();
                if (label < 0 || label >= hi) {
                    String allowed = format.numClasses() > 0 ? format.labelRange() : ">= " + format.labelOffset();
                    throw new DatasetException(file, "label value " + stored + " at index " + i
                            + " is out of range: " + format.dataset() + " labels are " + allowed);
                }
                if (i < kept) {
                    labels[i] = label;
                }
            }
            return new Labels(file, count, labels, in.finishSha256());
        }
    }

    private static Images readImages(Path file, IdxFormat format, int limit, Labels labels) {
        try (IdxStreams in = IdxStreams.open(file)) {
            int[] header = readHeader(in, IMAGES_MAGIC, 3, "images");
            int count = header[0];
            int rows = header[1];
            int cols = header[2];
            checkCount(in, count, "images");
            if (rows <= 0 || cols <= 0) {
                throw new DatasetException(file, "unexpected dimensions: images of " + rows + " rows x " + cols
                        + " columns; an image needs at least 1 row and 1 column");
            }
            if ((long) rows * cols > MAX_PIXELS) {
                throw new DatasetException(file, "unexpected dimensions: images of " + rows + " x " + cols
                        + " pixels; at most " + MAX_PIXELS + " pixels per image are supported");
            }
            if ((format.rows() > 0 && rows != format.rows()) || (format.cols() > 0 && cols != format.cols())) {
                throw new DatasetException(file, "unexpected dimensions: images are " + rows + "x" + cols + " but "
                        + format.dataset() + " images are " + format.rows() + "x" + format.cols());
            }
            if (labels != null && labels.count() != count) {
                throw new DatasetException("image/label counts differ: " + file + " has " + count + " images but "
                        + labels.file() + " has " + labels.count() + " labels");
            }
            int pixels = rows * cols;
            int kept = limit > 0 ? Math.min(limit, count) : count;
            // grow while reading: a damaged header may announce far more images than the file holds
            float[][] images = new float[Math.min(kept, INITIAL_CAPACITY)][];
            byte[] buf = new byte[pixels];
            long headerBytes = 16;
            long expected = headerBytes + (long) count * pixels;
            String what = count + " images of " + rows + "x" + cols;
            for (int i = 0; i < count; i++) {
                int got = in.read(buf, 0, pixels);
                if (got < pixels) {
                    throw truncated(in, expected, headerBytes + (long) i * pixels + got, what);
                }
                if (i < kept) {
                    if (i == images.length) {
                        images = Arrays.copyOf(images, (int) Math.min(kept, 2L * images.length));
                    }
                    images[i] = toUnit(buf, rows, cols, format.transposed());
                }
            }
            checkTrailing(in, expected, what);
            return new Images(file, count, rows, cols, images, in.finishSha256());
        }
    }

    private static float[] toUnit(byte[] buf, int rows, int cols, boolean transposed) {
        float[] img = new float[rows * cols];
        if (transposed) {
            // stored column-major: stored element (c, r) is pixel (r, c); stored header says rows x cols
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    img[r * cols + c] = BYTE_TO_UNIT[buf[c * rows + r] & 0xff];
                }
            }
        } else {
            for (int i = 0; i < img.length; i++) {
                img[i] = BYTE_TO_UNIT[buf[i] & 0xff];
            }
        }
        return img;
    }

    /** Reads magic and sizes; returns the sizes. */
    private static int[] readHeader(IdxStreams in, int expectedMagic, int dims, String kind) {
        int headerBytes = 4 + 4 * dims;
        byte[] h = new byte[headerBytes];
        int got = in.read(h, 0, headerBytes);
        if (got >= 4) {
            int magic = intAt(h, 0);
            if (magic != expectedMagic) {
                throw new DatasetException(in.file, wrongMagic(magic, expectedMagic, kind, h));
            }
        }
        if (got < headerBytes) {
            throw new DatasetException(in.file, "truncated header: " + got + " of the " + headerBytes
                    + " header bytes of an IDX " + kind + " file are present" + (in.gzip ? " (after decompression)" : ""));
        }
        int[] sizes = new int[dims];
        for (int d = 0; d < dims; d++) {
            sizes[d] = intAt(h, 4 + 4 * d);
        }
        return sizes;
    }

    private static String wrongMagic(int magic, int expected, String kind, byte[] h) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "wrong magic number 0x%08X (%s), expected 0x%08X (IDX %s: %s)", magic, describe(magic, h),
                expected, kind, describe(expected, null)));
        int foundDims = magic & 0xff;
        if ((magic >>> 8) == 0x08 && foundDims != (expected & 0xff)) {
            sb.append(String.format(Locale.ROOT, "; this file has %d dimension%s but an IDX %s file has %d",
                    foundDims, foundDims == 1 ? "" : "s", kind, expected & 0xff));
            if (foundDims == 1) {
                sb.append(" — is it a label file?");
            } else if (foundDims == 3) {
                sb.append(" — is it an image file?");
            }
        }
        return sb.toString();
    }

    private static String describe(int magic, byte[] h) {
        if (h != null && (h[0] & 0xff) == 'P' && (h[1] & 0xff) == 'K') {
            return "a zip archive, extract it first";
        }
        if ((magic >>> 16) != 0) {
            return "not an IDX file";
        }
        int type = (magic >>> 8) & 0xff;
        int dims = magic & 0xff;
        String typeName = switch (type) {
            case 0x08 -> "unsigned byte";
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> String.format(Locale.ROOT, "unknown element type 0x%02X", type);
        };
        return (h == null ? "" : "IDX ") + typeName + ", " + dims + " dimension" + (dims == 1 ? "" : "s");
    }

    private static void checkCount(IdxStreams in, int count, String kind) {
        if (count <= 0) {
            throw new DatasetException(in.file, "the header gives " + (count & 0xffffffffL) + " " + kind
                    + "; expected a positive count");
        }
    }

    private static DatasetException truncated(IdxStreams in, long expected, long present, String what) {
        return new DatasetException(in.file, "truncated data: " + what + " need " + expected + " bytes"
                + (in.gzip ? " (decompressed)" : "") + " including the header, but only " + present
                + " are present");
    }

    private static void checkTrailing(IdxStreams in, long expected, String what) {
        long extra = in.remaining();
        if (extra > 0) {
            throw new DatasetException(in.file, "trailing garbage: " + extra + " bytes after the " + expected
                    + " bytes" + (in.gzip ? " (decompressed)" : "") + " that the header announces (" + what
                    + "); the count in the header may be wrong or the file damaged");
        }
    }

    private static int intAt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    private static int maxPlusOne(int[] labels) {
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return max + 1;
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
