package io.somnus.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Downloads the files of a dataset split into the user cache: from per-file mirrors, or by downloading a
 * shared zip archive once and extracting the split's entries. Every file is size- and checksum-verified
 * before it is moved into place (see {@link VerifiedDownload}).
 */
final class DatasetFetcher {
    private final DatasetLocations locations;
    private final Downloader downloader;

    DatasetFetcher(DatasetLocations locations, Downloader downloader) {
        this.locations = locations;
        this.downloader = downloader;
    }

    /**
     * Tries to put the split's files into the cache.
     *
     * @return why it failed, one entry per failed attempt; empty on success
     */
    List<String> fetch(DatasetDescriptor d, Split split) {
        List<String> failures = new ArrayList<>();
        Path dir = locations.cacheDir(d.name());
        if (d.download() instanceof DownloadSource.Mirrors m) {
            for (DatasetFile f : d.files(split).both()) {
                if (DatasetLocator.first(dir, f) == null) {
                    Path target = dir.resolve(f.downloadName());
                    if (!fetchFromMirrors(m, f, target, failures)) {
                        return failures;
                    }
                    if (f.sha256() != null) { // checked against the published SHA-256, not its size alone
                        recordContent(target);
                    }
                }
            }
            return List.of();
        } else if (d.download() instanceof DownloadSource.ZipArchive z) {
            Path archive = locations.archiveDir().resolve(z.fileName());
            if (Files.isRegularFile(archive)) {
                checkPlaced(archive, z); // put there by hand, or by an earlier download: verified as a download is
            } else if (!fetchArchive(z, archive, failures)) {
                return failures;
            }
            extract(archive, z, d.files(split), dir);
            return List.of();
        }
        failures.add(d.name() + " has no download");
        return failures;
    }

    /** A verified download's content, recorded so that it stays verified once decompressed in place. */
    private static void recordContent(Path downloaded) {
        try {
            ContentRecord.record(downloaded);
        } catch (IOException e) {
            throw new DatasetException(downloaded.resolveSibling(ContentRecord.FILE), "cannot record the verified "
                    + "download's content checksum: " + describe(e), e);
        }
    }

    private boolean fetchFromMirrors(DownloadSource.Mirrors m, DatasetFile f, Path target, List<String> failures) {
        for (URI base : m.baseUris()) {
            URI uri = m.uri(base, f);
            if (attempt(uri, target, f.size(), f.sha256(), failures)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An archive already in the cache's archive folder (a user may put EMNIST's gzip.zip there to work offline) is
     * checked against the published size and SHA-256 before anything is extracted from it: the files extracted are
     * then recorded as verified, so an unchecked archive would make any files pass as the published ones.
     */
    private static void checkPlaced(Path archive, DownloadSource.ZipArchive z) {
        long size;
        try {
            size = Files.size(archive);
        } catch (IOException e) {
            throw new DatasetException(archive, "cannot read it: " + describe(e), e);
        }
        String fix = "; delete it to have it downloaded again, or put the published archive there";
        if (z.size() >= 0 && size != z.size()) {
            throw new DatasetException(archive, "is " + size + " bytes, but the published archive is " + z.size()
                    + " bytes (an incomplete copy?)" + fix);
        }
        if (z.sha256() != null) {
            String sha = FileHashes.sha256(archive);
            if (!sha.equalsIgnoreCase(z.sha256())) {
                throw new DatasetException(archive, "SHA-256 is " + sha + ", but the published archive's is "
                        + z.sha256() + fix);
            }
        }
    }

    private boolean fetchArchive(DownloadSource.ZipArchive z, Path archive, List<String> failures) {
        for (URI uri : z.uris()) {
            if (attempt(uri, archive, z.size(), z.sha256(), failures)) {
                return true;
            }
        }
        return false;
    }

    private boolean attempt(URI uri, Path target, long size, String sha, List<String> failures) {
        try {
            VerifiedDownload.fetch(downloader, uri, target, size, sha);
            return true;
        } catch (DatasetException e) {
            failures.add(e.getMessage());
        } catch (IOException e) {
            failures.add(uri + ": " + describe(e));
        }
        return false;
    }

    private static void extract(Path archive, DownloadSource.ZipArchive z, SplitFiles files, Path dir) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Files.createDirectories(dir);
            for (DatasetFile f : files.both()) {
                String entryName = z.entryDirectory() + f.downloadName();
                ZipEntry entry = zip.getEntry(entryName);
                if (entry == null) {
                    throw new DatasetException(archive, "the archive has no entry " + entryName);
                }
                Path target = dir.resolve(f.downloadName());
                Path tmp = Files.createTempFile(dir, "." + f.downloadName() + ".", ".part");
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    recordExtracted(dir, f.downloadName(), FileHashes.sha256Uncached(tmp));
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                if (z.sha256() != null) {
                    ContentRecord.record(target);
                }
            }
        } catch (ZipException e) {
            throw new DatasetException(archive, "corrupt zip archive (" + e.getMessage() + "); delete it to download it again", e);
        } catch (IOException e) {
            throw new DatasetException(archive, "extracting into " + dir + " failed: " + describe(e), e);
        }
    }

    /**
     * Records the SHA-256 of a file extracted from a verified archive in the folder's {@link #EXTRACTED_SUMS}
     * ({@code sha256sum} format), so that loading can verify it later: the archive has a published checksum,
     * its entries have none.
     */
    static void recordExtracted(Path dir, String fileName, String sha) throws IOException {
        recordSum(dir.resolve(EXTRACTED_SUMS), fileName, sha);
    }

    /** Adds (or replaces) {@code fileName}'s line in the {@code sha256sum}-format file {@code sums}, atomically. */
    static void recordSum(Path sums, String fileName, String sha) throws IOException {
        Map<String, String> known = readSums(sums);
        known.put(fileName, sha);
        StringBuilder sb = new StringBuilder();
        known.forEach((name, h) -> sb.append(h).append("  ").append(name).append('\n'));
        Path tmp = Files.createTempFile(sums.getParent(), "." + sums.getFileName() + ".", ".part");
        try {
            Files.writeString(tmp, sb);
            Files.move(tmp, sums, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** File name to SHA-256 of the files extracted into {@code dir} from a verified archive (empty if none). */
    static Map<String, String> readExtracted(Path dir) {
        return readSums(dir.resolve(EXTRACTED_SUMS));
    }

    /** File name to SHA-256 from a file in {@code sha256sum}'s format (empty if there is none or it is unreadable). */
    static Map<String, String> readSums(Path sums) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isRegularFile(sums)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(sums)) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2) {
                    out.put(parts[1], parts[0]);
                }
            }
        } catch (IOException e) {
            // unreadable: nothing counts as extracted-and-verified
        }
        return out;
    }

    /** The record of files extracted from a verified archive, in a dataset's cache folder. */
    static final String EXTRACTED_SUMS = "SHA256SUMS.extracted";

    static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage() + " (offline?)";
        }
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return "cannot connect" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + " (offline?)";
        }
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + msg;
    }
}
