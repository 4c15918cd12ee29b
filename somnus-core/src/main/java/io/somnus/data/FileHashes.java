package io.somnus.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * SHA-256 of dataset files, remembered per (absolute path, modification time, size) so that loading or
 * verifying the same unchanged file again does not hash it again. Two digests exist per file: of its bytes
 * on disk ({@link #sha256}) and, for gzip files, of the decompressed content ({@link #contentSha256}), which
 * identifies the data independent of how it was compressed.
 */
public final class FileHashes {
    private record Key(Path path, long modifiedMillis, long size, boolean content) {
    }

    private static final Map<Key, String> CACHE = new ConcurrentHashMap<>();
    private static final AtomicLong COMPUTATIONS = new AtomicLong();

    private FileHashes() {
    }

    /** SHA-256 (lower-case hex) of the file's bytes. */
    public static String sha256(Path file) {
        return hash(file, false);
    }

    /** SHA-256 of the file's content after gzip decompression (of its bytes if it is not gzip). */
    public static String contentSha256(Path file) {
        return hash(file, true);
    }

    /** The cached SHA-256 of the file's bytes, or {@code null} if it has not been computed for this version. */
    static String cached(Path file, BasicFileAttributes attrs) {
        return CACHE.get(key(file, attrs, false));
    }

    /** Records a digest computed elsewhere (the IDX reader hashes while it reads). */
    static void remember(Path file, BasicFileAttributes attrs, String sha256) {
        CACHE.put(key(file, attrs, false), sha256);
    }

    /** Number of digests computed from scratch so far (for tests of the cache). */
    static long computations() {
        return COMPUTATIONS.get();
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform provides SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** SHA-256 of a file without consulting or filling the cache (for files still being written). */
    static String sha256Uncached(Path file) throws IOException {
        MessageDigest md = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            digestAll(in, md);
        }
        return hex(md.digest());
    }

    /** A dataset file's attributes, or a {@link DatasetException} naming it: not found, or unreadable and why. */
    static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "file not found");
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read file attributes: " + e.getMessage(), e);
        }
    }

    private static String hash(Path file, boolean content) {
        BasicFileAttributes attrs = attributes(file);
        Key key = key(file, attrs, content);
        String known = CACHE.get(key);
        if (known != null) {
            return known;
        }
        MessageDigest md = newDigest();
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = raw;
            if (content && IdxStreams.isGzip(file)) {
                in = new GZIPInputStream(raw, 1 << 16);
            }
            digestAll(in, md);
        } catch (ZipException | EOFException e) {
            throw new DatasetException(file, "corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage(), e);
        }
        COMPUTATIONS.incrementAndGet();
        String hex = hex(md.digest());
        CACHE.put(key, hex);
        return hex;
    }

    private static void digestAll(InputStream in, MessageDigest md) throws IOException {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
    }

    private static Key key(Path file, BasicFileAttributes attrs, boolean content) {
        return new Key(file.toAbsolutePath().normalize(), attrs.lastModifiedTime().toMillis(), attrs.size(), content);
    }
}
