package io.somnus.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One IDX file opened for reading: detects gzip by its magic bytes (1f 8b), hashes the bytes on disk while
 * they are read (unless the digest is already cached), and turns every I/O failure into a
 * {@link DatasetException} naming the file. Offsets in messages count decompressed bytes.
 */
final class IdxStreams implements Closeable {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int BUFFER = 1 << 16;

    final Path file;
    final boolean gzip;
    private final BasicFileAttributes attrs;
    private final MessageDigest digest; // null when the hash is cached
    private final String cachedSha;
    private final BufferedInputStream raw;
    private final InputStream data;
    private long position;

    private IdxStreams(Path file, BasicFileAttributes attrs, String cachedSha, MessageDigest digest,
                       BufferedInputStream raw, boolean gzip) {
        this.file = file;
        this.attrs = attrs;
        this.cachedSha = cachedSha;
        this.digest = digest;
        this.raw = raw;
        this.gzip = gzip;
        InputStream d = raw;
        if (gzip) {
            try {
                d = new GZIPInputStream(raw, BUFFER); // unbuffered, so positions in messages are exact
            } catch (ZipException | EOFException e) {
                closeQuietly();
                throw new DatasetException(file, "corrupt gzip header (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                closeQuietly();
                throw new DatasetException(file, "cannot be read: " + e.getMessage(), e);
            }
        }
        this.data = d;
    }

    /** Opens a file, failing with a clear message when it is missing, a directory, unreadable or empty. */
    static IdxStreams open(Path file) {
        BasicFileAttributes attrs = FileHashes.attributes(file);
        if (attrs.isDirectory()) {
            throw new DatasetException(file, "is a directory, expected an IDX file");
        }
        if (attrs.size() == 0) {
            throw new DatasetException(file, "file is empty (0 bytes), expected an IDX file");
        }
        String cached = FileHashes.cached(file, attrs);
        MessageDigest md = cached == null ? FileHashes.newDigest() : null;
        BufferedInputStream raw;
        boolean gzip;
        try {
            InputStream in = Files.newInputStream(file);
            raw = new BufferedInputStream(md == null ? in : new DigestInputStream(in, md), BUFFER);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            gzip = b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
        } catch (AccessDeniedException e) {
            throw new DatasetException(file, "cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage(), e);
        }
        return new IdxStreams(file, attrs, cached, md, raw, gzip);
    }

    /** Whether the file starts with the gzip magic bytes. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == GZIP_MAGIC_0 && in.read() == GZIP_MAGIC_1;
        }
    }

    /** Bytes of (decompressed) data consumed so far. */
    long position() {
        return position;
    }

    /**
     * Reads up to {@code len} bytes, returning how many were available before the end of the data (fewer
     * only at the end).
     */
    int read(byte[] buf, int off, int len) {
        try {
            int n = data.readNBytes(buf, off, len);
            position += n;
            return n;
        } catch (ZipException | EOFException e) {
            throw corruptGzip(e);
        } catch (IOException e) {
            throw new DatasetException(file, "read failed after " + position + " bytes: " + e.getMessage(), e);
        }
    }

    /** Counts (and consumes) the data bytes left. */
    long remaining() {
        byte[] buf = new byte[BUFFER];
        long n = 0;
        try {
            for (int k; (k = data.read(buf)) > 0; ) {
                n += k;
            }
        } catch (ZipException | EOFException e) {
            throw corruptGzip(e);
        } catch (IOException e) {
            throw new DatasetException(file, "read failed after " + position + " bytes: " + e.getMessage(), e);
        }
        return n;
    }

    /**
     * SHA-256 of the file's bytes: consumes the rest of the raw file so the digest covers all of it, and
     * remembers the result in {@link FileHashes}.
     */
    String finishSha256() {
        if (cachedSha != null) {
            return cachedSha;
        }
        byte[] buf = new byte[BUFFER];
        try {
            while (raw.read(buf) > 0) {
                // drain so that the digest sees the whole file
            }
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage(), e);
        }
        String hex = FileHashes.hex(digest.digest());
        FileHashes.remember(file, attrs, hex);
        return hex;
    }

    private DatasetException corruptGzip(IOException e) {
        return new DatasetException(file, "corrupt gzip data (" + e.getMessage() + ") after " + position
                + " decompressed bytes; the file is truncated or damaged, download it again", e);
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            raw.close();
        } catch (IOException ignored) {
            // closing a read-only file: nothing to lose
        }
    }
}
