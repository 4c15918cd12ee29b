package io.somnus.data;

import static io.somnus.data.IdxBytes.concat;
import static io.somnus.data.IdxBytes.gzip;
import static io.somnus.data.IdxBytes.header;
import static io.somnus.data.IdxBytes.images;
import static io.somnus.data.IdxBytes.labels;
import static io.somnus.data.IdxBytes.pattern;
import static io.somnus.data.IdxBytes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    private static final IdxFormat ANY = IdxFormat.any("test");
    private static final IdxFormat DIGITS = new IdxFormat("digits", 2, 3, 10, 0, false);

    @TempDir
    Path dir;

    /** Asserts the read fails with a message naming the file and containing every fragment. */
    private static DatasetException fails(Path file, Runnable read, String... fragments) {
        DatasetException e = assertThrows(DatasetException.class, read::run);
        String msg = e.getMessage();
        assertTrue(msg.contains(file.toString()), () -> "message does not name " + file + ": " + msg);
        for (String f : fragments) {
            assertTrue(msg.contains(f), () -> "message lacks '" + f + "': " + msg);
        }
        assertTrue(!msg.contains("Exception") && !msg.contains("\tat "), () -> "message looks like a stack trace: " + msg);
        return e;
    }

    @Test
    void readsRawPixelsAsByteOver255AndLabels() {
        byte[] px = pattern(3 * 6);
        Path img = write(dir, "i", images(3, 2, 3, px));
        Path lab = write(dir, "l", labels((byte) 4, (byte) 0, (byte) 9));
        LabeledImages d = IdxReader.read("digits", img, lab, DIGITS, 0);
        assertEquals(3, d.size());
        assertEquals(2, d.height());
        assertEquals(3, d.width());
        assertArrayEquals(new int[]{4, 0, 9}, d.labels());
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 6; k++) {
                assertEquals((px[i * 6 + k] & 0xff) / 255f, d.images()[i][k], 0f);
            }
        }
        assertEquals(10, d.numClasses());
    }

    @Test
    void detectsGzipByContentNotName() {
        byte[] img = images(2, 2, 3, pattern(12));
        Path gzNoSuffix = write(dir, "images-without-suffix", gzip(img));
        Path rawWithSuffix = write(dir, "raw.gz", img);
        float[][] a = IdxReader.readImages(gzNoSuffix, ANY, 0).images();
        float[][] b = IdxReader.readImages(rawWithSuffix, ANY, 0).images();
        assertTrue(Arrays.deepEquals(a, b));
        assertEquals((pattern(12)[7] & 0xff) / 255f, a[1][1], 0f);
    }

    @Test
    void recordsSha256OfFileBytesAndCachesIt() throws Exception {
        byte[] gz = gzip(images(2, 2, 3, pattern(12)));
        Path img = write(dir, "i.gz", gz);
        Path lab = write(dir, "l", labels((byte) 1, (byte) 2));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(gz));
        LabeledImages d = IdxReader.read("t", img, lab, ANY, 0);
        assertEquals(expected, d.sha256().get("i.gz"));
        assertEquals(expected, FileHashes.sha256(img));
        long before = FileHashes.computations();
        assertEquals(expected, FileHashes.sha256(img)); // cached: no new computation
        assertEquals(before, FileHashes.computations());
        // a changed file (new mtime) is hashed again
        Files.write(img, gzip(images(1, 2, 3, pattern(6))));
        Files.setLastModifiedTime(img, FileTime.fromMillis(Files.getLastModifiedTime(img).toMillis() + 5000));
        String changed = FileHashes.sha256(img);
        assertEquals(before + 1, FileHashes.computations());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(img))), changed);
    }

    @Test
    void limitKeepsFirstImagesButStillChecksWholeFile() {
        Path img = write(dir, "i", images(3, 2, 3, pattern(18)));
        Path lab = write(dir, "l", labels((byte) 1, (byte) 2, (byte) 3));
        LabeledImages d = IdxReader.read("t", img, lab, ANY, 2);
        assertEquals(2, d.size());
        assertArrayEquals(new int[]{1, 2}, d.labels());
        Path cut = write(dir, "cut", Arrays.copyOf(images(3, 2, 3, pattern(18)), 16 + 12 + 1));
        fails(cut, () -> IdxReader.readImages(cut, ANY, 1), "truncated data");
    }

    @Test
    void transposedImagesAreTransposedBack() {
        // stored column-major (EMNIST, whose headers say 28x28): stored element k = c*rows + r is pixel (r, c)
        byte[] stored = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Path img = write(dir, "i", images(1, 3, 3, stored));
        float[] p = IdxReader.readImages(img, new IdxFormat("e", 3, 3, 0, 0, true), 0).images()[0];
        float[] expected = {1, 4, 7, 2, 5, 8, 3, 6, 9};
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i] / 255f, p[i], 0f);
        }
    }

    @Test
    void labelOffsetShiftsOneBasedLabels() {
        Path lab = write(dir, "letters", labels((byte) 1, (byte) 26, (byte) 13));
        IdxFormat letters = new IdxFormat("emnist-letters", 28, 28, 26, 1, true);
        assertArrayEquals(new int[]{0, 25, 12}, IdxReader.readLabels(lab, letters, 0).labels());
        Path bad = write(dir, "letters0", labels((byte) 1, (byte) 0));
        fails(bad, () -> IdxReader.readLabels(bad, letters, 0), "label value 0 at index 1", "1..26");
    }

    // ---- malformed files: each message names the file and the problem ----

    @Test
    void missingFile() {
        Path f = dir.resolve("nope-images-idx3-ubyte.gz");
        fails(f, () -> IdxReader.readImages(f, ANY, 0), "file not found");
    }

    @Test
    void emptyFile() {
        Path f = write(dir, "empty", new byte[0]);
        fails(f, () -> IdxReader.readLabels(f, ANY, 0), "empty", "0 bytes");
    }

    @Test
    void directoryInsteadOfFile() {
        fails(dir, () -> IdxReader.readImages(dir, ANY, 0), "is a directory");
    }

    @Test
    void wrongMagicNumberSaysFoundAndExpected() {
        Path f = write(dir, "labels-as-images", labels((byte) 1, (byte) 2));
        fails(f, () -> IdxReader.readImages(f, ANY, 0), "wrong magic number 0x00000801", "expected 0x00000803",
                "1 dimension but an IDX images file has 3");
    }

    @Test
    void textFileIsNotIdx() {
        Path f = write(dir, "readme", "hello, not an idx file at all".getBytes());
        fails(f, () -> IdxReader.readImages(f, ANY, 0), "wrong magic number 0x68656C6C", "not an IDX file");
    }

    @Test
    void zipArchiveIsRecognised() {
        Path f = write(dir, "gzip.zip", concat(new byte[]{'P', 'K', 3, 4}, new byte[40]));
        fails(f, () -> IdxReader.readImages(f, ANY, 0), "zip archive");
    }

    @Test
    void labelFileWithImageDimensions() {
        Path f = write(dir, "images-as-labels", images(1, 2, 3, pattern(6)));
        fails(f, () -> IdxReader.readLabels(f, ANY, 0), "wrong magic number 0x00000803", "expected 0x00000801",
                "3 dimensions but an IDX labels file has 1");
    }

    @Test
    void truncatedHeader() {
        Path f = write(dir, "short", Arrays.copyOf(header(0x803, 5, 28, 28), 10));
        fails(f, () -> IdxReader.readImages(f, ANY, 0), "truncated header", "10 of the 16 header bytes");
        Path g = write(dir, "short.gz", gzip(Arrays.copyOf(header(0x801, 5), 6)));
        fails(g, () -> IdxReader.readLabels(g, ANY, 0), "truncated header", "6 of the 8", "after decompression");
    }

    @Test
    void truncatedDataSaysExpectedAndPresentBytes() {
        // 3 images of 2x3 need 16 + 18 = 34 bytes; give 16 + 10 = 26
        Path f = write(dir, "trunc", Arrays.copyOf(images(3, 2, 3, pattern(18)), 26));
        fails(f, () -> IdxReader.readImages(f, ANY, 0), "truncated data", "need 34 bytes", "only 26 are present");
        Path l = write(dir, "trunc-labels.gz", gzip(Arrays.copyOf(labels(new byte[100]), 8 + 60)));
        fails(l, () -> IdxReader.readLabels(l, ANY, 0), "truncated data", "need 108 bytes (decompressed)",
                "only 68 are present");
    }

    @Test
    void hugeCountInHeaderOfSmallFileIsTruncationNotOutOfMemory() {
        Path f = write(dir, "huge", concat(header(0x803, Integer.MAX_VALUE, 28, 28), new byte[784 * 2]));
        fails(f, () -> IdxReader.readImages(f, ANY, 0), "truncated data", "only " + (16 + 784 * 2) + " are present");
        Path l = write(dir, "huge-labels", concat(header(0x801, Integer.MAX_VALUE), new byte[5]));
        fails(l, () -> IdxReader.readLabels(l, ANY, 0), "truncated data", "only 13 are present");
    }

    @Test
    void negativeOrZeroCount() {
        Path f = write(dir, "neg", concat(header(0x803, -1, 2, 2), new byte[4]));
        fails(f, () -> IdxReader.readImages(f, ANY, 0), "4294967295 images", "positive count");
        Path z = write(dir, "zero", header(0x801, 0));
        fails(z, () -> IdxReader.readLabels(z, ANY, 0), "0 labels");
    }

    @Test
    void trailingGarbage() {
        Path f = write(dir, "trailing", concat(images(1, 2, 3, pattern(6)), new byte[]{1, 2, 3, 4, 5}));
        fails(f, () -> IdxReader.readImages(f, ANY, 0), "trailing garbage", "5 bytes after the 22 bytes");
        Path l = write(dir, "trailing-labels.gz", gzip(concat(labels((byte) 1), new byte[3])));
        fails(l, () -> IdxReader.readLabels(l, ANY, 0), "trailing garbage", "3 bytes", "(decompressed)");
    }

    @Test
    void imageAndLabelCountsDiffer() {
        Path img = write(dir, "imgs", images(3, 2, 3, pattern(18)));
        Path lab = write(dir, "labs", labels((byte) 1, (byte) 2));
        DatasetException e = fails(img, () -> IdxReader.read("t", img, lab, ANY, 0), "image/label counts differ",
                "3 images", "2 labels");
        assertTrue(e.getMessage().contains(lab.toString()), e.getMessage());
    }

    @Test
    void corruptGzip() {
        byte[] gz = gzip(images(50, 28, 28, pattern(50 * 784)));
        byte[] damaged = gz.clone();
        for (int i = 20; i < 60; i++) {
            damaged[i] ^= (byte) 0x5a;
        }
        Path f = write(dir, "damaged.gz", damaged);
        fails(f, () -> IdxReader.readImages(f, ANY, 0), "corrupt gzip");
        Path cut = write(dir, "cut.gz", Arrays.copyOf(gz, gz.length / 2));
        fails(cut, () -> IdxReader.readImages(cut, ANY, 0), "corrupt gzip", "truncated or damaged");
        Path header = write(dir, "badheader.gz", new byte[]{0x1f, (byte) 0x8b, 99, 0, 0, 0, 0, 0, 0, 0, 1, 2});
        fails(header, () -> IdxReader.readImages(header, ANY, 0), "corrupt gzip");
    }

    @Test
    void zeroRowsOrColumns() {
        Path f = write(dir, "zero-rows", header(0x803, 3, 0, 28));
        fails(f, () -> IdxReader.readImages(f, ANY, 0), "unexpected dimensions", "0 rows x 28 columns");
    }

    @Test
    void dimensionsOtherThanTheDatasetExpects() {
        Path f = write(dir, "big", images(1, 3, 2, pattern(6)));
        fails(f, () -> IdxReader.readImages(f, DIGITS, 0), "unexpected dimensions", "images are 3x2",
                "digits images are 2x3");
    }

    @Test
    void labelOutOfRange() {
        Path f = write(dir, "labels", labels((byte) 3, (byte) 9, (byte) 10));
        fails(f, () -> IdxReader.readLabels(f, DIGITS, 0), "label value 10 at index 2", "out of range",
                "digits labels are 0..9");
    }
}
