package io.somnus.data;

import io.somnus.core.NumberText;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;

/**
 * Makes a dataset's IDX files from the form it is distributed in ({@code somnus datasets import}): notMNIST from its
 * folders {@code A} … {@code J} of 28×28 grayscale PNG images, KMNIST from its four NumPy {@code .npz} files. The four
 * gzip-compressed IDX files go, with a manifest, into a new folder that appears whole or not at all (they are written
 * into a hidden sibling folder, which is renamed into place last). The manifest's {@link #IMPORTED_SUMS} records the
 * SHA-256 of the files written, so that loading counts them as Somnus-made files, verified, as EMNIST files extracted
 * from the verified archive are; {@link #MANIFEST} says what they were made from (the SHA-256 of the source listing,
 * the split, the files skipped). Neither dataset has published checksums for these forms, and none are made up here.
 */
public final class DatasetImport {
    /**
     * The SHA-256 of the files an import wrote ({@code sha256sum -c} reads it while they are as written; once
     * gunzipped, {@link #CHECK}: they are named without {@code .gz} in {@code SHA256SUMS.content}).
     */
    public static final String IMPORTED_SUMS = "SHA256SUMS.imported";
    /**
     * How to check an import's files by hand, in its folder (the manifest and {@code datasets import} say it): the
     * {@code .gz} files by {@link #IMPORTED_SUMS}; once gunzipped (as another tool may want them), that file names
     * files no longer there, and the content digests, which name them without {@code .gz}, check them.
     */
    public static final String CHECK = "sha256sum -c " + IMPORTED_SUMS + "; once gunzipped: sha256sum -c "
            + ContentRecord.FILE;
    /** What an import was made from, for people. */
    public static final String MANIFEST = "import-manifest.txt";
    /** notMNIST's class folders, labels 0..9 in this order. */
    public static final List<String> NOTMNIST_CLASSES = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J");
    /**
     * The share of each letter's images that goes to the test split by default: 1/7, MNIST's (and Fashion-MNIST's and
     * KMNIST's) 10 000 of 70 000, so that the study's image counts divide a notMNIST as they divide the others.
     */
    public static final double DEFAULT_TEST_FRACTION = 1.0 / 7.0;
    /** KMNIST's NumPy files, in the order train images, train labels, test images, test labels. */
    public static final List<String> KMNIST_NPZ = List.of("kmnist-train-imgs.npz", "kmnist-train-labels.npz",
            "kmnist-test-imgs.npz", "kmnist-test-labels.npz");

    private static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;
    private static final String[] IDX_NAMES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

    private DatasetImport() {
    }

    /**
     * What an import wrote.
     *
     * @param dir           the folder made
     * @param trainImages   images in the train split
     * @param testImages    images in the test split
     * @param skipped       source files left out, each with why (unreadable or empty files)
     * @param sourceSha256  SHA-256 of the source listing (each source file's SHA-256 and path, sorted by path)
     * @param files         file name to SHA-256 of the files written
     */
    public record Result(Path dir, int trainImages, int testImages, List<String> skipped, String sourceSha256,
                         Map<String, String> files) {
    }

    /**
     * Imports notMNIST ({@code notMNIST_small} or {@code notMNIST_large}) from {@code from}, which holds the folders
     * {@code A} … {@code J}. Each letter's files, sorted by name, are shuffled with {@link SplittableRandom} from
     * {@code seed}; the first {@code round(n × testFraction)} go to the test split, the rest to train (so every letter
     * keeps its share); each split is then shuffled again, so that its first images (what {@code --train-images}
     * takes) mix all letters. The split is drawn over the files listed, before any is read: a file that cannot be
     * read (no permission, an I/O error) or decoded (notMNIST_small has a couple of empty ones; a cut or damaged PNG, a
     * file of another kind) is left out of its split and named in the result, as one bad file among thousands should
     * not cost the user the rest (the summary counts them).
     *
     * @throws DatasetException naming the folder or file: not that layout, an image not 28×28 or not grayscale,
     *                          an output folder that exists and is not empty, a split that would be empty, a letter
     *                          none of whose files could be read
     */
    public static Result notMnist(Path from, Path out, long seed, double testFraction) {
        return notMnist(from, out, seed, testFraction, Files::readAllBytes);
    }

    /** How the import reads a source file's bytes; tests stand in a failing one (root may read any file). */
    @FunctionalInterface
    interface SourceReader {
        byte[] read(Path file) throws IOException;
    }

    static Result notMnist(Path from, Path out, long seed, double testFraction, SourceReader reader) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new DatasetException("--test-fraction " + NumberText.of(testFraction) + ": give a fraction strictly between 0 and 1");
        }
        checkLayout(from);
        checkOutput(out);
        List<List<Path>> byClass = new ArrayList<>();
        List<String> listing = new ArrayList<>();
        for (String letter : NOTMNIST_CLASSES) {
            List<Path> files = regularFiles(from.resolve(letter));
            if (files.isEmpty()) {
                throw new DatasetException(from.resolve(letter), "holds no files; notMNIST's letter folders hold its "
                        + "PNG images");
            }
            byClass.add(files);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> train = new ArrayList<>(); // {class, index in its folder}
        List<int[]> test = new ArrayList<>();
        for (int c = 0; c < byClass.size(); c++) {
            int n = byClass.get(c).size();
            int[] order = shuffled(n, random);
            long nTest = Math.round(n * testFraction);
            for (int i = 0; i < n; i++) {
                (i < nTest ? test : train).add(new int[] {c, order[i]});
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new DatasetException(from, "has too few images (" + (train.size() + test.size()) + ") for a "
                    + "test fraction of " + NumberText.of(testFraction) + ": the " + (train.isEmpty() ? "train" : "test")
                    + " split would be empty");
        }
        shuffle(train, random);
        shuffle(test, random);

        byte[][][] hashes = new byte[byClass.size()][][];
        for (int c = 0; c < byClass.size(); c++) {
            hashes[c] = new byte[byClass.get(c).size()][];
        }
        List<String> skipped = new ArrayList<>();
        Path tmp = temporarySibling(out);
        try {
            int[] counts = new int[2];
            int[] perLetter = new int[byClass.size()];
            List<List<int[]>> splits = List.of(train, test);
            for (int s = 0; s < 2; s++) {
                Path raw = tmp.resolve("images-" + s + ".raw");
                ByteArrayOutputStream labels = new ByteArrayOutputStream();
                try (OutputStream images = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16)) {
                    for (int[] item : splits.get(s)) {
                        Path file = byClass.get(item[0]).get(item[1]);
                        String why = null;
                        BufferedImage img = null;
                        byte[] bytes = null;
                        try {
                            bytes = reader.read(file);
                        } catch (IOException e) {
                            why = "cannot be read (" + (e instanceof AccessDeniedException
                                    ? "permission denied" : DatasetFetcher.describe(e)) + ")";
                        }
                        if (bytes != null) {
                            hashes[item[0]][item[1]] = FileHashes.newDigest().digest(bytes);
                            try {
                                img = ImageIO.read(new ByteArrayInputStream(bytes));
                                if (img == null) {
                                    why = bytes.length == 0 ? "empty file" : "not an image format Java can read";
                                }
                            } catch (IOException | RuntimeException e) {
                                why = "cannot be decoded (" + e.getMessage() + ")";
                            }
                        }
                        if (why != null) {
                            skipped.add(from.relativize(file) + ": " + why);
                            continue;
                        }
                        images.write(grayscale(img, file));
                        labels.write(item[0]);
                        counts[s]++;
                        perLetter[item[0]]++;
                    }
                }
                writeIdx(tmp, IDX_NAMES[2 * s], IDX_NAMES[2 * s + 1], raw, counts[s], labels.toByteArray());
                Files.delete(raw);
            }
            for (int c = 0; c < byClass.size(); c++) {
                for (int i = 0; i < byClass.get(c).size(); i++) {
                    if (hashes[c][i] == null) { // could not be read: no content to list
                        continue;
                    }
                    listing.add(FileHashes.hex(hashes[c][i]) + "  " + NOTMNIST_CLASSES.get(c) + "/"
                            + byClass.get(c).get(i).getFileName());
                }
            }
            for (int c = 0; c < byClass.size(); c++) {
                if (perLetter[c] == 0) { // a class with no image would train a network that never sees it
                    throw new DatasetException(from.resolve(NOTMNIST_CLASSES.get(c)), "none of its "
                            + byClass.get(c).size() + " files could be read or decoded (the first: " + firstSkipped(
                            skipped, NOTMNIST_CLASSES.get(c)) + "); nothing was written");
                }
            }
            if (counts[0] == 0 || counts[1] == 0) {
                throw new DatasetException(from, "no image of the " + (counts[0] == 0 ? "train" : "test")
                        + " split could be read");
            }
            String sourceSha = listingSha(listing);
            List<String> about = new ArrayList<>();
            about.add("dataset: notmnist");
            about.add("made by: somnus datasets import notmnist");
            about.add("from: " + from.toAbsolutePath().normalize());
            about.add("source listing SHA-256: " + sourceSha + " (of the lines '<SHA-256 of the file>  <letter>/<name>',"
                    + " one per file listed and read, sorted by letter and name, each ending in a newline)");
            about.add("source files: " + byClass.stream().mapToInt(List::size).sum() + " (" + classCounts(byClass)
                    + ")");
            about.add("labels: 0-9 = A-J");
            about.add("split: per letter, round(n x " + testFraction + ") of its files to test, drawn with "
                    + "java.util.SplittableRandom(" + seed + "); each split then shuffled with the same generator");
            about.add("seed: " + seed);
            about.add("test fraction: " + testFraction);
            about.add("train images: " + counts[0]);
            about.add("test images: " + counts[1]);
            skipped.sort(null); // by path, not in the shuffled order they were met
            about.add("skipped: " + skipped.size());
            for (String s : skipped) {
                about.add("  " + s);
            }
            Map<String, String> sums = finish(tmp, out, about);
            return new Result(out, counts[0], counts[1], List.copyOf(skipped), sourceSha, sums);
        } catch (IOException e) {
            throw failed(out, "notMNIST", e);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Imports KMNIST from its four NumPy files ({@link #KMNIST_NPZ}) in {@code from}: each a {@code .npz} holding
     * {@code arr_0}, unsigned bytes, shape (n, 28, 28) for images and (n,) for labels, as NumPy writes them. The IDX
     * files hold the same images and labels in the same order.
     *
     * @throws DatasetException naming the file: missing, not such a NumPy file, shapes or labels that do not fit
     */
    public static Result kmnistNpz(Path from, Path out) {
        if (!Files.isDirectory(from)) {
            throw new DatasetException(from, Files.exists(from) ? "is not a directory; give the folder that holds "
                    + String.join(", ", KMNIST_NPZ) : "does not exist");
        }
        for (String name : KMNIST_NPZ) {
            if (!Files.isRegularFile(from.resolve(name))) {
                throw new DatasetException(from.resolve(name), "no such file; KMNIST's NumPy distribution is the four "
                        + "files " + String.join(", ", KMNIST_NPZ) + " in one folder");
            }
        }
        checkOutput(out);
        Path tmp = temporarySibling(out);
        try {
            List<String> listing = new ArrayList<>();
            int[] counts = new int[2];
            for (int s = 0; s < 2; s++) {
                Path imagesFile = from.resolve(KMNIST_NPZ.get(2 * s));
                Path labelsFile = from.resolve(KMNIST_NPZ.get(2 * s + 1));
                Npy images = readNpzArr0(imagesFile);
                Npy labels = readNpzArr0(labelsFile);
                if (images.shape.length != 3 || images.shape[1] != SIDE || images.shape[2] != SIDE) {
                    throw new DatasetException(imagesFile, "arr_0 has shape " + Arrays.toString(images.shape)
                            + "; KMNIST's images are (n, 28, 28)");
                }
                if (labels.shape.length != 1 || labels.shape[0] != images.shape[0]) {
                    throw new DatasetException(labelsFile, "arr_0 has shape " + Arrays.toString(labels.shape)
                            + "; expected (" + images.shape[0] + ",), one label per image of " + imagesFile.getFileName());
                }
                for (int i = 0; i < labels.data.length; i++) {
                    if (Byte.toUnsignedInt(labels.data[i]) > 9) {
                        throw new DatasetException(labelsFile, "label " + Byte.toUnsignedInt(labels.data[i])
                                + " at index " + i + "; KMNIST's labels are 0-9");
                    }
                }
                Path raw = tmp.resolve("images-" + s + ".raw");
                Files.write(raw, images.data);
                writeIdx(tmp, IDX_NAMES[2 * s], IDX_NAMES[2 * s + 1], raw, images.shape[0], labels.data);
                Files.delete(raw);
                counts[s] = images.shape[0];
            }
            for (String name : KMNIST_NPZ.stream().sorted().toList()) {
                listing.add(FileHashes.sha256Uncached(from.resolve(name)) + "  " + name);
            }
            String sourceSha = listingSha(listing);
            List<String> about = new ArrayList<>();
            about.add("dataset: kmnist");
            about.add("made by: somnus datasets import kmnist");
            about.add("from: " + from.toAbsolutePath().normalize());
            about.add("source listing SHA-256: " + sourceSha + " (of the lines below, each ending in a newline)");
            for (String l : listing) {
                about.add("  " + l);
            }
            about.add("train images: " + counts[0] + " (in the order of " + KMNIST_NPZ.get(0) + ")");
            about.add("test images: " + counts[1] + " (in the order of " + KMNIST_NPZ.get(2) + ")");
            Map<String, String> sums = finish(tmp, out, about);
            return new Result(out, counts[0], counts[1], List.of(), sourceSha, sums);
        } catch (IOException e) {
            throw failed(out, "KMNIST", e);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * A file the user named that cannot be read or written is their input (exit 2); anything else (a full disk) is the
     * work failing (exit 1). Either way the hidden folder is removed and nothing is in place.
     */
    private static RuntimeException failed(Path out, String what, IOException e) {
        String msg = "importing " + what + " into it failed, nothing was written: " + DatasetFetcher.describe(e);
        return e instanceof AccessDeniedException || e instanceof NoSuchFileException
                ? new DatasetException(out, msg, e) : new UncheckedIOException(out + ": " + msg, e);
    }

    /** File name to SHA-256 of the files an import wrote into {@code dir} (empty if none). */
    static Map<String, String> readImported(Path dir) {
        return DatasetFetcher.readSums(dir.resolve(IMPORTED_SUMS));
    }

    /** The first line of the manifest that begins with {@code key: }, without the key, or {@code null}. */
    static String manifestField(Path dir, String key) {
        try (Stream<String> lines = Files.lines(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2)).findFirst()
                    .orElse(null);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private static void checkLayout(Path from) {
        if (!Files.isDirectory(from)) {
            String name = from.getFileName() == null ? "" : from.getFileName().toString();
            throw new DatasetException(from, Files.exists(from) ? "is not a directory; give the notMNIST folder that "
                    + "holds the letter folders A ... J" + (name.endsWith(".tar.gz") || name.endsWith(".tar")
                    ? " (unpack it first: tar xf " + name + ")" : "") : "does not exist");
        }
        List<String> missing = new ArrayList<>();
        for (String letter : NOTMNIST_CLASSES) {
            if (!Files.isDirectory(from.resolve(letter))) {
                missing.add(letter);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String hint = "";
        try (Stream<Path> list = Files.list(from)) {
            List<Path> subs = list.filter(Files::isDirectory).sorted().toList();
            for (Path sub : subs) {
                if (NOTMNIST_CLASSES.stream().allMatch(l -> Files.isDirectory(sub.resolve(l)))) {
                    hint = "; " + sub + " does: give --from " + sub;
                    break;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // unreadable: the message below says what is missing
        }
        throw new DatasetException(from, "is not notMNIST's layout: it has no letter folder" + (missing.size() > 1 ? "s "
                : " ") + String.join(", ", missing) + " (notMNIST_small and notMNIST_large hold one folder per letter, "
                + "A ... J, of 28x28 PNG images)" + hint);
    }

    /** An output folder must be new (or empty): nothing already there is replaced. */
    private static void checkOutput(Path out) {
        if (Files.isDirectory(out)) {
            try (Stream<Path> list = Files.list(out)) {
                if (list.findAny().isEmpty()) {
                    return;
                }
            } catch (IOException e) {
                throw new DatasetException(out, "cannot be read: " + DatasetFetcher.describe(e), e);
            }
            throw new DatasetException(out, "already exists and is not empty; nothing was overwritten (delete it to "
                    + "import again, or give another --data-dir)");
        }
        if (Files.exists(out)) {
            throw new DatasetException(out, "exists and is not a directory; nothing was overwritten");
        }
    }

    private static Path temporarySibling(Path out) {
        Path parent = out.toAbsolutePath().normalize().getParent();
        try {
            Files.createDirectories(parent);
            // createDirectory, not createTempDirectory: the folder renamed into place gets the user's usual
            // permissions (umask), not the owner-only ones of a temporary directory
            for (int attempt = 0; ; attempt++) {
                Path tmp = parent.resolve("." + out.getFileName() + ".import-" + ProcessHandle.current().pid() + "-"
                        + System.nanoTime());
                try {
                    return Files.createDirectory(tmp);
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 100) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new DatasetException(parent, "cannot write the import there: " + DatasetFetcher.describe(e), e);
        }
    }

    /** Writes the sums and the manifest, then renames the folder into place (an empty {@code out} is replaced). */
    private static Map<String, String> finish(Path tmp, Path out, List<String> about) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder();
        for (String name : IDX_NAMES) {
            String sha = FileHashes.sha256Uncached(tmp.resolve(name));
            sums.put(name, sha);
            sb.append(sha).append("  ").append(name).append('\n');
        }
        Files.writeString(tmp.resolve(IMPORTED_SUMS), sb, StandardCharsets.UTF_8);
        for (String name : IDX_NAMES) { // so that a copy gunzipped in place stays verified
            ContentRecord.record(tmp.resolve(name));
        }
        List<String> lines = new ArrayList<>(about);
        lines.add("files written (SHA-256, also in " + IMPORTED_SUMS + "):");
        sums.forEach((n, h) -> lines.add("  " + h + "  " + n));
        lines.add("check them in this folder: " + CHECK);
        Files.write(tmp.resolve(MANIFEST), lines, StandardCharsets.UTF_8);
        checkOutput(out); // again: another process may have filled it meanwhile
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            throw new DatasetException(out, "was filled while importing; nothing was overwritten", e);
        }
        return sums;
    }

    /** Gzip-compressed IDX files of {@code count} 28×28 images (their bytes in {@code raw}) and their labels. */
    private static void writeIdx(Path dir, String imagesName, String labelsName, Path raw, int count, byte[] labels)
            throws IOException {
        try (DataOutputStream o = gzip(dir.resolve(imagesName)); InputStream in = Files.newInputStream(raw)) {
            o.writeInt(0x00000803);
            o.writeInt(count);
            o.writeInt(SIDE);
            o.writeInt(SIDE);
            in.transferTo(o);
        }
        try (DataOutputStream o = gzip(dir.resolve(labelsName))) {
            o.writeInt(0x00000801);
            o.writeInt(count);
            o.write(labels, 0, count);
        }
    }

    private static DataOutputStream gzip(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
                1 << 16));
    }

    /**
     * The 784 pixels of a 28×28 grayscale image, as stored: a gray image's samples (scaled to 0-255 from its bit
     * depth; an alpha channel is ignored), or a colour image's whose red, green and blue agree. Nothing is resized.
     */
    static byte[] grayscale(BufferedImage img, Path file) {
        if (img.getWidth() != SIDE || img.getHeight() != SIDE) {
            throw new DatasetException(file, "is " + img.getWidth() + "x" + img.getHeight() + " pixels; notMNIST's "
                    + "images are 28x28 and the import does not resize");
        }
        byte[] out = new byte[PIXELS];
        Raster r = img.getRaster();
        ColorModel cm = img.getColorModel();
        if (!(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            int max = (1 << cm.getComponentSize(0)) - 1;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int v = r.getSample(x, y, 0);
                    out[y * SIDE + x] = (byte) (max == 255 ? v : Math.round(v * 255.0 / max));
                }
            }
            return out;
        }
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int rgb = img.getRGB(x, y);
                int red = (rgb >> 16) & 0xff;
                int green = (rgb >> 8) & 0xff;
                int blue = rgb & 0xff;
                if (red != green || green != blue) {
                    throw new DatasetException(file, "is a colour image (pixel " + x + "," + y + " is RGB " + red + ","
                            + green + "," + blue + "); notMNIST's images are grayscale");
                }
                out[y * SIDE + x] = (byte) red;
            }
        }
        return out;
    }

    /** An array read from a {@code .npy} entry: unsigned bytes in C order. */
    private record Npy(int[] shape, byte[] data) {
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /**
     * The array {@code arr_0} of a {@code .npz} file ({@code np.savez} or {@code np.savez_compressed} of one array),
     * unsigned bytes only: the NumPy format (magic {@code \x93NUMPY}, version, little-endian header length, a Python
     * dict literal with {@code descr}, {@code fortran_order}, {@code shape}). somnus-experiment's {@code Npz} reads
     * the types Somnus writes; this module does not depend on it, and KMNIST needs {@code |u1} alone.
     */
    private static Npy readNpzArr0(Path file) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            ZipEntry entry;
            List<String> names = new ArrayList<>();
            while ((entry = zip.getNextEntry()) != null) {
                names.add(entry.getName());
                if (entry.getName().equals("arr_0.npy")) {
                    return readNpy(file, new DataInputStream(zip));
                }
            }
            throw new DatasetException(file, names.isEmpty() ? "is not a NumPy .npz file (not a zip archive)"
                    : "holds no arr_0.npy (it holds " + String.join(", ", names) + "); KMNIST's .npz files hold arr_0");
        } catch (ZipException | EOFException e) {
            throw new DatasetException(file, "is not a whole NumPy .npz file (" + e.getMessage() + ")", e);
        }
    }

    private static Npy readNpy(Path file, DataInputStream in) throws IOException {
        byte[] magic = new byte[6];
        in.readFully(magic);
        if (!new String(magic, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY") || magic[0] != (byte) 0x93) {
            throw new DatasetException(file, "arr_0.npy is not a NumPy .npy array (no \\x93NUMPY magic)");
        }
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        int headerLength = major == 1 ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                : Integer.reverseBytes(in.readInt());
        if (major < 1 || major > 3 || headerLength < 0 || headerLength > 1 << 20) {
            throw new DatasetException(file, "arr_0.npy: unsupported .npy version " + major);
        }
        byte[] headerBytes = new byte[headerLength];
        in.readFully(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new DatasetException(file, "arr_0.npy has an unreadable header: " + header.strip());
        }
        if (!descr.group(1).equals("|u1") && !descr.group(1).equals("<u1") && !descr.group(1).equals(">u1")) {
            throw new DatasetException(file, "arr_0 holds '" + descr.group(1) + "'; KMNIST's arrays are unsigned "
                    + "bytes ('|u1', uint8)");
        }
        if (fortran.group(1).equals("True")) { // not how KMNIST is published; not worth a reordering nobody tests
            throw new DatasetException(file, "arr_0 is stored in Fortran order; KMNIST's are in C order (save it "
                    + "with np.savez(path, np.ascontiguousarray(a)))");
        }
        List<Integer> dims = new ArrayList<>();
        for (String p : shapeText.group(1).split(",")) {
            if (!p.isBlank()) {
                try {
                    dims.add(Integer.parseInt(p.strip()));
                } catch (NumberFormatException e) {
                    throw new DatasetException(file, "arr_0.npy has an unreadable shape (" + shapeText.group(1) + ")");
                }
            }
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new DatasetException(file, "arr_0 of " + size + " elements is too large");
        }
        byte[] data = new byte[(int) size];
        try {
            in.readFully(data);
        } catch (EOFException e) {
            throw new DatasetException(file, "arr_0.npy is cut short: shape " + Arrays.toString(shape)
                    + " needs " + size + " bytes", e);
        }
        return new Npy(shape, data);
    }

    private static List<Path> regularFiles(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            // sorted by name (as Strings: the same order on every file system), so that the split depends on the names
            return list.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new DatasetException(dir, "cannot be listed: " + DatasetFetcher.describe(e), e);
        }
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** The first skipped file of a letter's folder, with why (the skipped lines are sorted by path). */
    private static String firstSkipped(List<String> skipped, String letter) {
        return skipped.stream().sorted().filter(l -> l.startsWith(letter + "/") || l.startsWith(letter + "\\"))
                .findFirst().orElse("?");
    }

    private static String classCounts(List<List<Path>> byClass) {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < byClass.size(); c++) {
            parts.add(NOTMNIST_CLASSES.get(c) + " " + byClass.get(c).size());
        }
        return String.join(", ", parts);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a leftover hidden folder is harmless; the import's outcome stands
        }
    }

    /** The SHA-256 of a source listing's lines, each ended by a newline (the manifest's source listing SHA-256). */
    private static String listingSha(List<String> listing) {
        return FileHashes.hex(FileHashes.newDigest().digest((String.join("\n", listing) + "\n")
                .getBytes(StandardCharsets.UTF_8)));
    }
}
