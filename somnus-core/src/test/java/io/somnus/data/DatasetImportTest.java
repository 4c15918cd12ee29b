package io.somnus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.somnus.DebianPython;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code somnus datasets import}: notMNIST from a tiny tree of PNG folders written here (with an empty file and a
 * damaged one, as notMNIST_small has), KMNIST from tiny {@code .npz} files written here in NumPy's format.
 */
class DatasetImportTest {
    private static final int PER_LETTER = 7;

    @TempDir
    Path tmp;

    /** The pixel (x, y) of image {@code i} of letter {@code c}: every image of the tree differs from every other. */
    private static int pixel(int c, int i, int x, int y) {
        return (c * 31 + i * 7 + x * 5 + y * 3 + x * y) % 256;
    }

    private static void png(Path file, int c, int i, int side, boolean rgb) throws IOException {
        BufferedImage img = new BufferedImage(side, 28, rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < side; x++) {
                int v = pixel(c, i, x, y);
                if (rgb) {
                    img.setRGB(x, y, (v << 16) | (v << 8) | v);
                } else {
                    img.getRaster().setSample(x, y, 0, v);
                }
            }
        }
        assertTrue(ImageIO.write(img, "png", file.toFile()));
    }

    /** Letters A..J with {@link #PER_LETTER} images each (one of J's stored as RGB), an empty file in A, a cut one in F. */
    private Path tree() throws IOException {
        Path root = tmp.resolve("notMNIST_small");
        for (int c = 0; c < 10; c++) {
            Path dir = Files.createDirectories(root.resolve(String.valueOf((char) ('A' + c))));
            for (int i = 0; i < PER_LETTER; i++) {
                png(dir.resolve("img" + i + ".png"), c, i, 28, c == 9 && i == 0);
            }
        }
        Files.write(root.resolve("A").resolve("empty.png"), new byte[0]);
        byte[] whole = Files.readAllBytes(root.resolve("F").resolve("img0.png"));
        Files.write(root.resolve("F").resolve("cut.png"), Arrays.copyOf(whole, 40));
        return root;
    }

    private static DatasetRegistry registryWithout(Path tmp) {
        return new DatasetRegistry(DatasetCatalog.builtIn(), new DatasetLocations(tmp.resolve("no-cache"), List.of()),
                (uri, target) -> {
                    throw new AssertionError("no download expected");
                });
    }

    @Test
    void notMnistIsSplitPerLetterWithUnreadableFilesSkippedAndLoadsAsVerified() throws IOException {
        Path from = tree();
        Path out = tmp.resolve("data").resolve("notmnist");
        DatasetImport.Result r = DatasetImport.notMnist(from, out, 1, DatasetImport.DEFAULT_TEST_FRACTION);

        assertEquals(List.of("A/empty.png: empty file"), r.skipped().subList(0, 1));
        assertEquals(2, r.skipped().size(), r.skipped().toString());
        assertTrue(r.skipped().get(1).startsWith("F/cut.png: "), r.skipped().toString());
        assertEquals(10 * PER_LETTER, r.trainImages() + r.testImages());

        DatasetRegistry registry = registryWithout(tmp);
        LabeledImages train = registry.load("notmnist", Split.TRAIN, tmp.resolve("data"));
        LabeledImages test = registry.load("notmnist", Split.TEST, tmp.resolve("data"));
        assertEquals(r.trainImages(), train.size());
        assertEquals(r.testImages(), test.size());
        for (DatasetStatus.FileStatus f : train.sources()) {
            assertEquals(DatasetStatus.Verification.VERIFIED, f.verification(), f.detail());
            assertTrue(f.detail().startsWith("made by somnus datasets import from "), f.detail());
        }
        // every readable PNG is in exactly one split, under its letter's label, with its pixels as written
        Map<Integer, Integer> seen = new HashMap<>();
        int[] testPerLetter = new int[10];
        for (LabeledImages split : List.of(train, test)) {
            for (int n = 0; n < split.size(); n++) {
                int label = split.labels()[n];
                float[] px = split.images()[n];
                int found = -1;
                for (int i = 0; i < PER_LETTER && found < 0; i++) {
                    boolean same = true;
                    for (int p = 0; p < 784 && same; p++) {
                        same = Math.round(px[p] * 255) == pixel(label, i, p % 28, p / 28);
                    }
                    found = same ? i : -1;
                }
                assertTrue(found >= 0, "image " + n + " is none of letter " + label + "'s");
                assertEquals(null, seen.put(label * 100 + found, n), "letter " + label + " image " + found + " twice");
                if (split == test) {
                    testPerLetter[label]++;
                }
            }
        }
        assertEquals(10 * PER_LETTER, seen.size());
        // A and F list 8 files: round(8/7) = 1 goes to test, as round(7/7) = 1 of the others (less one if the file
        // drawn for test was the unreadable one)
        for (int c = 0; c < 10; c++) {
            assertTrue(testPerLetter[c] == 1 || (c == 0 || c == 5) && testPerLetter[c] == 0,
                    "letter " + c + ": " + testPerLetter[c]);
        }
        // the first images of the train split mix the letters (what --train-images takes)
        assertTrue(IntStream.range(0, 10).map(i -> train.labels()[i]).distinct().count() > 3);

        Path again = tmp.resolve("again").resolve("notmnist");
        assertEquals(r.files(), DatasetImport.notMnist(from, again, 1, DatasetImport.DEFAULT_TEST_FRACTION).files(),
                "same seed, same files");
        assertEquals(r.sourceSha256(), DatasetImport.notMnist(from, tmp.resolve("s2").resolve("notmnist"), 2,
                DatasetImport.DEFAULT_TEST_FRACTION).sourceSha256());
        assertNotEquals(r.files().get("train-labels-idx1-ubyte.gz"), DatasetImport.notMnist(from,
                tmp.resolve("s3").resolve("notmnist"), 3, DatasetImport.DEFAULT_TEST_FRACTION).files()
                .get("train-labels-idx1-ubyte.gz"), "another seed, another order");
        assertTrue(Files.readString(out.resolve(DatasetImport.MANIFEST)).contains("source listing SHA-256: "
                + r.sourceSha256()));

        // the test images gunzipped in place still load as the import's (its content SHA-256 was recorded)
        Path gz = out.resolve("t10k-images-idx3-ubyte.gz");
        try (var in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.write(out.resolve("t10k-images-idx3-ubyte"), in.readAllBytes());
        }
        Files.delete(gz);
        LabeledImages gunzipped = registryWithout(tmp).load("notmnist", Split.TEST, tmp.resolve("data"));
        assertArrayEquals(test.images(), gunzipped.images());
        assertEquals(DatasetStatus.Verification.VERIFIED, gunzipped.sources().get(0).verification(),
                gunzipped.sources().get(0).detail());
    }

    /**
     * A source file that cannot be read is skipped and named, as one that cannot be decoded is, and the rest imported.
     * Root (the test machine's user) may read any file, so the failures come from a reader that stands in for the
     * file system: no permission for one file, an I/O error for another.
     */
    @Test
    void aFileThatCannotBeReadIsSkippedNamedAndCountedAndTheRestImported() throws IOException {
        Path from = tree();
        Path noPermission = from.resolve("C").resolve("img2.png");
        Path ioError = from.resolve("H").resolve("img5.png");
        Path out = tmp.resolve("data").resolve("notmnist");
        DatasetImport.Result r = DatasetImport.notMnist(from, out, 1, DatasetImport.DEFAULT_TEST_FRACTION, file -> {
            if (file.equals(noPermission)) {
                throw new AccessDeniedException(file.toString());
            }
            if (file.equals(ioError)) {
                throw new IOException("Input/output error");
            }
            return Files.readAllBytes(file);
        });

        assertEquals(List.of("A/empty.png: empty file", "C/img2.png: cannot be read (permission denied)"),
                r.skipped().subList(0, 2));
        assertTrue(r.skipped().get(2).startsWith("F/cut.png: cannot be decoded"), r.skipped().toString());
        assertEquals("H/img5.png: cannot be read (IOException: Input/output error)", r.skipped().get(3));
        assertEquals(4, r.skipped().size(), r.skipped().toString());
        assertEquals(10 * PER_LETTER - 2, r.trainImages() + r.testImages());
        String manifest = Files.readString(out.resolve(DatasetImport.MANIFEST));
        assertTrue(manifest.contains("skipped: 4\n"), manifest);
        assertTrue(manifest.contains("  C/img2.png: cannot be read (permission denied)\n"), manifest);
        assertTrue(manifest.contains("source files: 72 ("), manifest); // every file listed, read or not
        // the listing holds the files read, each with its SHA-256: the two unreadable ones have none
        StringBuilder listing = new StringBuilder();
        for (int c = 0; c < 10; c++) {
            String letter = String.valueOf((char) ('A' + c));
            try (var files = Files.list(from.resolve(letter))) {
                for (Path f : files.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                    if (!f.equals(noPermission) && !f.equals(ioError)) {
                        listing.append(FileHashes.hex(FileHashes.newDigest().digest(Files.readAllBytes(f))))
                                .append("  ").append(letter).append('/').append(f.getFileName()).append('\n');
                    }
                }
            }
        }
        assertEquals(FileHashes.hex(FileHashes.newDigest().digest(listing.toString().getBytes(StandardCharsets.UTF_8))),
                r.sourceSha256());
    }

    /** A letter left with no image (all its files unreadable or undecodable) would be a class the network never sees. */
    @Test
    void aLetterNoneOfWhoseFilesCanBeReadIsRefusedAndNothingIsWritten() throws IOException {
        Path from = tree();
        Path out = tmp.resolve("out");
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetImport.notMnist(from, out, 1,
                DatasetImport.DEFAULT_TEST_FRACTION, file -> {
                    if (file.getParent().getFileName().toString().equals("G")) {
                        throw new AccessDeniedException(file.toString());
                    }
                    return Files.readAllBytes(file);
                }));
        assertEquals(from.resolve("G") + ": none of its 7 files could be read or decoded (the first: G/img0.png: cannot "
                + "be read (permission denied)); nothing was written", e.getMessage());
        assertFalse(Files.exists(out));
        try (var left = Files.list(tmp)) {
            assertEquals(List.of("notMNIST_small"), left.map(p -> p.getFileName().toString()).toList(),
                    "no hidden folder left behind");
        }
    }

    @Test
    void theSourceListingHashIsOfEachFilesHashAndPath() throws Exception {
        Path from = tree();
        DatasetImport.Result r = DatasetImport.notMnist(from, tmp.resolve("o"), 1, 0.5);
        StringBuilder listing = new StringBuilder();
        for (int c = 0; c < 10; c++) {
            String letter = String.valueOf((char) ('A' + c));
            try (var files = Files.list(from.resolve(letter))) {
                for (Path f : files.map(Path::getFileName).map(Path::toString).sorted().map(from.resolve(letter)::resolve)
                        .toList()) {
                    listing.append(FileHashes.hex(FileHashes.newDigest().digest(Files.readAllBytes(f)))).append("  ")
                            .append(letter).append('/').append(f.getFileName()).append('\n');
                }
            }
        }
        assertEquals(FileHashes.hex(FileHashes.newDigest().digest(listing.toString().getBytes(StandardCharsets.UTF_8))),
                r.sourceSha256());
        // a changed file is a changed source
        png(from.resolve("C").resolve("img3.png"), 2, 4, 28, false);
        assertNotEquals(r.sourceSha256(), DatasetImport.notMnist(from, tmp.resolve("o2"), 1, 0.5).sourceSha256());
    }

    @Test
    void anImageOfAnotherSizeIsRefusedAndNothingIsWritten() throws IOException {
        Path from = tree();
        png(from.resolve("D").resolve("wide.png"), 3, 0, 27, false);
        Path out = tmp.resolve("out");
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetImport.notMnist(from, out, 1, DatasetImport.DEFAULT_TEST_FRACTION));
        assertTrue(e.getMessage().contains("wide.png: is 27x28 pixels; notMNIST's images are 28x28 and the import "
                + "does not resize"), e.getMessage());
        assertFalse(Files.exists(out));
        try (var left = Files.list(tmp)) {
            assertEquals(List.of("notMNIST_small"), left.map(p -> p.getFileName().toString()).toList(),
                    "no hidden folder left behind");
        }
    }

    @Test
    void aFolderThatIsNotTheLayoutIsNamedWithTheOneThatIs() throws IOException {
        tree();
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetImport.notMnist(tmp, tmp.resolve("out"), 1, DatasetImport.DEFAULT_TEST_FRACTION));
        assertTrue(e.getMessage().startsWith(tmp + ": is not notMNIST's layout: it has no letter folders A, B, C"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("give --from " + tmp.resolve("notMNIST_small")), e.getMessage());
        Files.delete(tmp.resolve("notMNIST_small").resolve("J").resolve("img3.png"));
        try (var files = Files.list(tmp.resolve("notMNIST_small").resolve("J"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        e = assertThrows(DatasetException.class, () -> DatasetImport.notMnist(tmp.resolve("notMNIST_small"),
                tmp.resolve("out"), 1, DatasetImport.DEFAULT_TEST_FRACTION));
        assertTrue(e.getMessage().contains("J: holds no files"), e.getMessage());
    }

    @Test
    void anOutputFolderThatHoldsAnythingIsLeftAsItWas() throws IOException {
        Path from = tree();
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path mine = Files.writeString(out.resolve("notes.txt"), "mine");
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetImport.notMnist(from, out, 1, DatasetImport.DEFAULT_TEST_FRACTION));
        assertTrue(e.getMessage().contains("already exists and is not empty; nothing was overwritten"), e.getMessage());
        assertEquals("mine", Files.readString(mine));
        try (var left = Files.list(out)) {
            assertEquals(1, left.count());
        }
        // an empty folder is filled
        Files.delete(mine);
        assertEquals(10 * PER_LETTER, DatasetImport.notMnist(from, out, 1, 0.5).trainImages()
                + DatasetImport.notMnist(from, tmp.resolve("o2"), 1, 0.5).testImages());
    }

    // --- KMNIST .npz ---

    /**
     * A {@code .npz} of one uint8 array {@code arr_0} as {@code np.savez} writes it (NumPy format 1.0: magic, version,
     * little-endian header length, the header dict padded with spaces and a newline so the data starts at a multiple
     * of 64 bytes).
     */
    static byte[] npz(byte[] data, int... shape) throws IOException {
        return npz("|u1", data, shape);
    }

    static byte[] npz(String descr, byte[] data, int... shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String s = shape.length == 1 ? shape[0] + "," : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + s + "), }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        npy.write(header.length() & 0xff);
        npy.write(header.length() >> 8);
        npy.write(header.getBytes(StandardCharsets.ISO_8859_1));
        npy.write(data);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("arr_0.npy"));
            z.write(npy.toByteArray());
            z.closeEntry();
        }
        return zip.toByteArray();
    }

    private Path kmnistNpz(int train, int test) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("kmnist-npz"));
        int[] counts = {train, test};
        for (int s = 0; s < 2; s++) {
            byte[] images = new byte[counts[s] * 784];
            byte[] labels = new byte[counts[s]];
            for (int i = 0; i < counts[s]; i++) {
                labels[i] = (byte) ((i * 3 + s) % 10);
                for (int p = 0; p < 784; p++) {
                    images[i * 784 + p] = (byte) pixel(s, i, p % 28, p / 28);
                }
            }
            Files.write(dir.resolve(DatasetImport.KMNIST_NPZ.get(2 * s)), npz(images, counts[s], 28, 28));
            Files.write(dir.resolve(DatasetImport.KMNIST_NPZ.get(2 * s + 1)), npz(labels, counts[s]));
        }
        return dir;
    }

    @Test
    void theSyntheticNpzIsWhatNumpyReads() throws Exception {
        assumeTrue(DebianPython.has("numpy"), "Debian's python3-numpy");
        Path dir = kmnistNpz(3, 2);
        DebianPython.Result r = DebianPython.run("import numpy as np, sys\n"
                + "a = np.load(sys.argv[1] if len(sys.argv) > 1 else input())['arr_0']\n"
                + "print(a.dtype, a.shape, int(a[2, 5, 7]))",
                dir.resolve("kmnist-train-imgs.npz").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("uint8 (3, 28, 28) " + pixel(0, 2, 7, 5), r.stdout().strip());
    }

    @Test
    void kmnistNpzBecomesTheSameImagesAndLabelsVerified() throws IOException {
        Path from = kmnistNpz(5, 3);
        DatasetImport.Result r = DatasetImport.kmnistNpz(from, tmp.resolve("data").resolve("kmnist"));
        assertEquals(5, r.trainImages());
        assertEquals(3, r.testImages());
        DatasetRegistry registry = registryWithout(tmp);
        for (Split split : Split.values()) {
            LabeledImages li = registry.load("kmnist", split, tmp.resolve("data"));
            int s = split == Split.TRAIN ? 0 : 1;
            assertEquals(s == 0 ? 5 : 3, li.size());
            for (int i = 0; i < li.size(); i++) {
                assertEquals((i * 3 + s) % 10, li.labels()[i]);
                float[] px = li.images()[i];
                assertEquals(pixel(s, i, 9, 4), Math.round(px[4 * 28 + 9] * 255));
            }
            for (DatasetStatus.FileStatus f : li.sources()) {
                assertEquals(DatasetStatus.Verification.VERIFIED, f.verification(), f.detail());
            }
        }
    }

    /** {@code sha256sum -c SUMS} run in {@code dir}: its exit status and output. */
    private static String sha256sumCheck(Path dir, String sums) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha256sum", "-c", sums).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() + ": " + out;
    }

    /**
     * The check the manifest and {@code datasets import} give works with the real {@code sha256sum}, on the files as
     * written and once a user gunzipped them in place, where {@code SHA256SUMS.imported} names files no longer there.
     */
    @Test
    void theCheckTheImportGivesPassesGzippedAndGunzipped() throws IOException, InterruptedException {
        assumeTrue(Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "sha256sum"))), "needs coreutils' sha256sum");
        Path out = tmp.resolve("data").resolve("kmnist");
        DatasetImport.kmnistNpz(kmnistNpz(5, 3), out);
        String manifest = Files.readString(out.resolve(DatasetImport.MANIFEST));
        assertTrue(manifest.contains("\ncheck them in this folder: sha256sum -c SHA256SUMS.imported; once gunzipped: "
                + "sha256sum -c SHA256SUMS.content\n"), manifest);
        assertTrue(sha256sumCheck(out, "SHA256SUMS.imported").startsWith("0: "));
        for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Path gz = out.resolve(name + ".gz");
            try (var in = new GZIPInputStream(Files.newInputStream(gz))) {
                Files.write(out.resolve(name), in.readAllBytes());
            }
            Files.delete(gz);
        }
        String gunzipped = sha256sumCheck(out, "SHA256SUMS.content");
        assertEquals("0: t10k-images-idx3-ubyte: OK\nt10k-labels-idx1-ubyte: OK\ntrain-images-idx3-ubyte: OK\n"
                + "train-labels-idx1-ubyte: OK\n", gunzipped); // the record's lines are sorted by name
        assertFalse(sha256sumCheck(out, "SHA256SUMS.imported").startsWith("0: "), "the .gz files are gone");
    }

    @Test
    void aKmnistNpzOfOtherShapesOrTypesIsNamed() throws IOException {
        Path from = kmnistNpz(4, 2);
        Files.write(from.resolve("kmnist-test-labels.npz"), npz(new byte[3], 3));
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetImport.kmnistNpz(from, tmp.resolve("out")));
        assertTrue(e.getMessage().startsWith(from.resolve("kmnist-test-labels.npz") + ": arr_0 has shape [3]; "
                + "expected (2,)"), e.getMessage());
        Files.write(from.resolve("kmnist-test-labels.npz"), npz("<f4", new byte[8], 2));
        e = assertThrows(DatasetException.class, () -> DatasetImport.kmnistNpz(from, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("kmnist-test-labels.npz: arr_0 holds '<f4'; KMNIST's arrays are unsigned bytes"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out")));
    }
}
