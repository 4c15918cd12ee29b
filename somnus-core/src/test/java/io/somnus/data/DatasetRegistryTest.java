package io.somnus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.somnus.data.DatasetStatus.Availability;
import io.somnus.data.DatasetStatus.Verification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRegistryTest {
    private static final Path DEBIAN_FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Downloader NO_DOWNLOAD = (uri, target) -> {
        throw new AssertionError("unexpected download of " + uri);
    };

    @TempDir
    Path tmp;

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private DatasetLocations cacheOnly() {
        return new DatasetLocations(tmp.resolve("cache"), List.of());
    }

    private DatasetRegistry builtIn(DatasetLocations loc, Downloader d) {
        return new DatasetRegistry(DatasetCatalog.builtIn(), loc, d);
    }

    /** A 10-class 28x28 dataset "tiny" whose files are the given bytes, downloadable from {@code bases}. */
    private static DatasetDescriptor tiny(DownloadSource source, String trainImagesSha, long trainImagesSize,
                                          String trainLabelsSha, long trainLabelsSize) {
        SplitFiles train = new SplitFiles(new DatasetFile("train-images-idx3-ubyte", trainImagesSize, trainImagesSha),
                new DatasetFile("train-labels-idx1-ubyte", trainLabelsSize, trainLabelsSha));
        SplitFiles test = new SplitFiles(new DatasetFile("t10k-images-idx3-ubyte", -1, null),
                new DatasetFile("t10k-labels-idx1-ubyte", -1, null));
        return new DatasetDescriptor("tiny", "tiny", DatasetDescriptor.Kind.IDX, 10, 28, 28, 0, false, train, test,
                source, "");
    }

    // ---- lookup order ----

    @Test
    void namesAreTheDocumentedOnes() {
        assertEquals(List.of("mnist", "fashion-mnist", "kmnist", "emnist-balanced", "emnist-byclass", "emnist-bymerge",
                "emnist-digits", "emnist-letters", "emnist-mnist", "notmnist", "geomfig", "geomfig-authors"),
                new DatasetRegistry().names());
    }

    @Test
    void unknownNameListsKnownOnes() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> builtIn(cacheOnly(), NO_DOWNLOAD).load("mnits", Split.TRAIN, null));
        assertTrue(e.getMessage().contains("'mnits'") && e.getMessage().contains("fashion-mnist"), e.getMessage());
    }

    /** Synthetic files stand in for real datasets here: they match no published checksum. */
    private static final LoadOptions SYNTHETIC = LoadOptions.DEFAULTS.withAllowUnverified(true);

    @Test
    void explicitDirectoryComesBeforeCacheAndAcceptsRawFiles() {
        Path explicit = tmp.resolve("mine");
        IdxBytes.writeMnistSplit(explicit, "train", 3, false);
        IdxBytes.writeMnistSplit(cacheOnly().cacheDir("mnist"), "train", 5, true);
        DatasetRegistry r = builtIn(cacheOnly(), NO_DOWNLOAD);
        assertEquals(3, r.load("mnist", Split.TRAIN, explicit, SYNTHETIC).size());
        assertEquals(5, r.load("mnist", Split.TRAIN, null, SYNTHETIC).size());
        // a sub-folder named after the dataset also counts as explicit
        IdxBytes.writeMnistSplit(tmp.resolve("all").resolve("mnist"), "train", 4, true);
        assertEquals(4, r.load("mnist", Split.TRAIN, tmp.resolve("all"), SYNTHETIC).size());
    }

    /**
     * loadFromLocations reads where load with no folder looks (the cache here, not a folder elsewhere), for a dataset
     * read from files and a generated one, and passes the options on.
     */
    @Test
    void loadFromLocationsReadsWhereLoadWithNoFolderLooks() {
        IdxBytes.writeMnistSplit(tmp.resolve("elsewhere"), "train", 3, false);
        IdxBytes.writeMnistSplit(cacheOnly().cacheDir("mnist"), "train", 5, true);
        DatasetRegistry r = builtIn(cacheOnly(), NO_DOWNLOAD);
        LabeledImages found = r.loadFromLocations("mnist", Split.TRAIN, SYNTHETIC);
        assertEquals(5, found.size());
        assertEquals(r.load("mnist", Split.TRAIN, null, SYNTHETIC), found);
        assertEquals(2, r.loadFromLocations("mnist", Split.TRAIN, SYNTHETIC.withLimit(2)).size());
        assertEquals(r.load("geomfig", Split.TEST, null, new LoadOptions(4, 9, 0)),
                r.loadFromLocations("geomfig", Split.TEST, new LoadOptions(4, 9, 0)));
        assertEquals(9 * 9, r.loadFromLocations("geomfig", Split.TEST, new LoadOptions(4, 9, 0)).pixels());
    }

    @Test
    void anImageSizeAskedOfFilesIsRefusedNamingPreprocess() {
        Path explicit = tmp.resolve("sized");
        IdxBytes.writeMnistSplit(explicit, "train", 3, false);
        DatasetRegistry r = builtIn(cacheOnly(), NO_DOWNLOAD);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.load("mnist", Split.TRAIN, explicit, new LoadOptions(3, 15, 0, true)));
        assertTrue(e.getMessage().contains("imageSize 15") && e.getMessage().contains("28×28")
                && e.getMessage().contains("Preprocess"), e.getMessage());
        assertEquals(28 * 28, r.load("mnist", Split.TRAIN, explicit, SYNTHETIC).pixels());
        assertEquals(15 * 15, r.load("geomfig", Split.TRAIN, null, new LoadOptions(2, 15, 0)).pixels());
    }

    /**
     * A --data-dir holding the datasets as torchvision lays them out (ROOT/MNIST/raw, ROOT/FashionMNIST/raw,
     * ROOT/EMNIST/raw) or NIST's EMNIST archive extracted (ROOT/gzip, ROOT/emnist/gzip): each dataset is found in its
     * folder, as if named. They used to be "not found" (only ROOT and ROOT/mnist were looked in, case and all); a
     * folder of another dataset is not taken for it.
     */
    @Test
    void aDataDirLaidOutAsTorchvisionOrTheEmnistArchiveDoesIsSearched() throws Exception {
        DatasetRegistry r = builtIn(cacheOnly(), NO_DOWNLOAD);
        Path tv = tmp.resolve("torchvision");
        IdxBytes.writeMnistSplit(tv.resolve("MNIST").resolve("raw"), "train", 3, true);
        IdxBytes.writeMnistSplit(tv.resolve("FashionMNIST").resolve("raw"), "t10k", 4, false);
        IdxBytes.writeMnistSplit(tv.resolve("EMNIST").resolve("raw"), "emnist-digits-train", 5, false);
        assertEquals(3, r.load("mnist", Split.TRAIN, tv, SYNTHETIC).size());
        assertEquals(4, r.load("fashion-mnist", Split.TEST, tv, SYNTHETIC).size());
        assertEquals(5, r.load("emnist-digits", Split.TRAIN, tv, SYNTHETIC).size());
        DatasetException other = assertThrows(DatasetException.class, () -> r.load("kmnist", Split.TRAIN, tv, SYNTHETIC));
        assertTrue(other.getMessage().contains("not found"), other.getMessage());

        Path nist = tmp.resolve("nist");
        IdxBytes.writeMnistSplit(nist.resolve("gzip"), "emnist-digits-test", 6, true);
        assertEquals(6, r.load("emnist-digits", Split.TEST, nist, SYNTHETIC).size());
        Path nested = tmp.resolve("nested");
        IdxBytes.writeMnistSplit(nested.resolve("emnist").resolve("gzip"), "emnist-digits-test", 7, true);
        assertEquals(7, r.load("emnist-digits", Split.TEST, nested, SYNTHETIC).size());
        assertThrows(DatasetException.class, () -> r.load("mnist", Split.TEST, nist, SYNTHETIC), "gzip/ is EMNIST's only");
        // somnus datasets --data-dir finds them there too
        List<DatasetStatus.FileStatus> listed = r.status(tv, false).stream()
                .filter(st -> st.name().equals("emnist-digits")).findFirst().orElseThrow().files();
        assertEquals(2, listed.size(), listed.toString());
        assertEquals(tv.resolve("EMNIST").resolve("raw"), listed.get(0).file().getParent());
    }

    /** An explicit directory is the only place looked in: lacking files there is an error, not a fallback. */
    @Test
    void anExplicitDirectoryLackingTheFilesIsAnErrorNotAFallback() throws Exception {
        IdxBytes.writeMnistSplit(cacheOnly().cacheDir("mnist"), "train", 5, true);
        DatasetRegistry r = builtIn(cacheOnly(), NO_DOWNLOAD);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        DatasetException none = assertThrows(DatasetException.class, () -> r.load("mnist", Split.TRAIN, empty, SYNTHETIC));
        assertTrue(none.getMessage().contains("into " + empty) && none.getMessage().contains("train-images-idx3-ubyte.gz")
                && none.getMessage().contains("only place looked in"), none.getMessage());
        Path half = tmp.resolve("half");
        IdxBytes.writeMnistSplit(half, "train", 3, true);
        Files.delete(half.resolve("train-labels-idx1-ubyte.gz"));
        DatasetException one = assertThrows(DatasetException.class, () -> r.load("mnist", Split.TRAIN, half, SYNTHETIC));
        assertTrue(one.getMessage().contains("but not train-labels-idx1-ubyte.gz"), one.getMessage());
        Files.createDirectories(half.resolve("train-labels-idx1-ubyte.gz"));
        DatasetException dir = assertThrows(DatasetException.class, () -> r.load("mnist", Split.TRAIN, half, SYNTHETIC));
        assertTrue(dir.getMessage().contains(half.resolve("train-labels-idx1-ubyte.gz") + " is a directory"), dir.getMessage());
    }

    /** Files that match no published checksum (another dataset, a conversion) are refused unless allowed, then recorded. */
    @Test
    void filesMatchingNoPublishedChecksumAreRefusedUnlessAllowedAndThenRecorded() {
        Path dir = tmp.resolve("not-mnist-really");
        IdxBytes.writeMnistSplit(dir, "train", 3, true);
        DatasetRegistry r = builtIn(cacheOnly(), NO_DOWNLOAD);
        DatasetException e = assertThrows(DatasetException.class, () -> r.load("mnist", Split.TRAIN, dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("train-images-idx3-ubyte.gz") + ": does not match the published mnist file")
                && e.getMessage().contains("--allow-unverified-data"), e.getMessage());
        LabeledImages ok = r.load("mnist", Split.TRAIN, dir, SYNTHETIC);
        assertEquals(2, ok.sources().size());
        assertTrue(ok.sources().stream().allMatch(f -> f.verification() == DatasetStatus.Verification.MISMATCH
                && f.file().startsWith(dir)), ok.sources().toString());
        assertEquals(2, ok.head(2).sources().size(), "subsets keep their sources");
    }

    @Test
    void explicitDirectoryMustExist() {
        Path nowhere = tmp.resolve("does-not-exist");
        DatasetException e = assertThrows(DatasetException.class,
                () -> builtIn(cacheOnly(), NO_DOWNLOAD).load("mnist", Split.TEST, nowhere));
        assertTrue(e.getMessage().contains(nowhere.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void cacheRootFollowsEnvironment() {
        assertEquals(Path.of("/data/x/mnist"),
                DatasetLocations.fromEnvironment(Map.of("SOMNUS_DATA_HOME", "/data/x"), "/home/u").cacheDir("mnist"));
        assertEquals(Path.of("/home/u/.cache/somnus/datasets/kmnist"),
                DatasetLocations.fromEnvironment(Map.of(), "/home/u").cacheDir("kmnist"));
        assertEquals(Path.of("/xdg/somnus/datasets/kmnist"),
                DatasetLocations.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg"), "/home/u").cacheDir("kmnist"));
    }

    @Test
    void systemLocationIsSearchedAfterCache() {
        Path system = tmp.resolve("usr-share-datasets");
        IdxBytes.writeMnistSplit(system.resolve("kmnist"), "t10k", 2, true);
        DatasetRegistry r = builtIn(new DatasetLocations(tmp.resolve("cache"), List.of(system)), NO_DOWNLOAD);
        assertEquals(2, r.load("kmnist", Split.TEST, null, SYNTHETIC).size());
        IdxBytes.writeMnistSplit(tmp.resolve("cache").resolve("kmnist"), "t10k", 6, false);
        assertEquals(6, r.load("kmnist", Split.TEST, null, SYNTHETIC).size());
    }

    @Test
    void emnistFilesAreTransposedAndLettersShifted() {
        Path dir = tmp.resolve("emnist");
        byte[] px = new byte[784];
        px[5 * 28 + 2] = (byte) 255; // stored (column-major) element c=5, r=2
        byte[] labels = {1, 26};
        IdxBytes.write(dir, "emnist-letters-test-images-idx3-ubyte.gz",
                IdxBytes.gzip(IdxBytes.images(2, 28, 28, IdxBytes.concat(px, px))));
        IdxBytes.write(dir, "emnist-letters-test-labels-idx1-ubyte.gz", IdxBytes.gzip(IdxBytes.labels(labels)));
        LabeledImages d = builtIn(cacheOnly(), NO_DOWNLOAD).load("emnist-letters", Split.TEST, dir, SYNTHETIC);
        assertEquals(1f, d.images()[0][2 * 28 + 5], 0f); // pixel row 2, column 5
        assertEquals(0f, d.images()[0][5 * 28 + 2], 0f);
        assertArrayEquals(new int[]{0, 25}, d.labels());
        assertEquals(26, d.numClasses());
    }

    // ---- the Debian package ----

    @Test
    void loadsDebianFashionMnist() throws Exception {
        Path images = DEBIAN_FASHION.resolve("t10k-images-idx3-ubyte.gz");
        assumeTrue(Files.isRegularFile(images), "Debian package dataset-fashion-mnist not installed");
        DatasetRegistry r = builtIn(new DatasetLocations(tmp.resolve("cache"), DatasetLocations.DEFAULT_SYSTEM_ROOTS), NO_DOWNLOAD);
        LabeledImages test = r.load("fashion-mnist", Split.TEST, null);
        assertEquals(10_000, test.size());
        assertEquals(28, test.height());
        int[] perClass = new int[10];
        for (int l : test.labels()) {
            perClass[l]++;
        }
        int[] thousandEach = new int[10];
        Arrays.fill(thousandEach, 1000); // Fashion-MNIST's test set is balanced: 1000 per class
        assertArrayEquals(thousandEach, perClass);
        // one image against an independent decompression of the raw bytes
        byte[] raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(images))) {
            raw = in.readAllBytes();
        }
        int k = 1234;
        for (int p = 0; p < 784; p++) {
            assertEquals((raw[16 + k * 784 + p] & 0xff) / 255f, test.images()[k][p], 0f);
        }
        assertEquals(sha256(Files.readAllBytes(images)), test.sha256().get("t10k-images-idx3-ubyte.gz"));
        assertEquals(100, r.load("fashion-mnist", Split.TEST, null, LoadOptions.DEFAULTS.withLimit(100)).size());
    }

    @Test
    void statusVerifiesDebianFashionMnistByContent() {
        assumeTrue(Files.isRegularFile(DEBIAN_FASHION.resolve("train-images-idx3-ubyte.gz")),
                "Debian package dataset-fashion-mnist not installed");
        DatasetRegistry r = builtIn(new DatasetLocations(tmp.resolve("cache"), DatasetLocations.DEFAULT_SYSTEM_ROOTS), NO_DOWNLOAD);
        DatasetStatus fashion = r.status(null, true).stream().filter(s -> s.name().equals("fashion-mnist")).findFirst().orElseThrow();
        assertEquals(Availability.FOUND, fashion.availability());
        assertEquals(4, fashion.files().size());
        for (DatasetStatus.FileStatus f : fashion.files()) {
            assertEquals(Verification.VERIFIED, f.verification(), f.file() + ": " + f.detail());
        }
    }

    // ---- status ----

    @Test
    void statusReportsEveryDatasetWithoutDownloading() throws Exception {
        Path explicit = tmp.resolve("given");
        IdxBytes.writeMnistSplit(explicit.resolve("notmnist"), "train", 2, true);
        IdxBytes.writeMnistSplit(explicit.resolve("mnist"), "train", 2, true);
        IdxBytes.writeMnistSplit(explicit.resolve("mnist"), "t10k", 2, false);
        List<DatasetStatus> all = builtIn(cacheOnly(), NO_DOWNLOAD).status(explicit, true);
        assertEquals(new DatasetRegistry().names(), all.stream().map(DatasetStatus::name).toList());
        Map<String, DatasetStatus> by = new HashMap<>();
        all.forEach(s -> by.put(s.name(), s));
        assertEquals(Availability.FOUND, by.get("mnist").availability());
        // our synthetic gzip files are not the published ones; raw copies have no reference checksum
        Map<String, Verification> v = new HashMap<>();
        by.get("mnist").files().forEach(f -> v.put(f.file().getFileName().toString(), f.verification()));
        assertEquals(Verification.MISMATCH, v.get("train-images-idx3-ubyte.gz"));
        assertEquals(Verification.NO_REFERENCE, v.get("t10k-images-idx3-ubyte"));
        assertEquals(Availability.PARTIAL, by.get("notmnist").availability());
        assertTrue(by.get("notmnist").detail().contains("t10k-images-idx3-ubyte.gz"), by.get("notmnist").detail());
        assertEquals(Availability.DOWNLOADABLE, by.get("kmnist").availability());
        assertEquals(Availability.PROCEDURAL, by.get("geomfig").availability());
        for (DatasetStatus.FileStatus f : by.get("mnist").files()) {
            assertEquals(sha256(Files.readAllBytes(f.file())), f.sha256());
        }
    }

    @Test
    void statusReportsUnreadableFileInsteadOfFailing() {
        Path explicit = tmp.resolve("given");
        IdxBytes.writeMnistSplit(explicit.resolve("fashion-mnist"), "t10k", 2, true);
        byte[] broken = IdxBytes.gzip(IdxBytes.images(2, 28, 28, new byte[2 * 784]));
        IdxBytes.write(explicit.resolve("fashion-mnist"), "t10k-images-idx3-ubyte.gz",
                Arrays.copyOf(broken, broken.length - 12));
        DatasetStatus fashion = builtIn(cacheOnly(), NO_DOWNLOAD).status(explicit, true).stream()
                .filter(s -> s.name().equals("fashion-mnist")).findFirst().orElseThrow();
        DatasetStatus.FileStatus images = fashion.files().stream()
                .filter(f -> f.file().getFileName().toString().startsWith("t10k-images")).findFirst().orElseThrow();
        assertEquals(Verification.MISMATCH, images.verification());
        assertTrue(images.detail().contains("corrupt gzip") && images.detail().contains(images.file().toString()),
                images.detail());
    }

    /** A damaged gzip file whose content Somnus recorded is listed as not matching; the listing goes on. */
    @Test
    void statusListsADamagedFileWithARecordedContentInsteadOfFailing() throws Exception {
        Path dir = tmp.resolve("given").resolve("mnist");
        IdxBytes.writeMnistSplit(dir, "t10k", 2, true);
        byte[] whole = IdxBytes.gzip(IdxBytes.images(2, 28, 28, new byte[2 * 784]));
        IdxBytes.write(dir, "t10k-images-idx3-ubyte.gz", Arrays.copyOf(whole, whole.length - 12));
        Files.writeString(dir.resolve(ContentRecord.FILE), sha256(IdxBytes.images(2, 28, 28, new byte[2 * 784]))
                + "  t10k-images-idx3-ubyte\n");
        DatasetStatus mnist = builtIn(cacheOnly(), NO_DOWNLOAD).status(tmp.resolve("given"), true).stream()
                .filter(s -> s.name().equals("mnist")).findFirst().orElseThrow();
        DatasetStatus.FileStatus images = mnist.files().stream()
                .filter(f -> f.file().getFileName().toString().startsWith("t10k-images")).findFirst().orElseThrow();
        assertEquals(Verification.MISMATCH, images.verification());
        assertTrue(images.detail().contains("corrupt gzip") && images.detail().contains(images.file().toString()),
                images.detail());
    }

    // ---- download ----

    private static byte[] tinyImages() {
        return IdxBytes.gzip(IdxBytes.images(3, 28, 28, IdxBytes.pattern(3 * 784)));
    }

    private static byte[] tinyLabels() {
        return IdxBytes.gzip(IdxBytes.labels((byte) 7, (byte) 8, (byte) 9));
    }

    private static HttpServer serve(Map<String, byte[]> files, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] body = files.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        return server;
    }

    private static URI base(HttpServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort() + path);
    }

    private void assertNoPartFiles() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            assertFalse(all.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "temporary files left behind");
        }
    }

    @Test
    void downloadsOverHttpVerifiesAndCaches() throws Exception {
        byte[] img = tinyImages();
        byte[] lab = tinyLabels();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = serve(Map.of("/m/train-images-idx3-ubyte.gz", img, "/m/train-labels-idx1-ubyte.gz", lab), requests);
        try {
            DatasetDescriptor d = tiny(new DownloadSource.Mirrors(List.of(base(server, "/m/"))),
                    sha256(img), img.length, sha256(lab), lab.length);
            DatasetRegistry r = new DatasetRegistry(List.of(d), cacheOnly(), new UrlDownloader());
            LabeledImages data = r.load("tiny", Split.TRAIN, null);
            assertArrayEquals(new int[]{7, 8, 9}, data.labels());
            assertEquals(sha256(img), data.sha256().get("train-images-idx3-ubyte.gz"));
            assertArrayEquals(img, Files.readAllBytes(cacheOnly().cacheDir("tiny").resolve("train-images-idx3-ubyte.gz")));
            assertEquals(2, requests.get());
            r.load("tiny", Split.TRAIN, null); // now from the cache
            assertEquals(2, requests.get());
            assertNoPartFiles();
        } finally {
            server.stop(0);
        }
    }

    /**
     * A verified download decompressed in place (gunzip: the .gz is gone), or compressed again, is still the published
     * content: the content SHA-256 recorded at the download verifies it. It used to be "uncompressed copy; only the
     * published .gz file's checksum is known", refused without --allow-unverified-data. A changed byte is refused.
     */
    @Test
    void aVerifiedDownloadDecompressedOrCompressedAgainInPlaceStaysVerified() throws Exception {
        byte[] img = tinyImages();
        byte[] lab = tinyLabels();
        HttpServer server = serve(Map.of("/m/train-images-idx3-ubyte.gz", img, "/m/train-labels-idx1-ubyte.gz", lab),
                new AtomicInteger());
        DatasetDescriptor d;
        try {
            d = tiny(new DownloadSource.Mirrors(List.of(base(server, "/m/"))), sha256(img), img.length, sha256(lab),
                    lab.length);
            new DatasetRegistry(List.of(d), cacheOnly(), new UrlDownloader()).load("tiny", Split.TRAIN, null);
        } finally {
            server.stop(0);
        }
        Path dir = cacheOnly().cacheDir("tiny");
        byte[] raw = IdxBytes.images(3, 28, 28, IdxBytes.pattern(3 * 784)); // what tinyImages() compressed
        assertEquals(sha256(raw) + "  train-images-idx3-ubyte\n" + sha256(IdxBytes.labels((byte) 7, (byte) 8, (byte) 9))
                + "  train-labels-idx1-ubyte\n", Files.readString(dir.resolve(ContentRecord.FILE)));

        DatasetRegistry offline = new DatasetRegistry(List.of(d), cacheOnly(), NO_DOWNLOAD);
        Files.delete(dir.resolve("train-images-idx3-ubyte.gz")); // gunzip
        Path gunzipped = Files.write(dir.resolve("train-images-idx3-ubyte"), raw);
        LabeledImages data = offline.load("tiny", Split.TRAIN, null);
        assertArrayEquals(new int[]{7, 8, 9}, data.labels());
        DatasetStatus.FileStatus images = data.sources().get(0);
        assertEquals(Verification.VERIFIED, images.verification(), images.detail());
        assertEquals("SHA-256 of the decompressed content is the one recorded when Somnus verified or made "
                + "train-images-idx3-ubyte.gz (SHA256SUMS.content)", images.detail());

        // compressed again (other gzip bytes than the published file's): the content still decides
        Files.delete(gunzipped);
        byte[] again = IdxBytes.concat(IdxBytes.gzip(raw));
        again[9] = 3; // the gzip header's operating system byte: Unix, unlike Java's
        assertNotEquals(sha256(img), sha256(again));
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), again);
        assertEquals(Verification.VERIFIED, offline.load("tiny", Split.TRAIN, null).sources().get(0).verification());

        // another content under the name is not the one recorded
        Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));
        byte[] changed = raw.clone();
        changed[16] = 1;
        Files.write(gunzipped, changed);
        // digests are cached per modification time and size: another time, as a later edit would have
        Files.setLastModifiedTime(gunzipped, FileTime.fromMillis(1_000_000L));
        DatasetException e = assertThrows(DatasetException.class, () -> offline.load("tiny", Split.TRAIN, null));
        assertTrue(e.getMessage().contains("SHA-256 of the decompressed content is " + sha256(changed) + ", not the "
                + sha256(raw) + " recorded when Somnus verified or made train-images-idx3-ubyte.gz"), e.getMessage());
    }

    @Test
    void fetchDownloadsBothSplitsVerifiedIntoTheCacheOnce() throws Exception {
        byte[] img = tinyImages();
        byte[] lab = tinyLabels();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = serve(Map.of("/m/train-images-idx3-ubyte.gz", img, "/m/train-labels-idx1-ubyte.gz", lab,
                "/m/t10k-images-idx3-ubyte.gz", img, "/m/t10k-labels-idx1-ubyte.gz", lab), requests);
        try {
            DatasetFile images = new DatasetFile("x", img.length, sha256(img));
            DatasetFile labels = new DatasetFile("x", lab.length, sha256(lab));
            DatasetDescriptor d = new DatasetDescriptor("tiny", "tiny", DatasetDescriptor.Kind.IDX, 10, 28, 28, 0, false,
                    new SplitFiles(rename(images, "train-images-idx3-ubyte"), rename(labels, "train-labels-idx1-ubyte")),
                    new SplitFiles(rename(images, "t10k-images-idx3-ubyte"), rename(labels, "t10k-labels-idx1-ubyte")),
                    new DownloadSource.Mirrors(List.of(base(server, "/m/"))), "");
            DatasetRegistry r = new DatasetRegistry(List.of(d), cacheOnly(), new UrlDownloader());
            List<DatasetStatus.FileStatus> files = r.fetch("tiny");
            assertEquals(4, files.size());
            for (DatasetStatus.FileStatus f : files) {
                assertEquals(Verification.VERIFIED, f.verification(), f.file() + ": " + f.detail());
                assertEquals(cacheOnly().cacheDir("tiny"), f.file().getParent());
            }
            assertEquals(4, requests.get());
            r.fetch("tiny");
            assertEquals(4, requests.get(), "a second fetch finds them in the cache");
            assertNoPartFiles();
        } finally {
            server.stop(0);
        }
        assertEquals(List.of(), new DatasetRegistry().fetch("geomfig"), "generated: nothing to fetch");
        DatasetException offline = assertThrows(DatasetException.class,
                () -> builtIn(cacheOnly(), (uri, target) -> { throw new IOException("offline"); }).fetch("kmnist"));
        assertTrue(offline.getMessage().contains("dataset 'kmnist' (train split) not found"), offline.getMessage());
    }

    private static DatasetFile rename(DatasetFile f, String name) {
        return new DatasetFile(name, f.size(), f.sha256());
    }

    @Test
    void checksumMismatchIsRejectedAndNotKept() throws Exception {
        byte[] img = tinyImages();
        byte[] lab = tinyLabels();
        HttpServer server = serve(Map.of("/m/train-images-idx3-ubyte.gz", img, "/m/train-labels-idx1-ubyte.gz", lab),
                new AtomicInteger());
        try {
            String wrong = "0".repeat(64);
            DatasetDescriptor d = tiny(new DownloadSource.Mirrors(List.of(base(server, "/m/"))),
                    wrong, img.length, sha256(lab), lab.length);
            DatasetRegistry r = new DatasetRegistry(List.of(d), cacheOnly(), new UrlDownloader());
            DatasetException e = assertThrows(DatasetException.class, () -> r.load("tiny", Split.TRAIN, null));
            String msg = e.getMessage();
            assertTrue(msg.contains("checksum mismatch") && msg.contains(wrong) && msg.contains(sha256(img))
                    && msg.contains("train-images-idx3-ubyte.gz"), msg);
            assertFalse(Files.exists(cacheOnly().cacheDir("tiny").resolve("train-images-idx3-ubyte.gz")));
            assertNoPartFiles();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void sizeOnlyCheckWhenNoChecksumIsKnown() throws Exception {
        byte[] img = tinyImages();
        byte[] lab = tinyLabels();
        Path mirror = IdxBytes.write(tmp.resolve("mirror"), "train-images-idx3-ubyte.gz", img).getParent();
        IdxBytes.write(mirror, "train-labels-idx1-ubyte.gz", lab);
        DatasetDescriptor wrongSize = tiny(new DownloadSource.Mirrors(List.of(mirror.toUri())), null, img.length + 1, null, -1);
        DatasetException e = assertThrows(DatasetException.class,
                () -> new DatasetRegistry(List.of(wrongSize), cacheOnly(), new UrlDownloader()).load("tiny", Split.TRAIN, null));
        assertTrue(e.getMessage().contains(img.length + " bytes, expected " + (img.length + 1)), e.getMessage());
        DatasetDescriptor rightSize = tiny(new DownloadSource.Mirrors(List.of(mirror.toUri())), null, img.length, null, -1);
        assertEquals(3, new DatasetRegistry(List.of(rightSize), cacheOnly(), new UrlDownloader())
                .load("tiny", Split.TRAIN, null, SYNTHETIC).size());
        DatasetException e2 = assertThrows(DatasetException.class,
                () -> new DatasetRegistry(List.of(rightSize), cacheOnly(), new UrlDownloader()).load("tiny", Split.TRAIN, null));
        assertTrue(e2.getMessage().contains("cannot be verified: no published checksum"), e2.getMessage());
    }

    @Test
    void fallsBackToNextMirror() throws Exception {
        byte[] img = tinyImages();
        byte[] lab = tinyLabels();
        Path mirror = IdxBytes.write(tmp.resolve("mirror"), "train-images-idx3-ubyte.gz", img).getParent();
        IdxBytes.write(mirror, "train-labels-idx1-ubyte.gz", lab);
        HttpServer empty = serve(Map.of(), new AtomicInteger());
        try {
            DatasetDescriptor d = tiny(new DownloadSource.Mirrors(List.of(base(empty, "/gone/"), mirror.toUri())),
                    sha256(img), img.length, sha256(lab), lab.length);
            assertEquals(3, new DatasetRegistry(List.of(d), cacheOnly(), new UrlDownloader()).load("tiny", Split.TRAIN, null).size());
        } finally {
            empty.stop(0);
        }
    }

    @Test
    void offlineAndMissingSaysWhichFilesGoWhere() {
        Downloader offline = (uri, target) -> {
            throw new UnknownHostException(uri.getHost());
        };
        DatasetLocations loc = new DatasetLocations(tmp.resolve("cache"), List.of(tmp.resolve("system")));
        DatasetException e = assertThrows(DatasetException.class,
                () -> builtIn(loc, offline).load("mnist", Split.TRAIN, null));
        String msg = e.getMessage();
        for (String part : List.of("dataset 'mnist' (train split) not found", "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz", loc.cacheDir("mnist").toString(), tmp.resolve("system").resolve("mnist").toString(),
                "Download failed", "offline")) {
            assertTrue(msg.contains(part), () -> "lacks '" + part + "': " + msg);
        }
    }

    @Test
    void halfPresentSplitIsPointedOut() {
        Path dir = tmp.resolve("half");
        IdxBytes.write(dir, "t10k-images-idx3-ubyte.gz", tinyImages());
        DatasetException e = assertThrows(DatasetException.class,
                () -> builtIn(cacheOnly(), (u, t) -> {
                    throw new ConnectException();
                }).load("mnist", Split.TEST, dir));
        assertTrue(e.getMessage().contains("not t10k-labels-idx1-ubyte.gz next to it"), e.getMessage());
    }

    @Test
    void extractsSplitFromVerifiedZipArchive() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        byte[] px = new byte[784];
        px[3] = (byte) 255; // stored element 3 = column 0, row 3 (column-major) -> pixel (3, 0)
        try (ZipOutputStream z = new ZipOutputStream(zipped)) {
            z.putNextEntry(new ZipEntry("gzip/train-images-idx3-ubyte.gz"));
            z.write(IdxBytes.gzip(IdxBytes.images(1, 28, 28, px)));
            z.putNextEntry(new ZipEntry("gzip/train-labels-idx1-ubyte.gz"));
            z.write(IdxBytes.gzip(IdxBytes.labels((byte) 4)));
        }
        byte[] zip = zipped.toByteArray();
        Path zipFile = IdxBytes.write(tmp.resolve("server"), "gzip.zip", zip);
        DownloadSource.ZipArchive source = new DownloadSource.ZipArchive(List.of(zipFile.toUri()), "t.zip", zip.length,
                sha256(zip), "gzip/");
        DatasetDescriptor plain = tiny(source, null, -1, null, -1);
        DatasetDescriptor d = new DatasetDescriptor("tiny", "tiny", DatasetDescriptor.Kind.IDX, 10, 28, 28, 0, true,
                plain.train(), plain.test(), source, "");
        LabeledImages data = new DatasetRegistry(List.of(d), cacheOnly(), new UrlDownloader()).load("tiny", Split.TRAIN, null);
        assertEquals(1f, data.images()[0][3 * 28], 0f);
        assertEquals(0f, data.images()[0][3], 0f);
        assertTrue(Files.isRegularFile(cacheOnly().archiveDir().resolve("t.zip")));

        DownloadSource.ZipArchive wrong = new DownloadSource.ZipArchive(List.of(zipFile.toUri()), "u.zip", zip.length,
                "f".repeat(64), "gzip/");
        DatasetDescriptor bad = new DatasetDescriptor("bad", "bad", DatasetDescriptor.Kind.IDX, 10, 28, 28, 0, true,
                plain.train(), plain.test(), wrong, "");
        DatasetException e = assertThrows(DatasetException.class,
                () -> new DatasetRegistry(List.of(bad), cacheOnly(), new UrlDownloader()).load("bad", Split.TRAIN, null));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertFalse(Files.exists(cacheOnly().archiveDir().resolve("u.zip")));
    }

    /** A zip archive holding a one-image train split (label 4) in gzip/, as EMNIST's gzip.zip does. */
    private static byte[] oneImageZip() throws IOException {
        return oneImageZip((byte) 4);
    }

    private static byte[] oneImageZip(byte label) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zipped)) {
            z.putNextEntry(new ZipEntry("gzip/train-images-idx3-ubyte.gz"));
            z.write(IdxBytes.gzip(IdxBytes.images(1, 28, 28, new byte[784])));
            z.putNextEntry(new ZipEntry("gzip/train-labels-idx1-ubyte.gz"));
            z.write(IdxBytes.gzip(IdxBytes.labels(label)));
        }
        return zipped.toByteArray();
    }

    /**
     * Files extracted from the verified archive are listed as verified by status ({@code somnus datasets}, the full
     * study's discovery), as loading accepts them: status used to call them "no reference" (no published checksum of
     * their own), so the study would have taken a downloaded EMNIST for an unverified one.
     */
    @Test
    void statusCallsFilesExtractedFromTheVerifiedArchiveVerifiedAsLoadingDoes() throws Exception {
        byte[] zip = oneImageZip();
        Path zipFile = IdxBytes.write(tmp.resolve("server"), "gzip.zip", zip);
        DownloadSource.ZipArchive source = new DownloadSource.ZipArchive(List.of(zipFile.toUri()), "t.zip", zip.length,
                sha256(zip), "gzip/");
        DatasetDescriptor d = tiny(source, null, -1, null, -1);
        DatasetRegistry r = new DatasetRegistry(List.of(d), cacheOnly(), new UrlDownloader());
        r.load("tiny", Split.TRAIN, null); // downloads and extracts the train split
        List<DatasetStatus.FileStatus> files = r.status(null, true).get(0).files();
        assertEquals(2, files.size(), files.toString());
        for (DatasetStatus.FileStatus f : files) {
            assertEquals(Verification.VERIFIED, f.verification(), f.toString());
        }
        // a file replaced since it was extracted is not the one recorded
        Path labels = Files.write(cacheOnly().cacheDir("tiny").resolve("train-labels-idx1-ubyte.gz"),
                IdxBytes.gzip(IdxBytes.labels((byte) 5)));
        // digests are cached per modification time and size: another time, as a later edit would have
        Files.setLastModifiedTime(labels, FileTime.fromMillis(1_000_000L));
        // (no reference until 7 Dec 2026; now the content recorded at the extraction tells it is another)
        DatasetStatus.FileStatus replaced = r.status(null, true).get(0).files().get(1);
        assertEquals(Verification.MISMATCH, replaced.verification(), replaced.toString());

        // the extracted images decompressed in place: their content is the one recorded at the extraction
        Path dir = cacheOnly().cacheDir("tiny");
        Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxBytes.images(1, 28, 28, new byte[784]));
        DatasetStatus.FileStatus images = r.status(null, true).get(0).files().get(0);
        assertEquals(Verification.VERIFIED, images.verification(), images.toString());
        assertTrue(images.detail().contains(ContentRecord.FILE), images.detail());
    }

    /**
     * An archive a user puts into the cache's archive folder (EMNIST's gzip.zip, to work offline) is checked against
     * the published SHA-256 before anything is extracted from it: another archive under its name is refused, naming
     * it, nothing extracted; the published one is used without a download. It used to be extracted unchecked, and
     * its files then recorded as verified.
     */
    @Test
    void anArchivePutIntoTheCacheIsVerifiedBeforeItsFilesAre() throws Exception {
        byte[] zip = oneImageZip();
        List<URI> nowhere = List.of(URI.create("http://nowhere.invalid/a.zip"));
        DatasetRegistry r = new DatasetRegistry(List.of(tiny(new DownloadSource.ZipArchive(nowhere, "t.zip", zip.length,
                sha256(zip), "gzip/"), null, -1, null, -1)), cacheOnly(), NO_DOWNLOAD);
        // the published size unknown, so that the SHA-256 is what tells another archive (here 1 byte longer) apart
        DatasetRegistry shaOnly = new DatasetRegistry(List.of(tiny(new DownloadSource.ZipArchive(nowhere, "t.zip", -1,
                sha256(zip), "gzip/"), null, -1, null, -1)), cacheOnly(), NO_DOWNLOAD);
        Path placed = cacheOnly().archiveDir().resolve("t.zip");
        IdxBytes.write(cacheOnly().archiveDir(), "t.zip", oneImageZip((byte) 5));
        // digests are cached per modification time and size: each version its own time, as edits apart would have
        Files.setLastModifiedTime(placed, FileTime.fromMillis(1_000_000L));
        DatasetException e = assertThrows(DatasetException.class, () -> shaOnly.load("tiny", Split.TRAIN, null));
        assertTrue(e.getMessage().contains(placed.toString()) && e.getMessage().contains(sha256(zip)), e.getMessage());
        assertFalse(Files.exists(cacheOnly().cacheDir("tiny").resolve("train-labels-idx1-ubyte.gz")), "nothing extracted");

        IdxBytes.write(cacheOnly().archiveDir(), "t.zip", Arrays.copyOf(zip, zip.length - 1));
        e = assertThrows(DatasetException.class, () -> r.load("tiny", Split.TRAIN, null));
        assertTrue(e.getMessage().contains(placed + ": is " + (zip.length - 1) + " bytes"), e.getMessage());

        IdxBytes.write(cacheOnly().archiveDir(), "t.zip", zip);
        Files.setLastModifiedTime(placed, FileTime.fromMillis(2_000_000L));
        LabeledImages data = r.load("tiny", Split.TRAIN, null);
        assertEquals(4, data.labels()[0]);
    }

    @Test
    void geomfigThroughRegistryMatchesGenerator() {
        DatasetRegistry r = builtIn(cacheOnly(), NO_DOWNLOAD);
        LabeledImages viaRegistry = r.load("geomfig", Split.TEST, null, new LoadOptions(50, 16, 7));
        LabeledImages direct = GeomFig.generate(Split.TEST, 50, 16, 7);
        assertEquals(50, viaRegistry.size());
        assertEquals(16, viaRegistry.width());
        assertTrue(Arrays.deepEquals(direct.images(), viaRegistry.images()));
        assertArrayEquals(direct.labels(), viaRegistry.labels());
    }
}
