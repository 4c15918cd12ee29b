package io.somnus.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Downloads into a temporary file next to the target, checks size and SHA-256, then moves it into place
 * atomically, so that the target either does not exist or is complete and verified — also when two
 * processes download at once or one is killed half-way.
 */
final class VerifiedDownload {
    private VerifiedDownload() {
    }

    /**
     * @param expectedSize   bytes, or -1 to skip the size check
     * @param expectedSha256 hex digest, or {@code null} to skip the checksum (then only the size is checked)
     * @throws IOException      if fetching fails
     * @throws DatasetException if the file fetched has the wrong size or checksum (it is not kept)
     */
    static void fetch(Downloader downloader, URI uri, Path target, long expectedSize, String expectedSha256)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            downloader.download(uri, tmp);
            long size = Files.size(tmp);
            if (expectedSize >= 0 && size != expectedSize) {
                throw new DatasetException("download of " + uri + " has " + size + " bytes, expected "
                        + expectedSize + "; the file was not kept");
            }
            if (expectedSha256 != null) {
                String sha = FileHashes.sha256Uncached(tmp);
                if (!sha.equalsIgnoreCase(expectedSha256)) {
                    throw new DatasetException("checksum mismatch for download of " + uri + ": SHA-256 is " + sha
                            + ", expected " + expectedSha256 + "; the file was not kept");
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
