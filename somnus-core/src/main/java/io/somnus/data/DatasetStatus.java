package io.somnus.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DatasetRegistry#status} found out about one dataset, for a {@code datasets} listing.
 *
 * @param name         registry name
 * @param title        human-readable name
 * @param availability whether and how the dataset can be loaded
 * @param detail       one line for the user: where it was found, or where it was looked for and how to get it
 * @param files        the files found (empty when none)
 */
public record DatasetStatus(String name, String title, Availability availability, String detail,
                            List<FileStatus> files) {
    /** Copies the file list. */
    public DatasetStatus {
        files = List.copyOf(files);
    }

    /** Whether and how a dataset can be loaded now. */
    public enum Availability {
        /** Both splits found locally. */
        FOUND,
        /** One split found locally, the other not (and not downloadable). */
        PARTIAL,
        /** Not (completely) found locally, but will be downloaded on first use. */
        DOWNLOADABLE,
        /** Not found and no download: the user must provide the files. */
        MISSING,
        /** Generated on demand. */
        PROCEDURAL,
        /** A folder holds two files whose names differ only in case: the user must say which is meant. */
        AMBIGUOUS
    }

    /** Outcome of a checksum check. */
    public enum Verification {
        /** Verification was not requested. */
        NOT_CHECKED,
        /** The file's or its decompressed content's SHA-256 equals the published one. */
        VERIFIED,
        /** A published checksum exists and differs. */
        MISMATCH,
        /** No published checksum for this file (or for its uncompressed form). */
        NO_REFERENCE
    }

    /**
     * One file found.
     *
     * @param split        split it belongs to
     * @param file         where it is
     * @param size         size in bytes
     * @param sha256       SHA-256 of its bytes when verification was requested, else {@code null}
     * @param verification the check's outcome
     * @param detail       what was compared, for the user
     */
    public record FileStatus(Split split, Path file, long size, String sha256, Verification verification,
                             String detail) {
    }
}
