package io.somnus.data;

import io.somnus.data.DatasetStatus.FileStatus;
import io.somnus.data.DatasetStatus.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a found file with the published checksums: first its bytes against the published gzip file,
 * then (if known) its decompressed content, so that re-compressed or uncompressed copies verify too.
 */
final class DatasetVerifier {
    private DatasetVerifier() {
    }

    /** Checks one file; a file that cannot be read or decompressed is reported as a mismatch with the reason. */
    static FileStatus check(Split split, Path file, DatasetFile ref, boolean verify) {
        try {
            return checkOrThrow(split, file, ref, verify);
        } catch (DatasetException e) {
            return new FileStatus(split, file, -1, null, Verification.MISMATCH, e.getMessage());
        }
    }

    private static FileStatus checkOrThrow(Split split, Path file, DatasetFile ref, boolean verify) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read file size: " + e.getMessage(), e);
        }
        if (!verify) {
            return new FileStatus(split, file, size, null, Verification.NOT_CHECKED, "");
        }
        String sha = FileHashes.sha256(file);
        if (ref.sha256() != null && sha.equalsIgnoreCase(ref.sha256())) {
            return new FileStatus(split, file, size, sha, Verification.VERIFIED, "SHA-256 matches the published file");
        }
        if (ref.contentSha256() != null) {
            String content = FileHashes.contentSha256(file);
            return content.equalsIgnoreCase(ref.contentSha256())
                    ? new FileStatus(split, file, size, sha, Verification.VERIFIED,
                            "SHA-256 of the decompressed content matches")
                    : new FileStatus(split, file, size, sha, Verification.MISMATCH,
                            "SHA-256 of the decompressed content is " + content + ", expected " + ref.contentSha256());
        }
        if (ref.sha256() != null) {
            boolean gzip;
            try {
                gzip = IdxStreams.isGzip(file);
            } catch (IOException e) {
                throw new DatasetException(file, "cannot be read: " + e.getMessage(), e);
            }
            return gzip
                    ? new FileStatus(split, file, size, sha, Verification.MISMATCH,
                            "SHA-256 is " + sha + ", the published file's is " + ref.sha256())
                    : new FileStatus(split, file, size, sha, Verification.NO_REFERENCE,
                            "uncompressed copy; only the published .gz file's checksum is known");
        }
        String sizeNote = ref.size() < 0 ? "" : size == ref.size() ? "; size matches" : "; size differs from the published " + ref.size();
        return new FileStatus(split, file, size, sha, Verification.NO_REFERENCE, "no published checksum" + sizeNote);
    }
}
