package io.somnus.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One file of a dataset as it is published.
 *
 * @param baseName      file name without {@code .gz}, e.g. {@code train-images-idx3-ubyte}; the file is
 *                      accepted as {@code baseName.gz} (gzip) or {@code baseName} (raw) — the content decides
 *                      which it is, not the name
 * @param size          size in bytes of the published (gzip) file, or -1 if unknown
 * @param sha256        SHA-256 of the published (gzip) file, or {@code null} if no published checksum is
 *                      known (a download is then only size-checked)
 * @param contentSha256 SHA-256 of the decompressed IDX content, or {@code null}; identifies the data however
 *                      it was compressed (e.g. Debian repacks gzip files without their original name field)
 * @param aliases       other accepted base names (e.g. the generic {@code train-images-idx3-ubyte} for an
 *                      EMNIST split)
 */
public record DatasetFile(String baseName, long size, String sha256, String contentSha256, List<String> aliases) {
    /** Copies the aliases; the base name is required ({@link NullPointerException} otherwise). */
    public DatasetFile {
        Objects.requireNonNull(baseName);
        aliases = List.copyOf(aliases);
    }

    /** A file with a published size and checksum but no content checksum and no aliases. */
    public DatasetFile(String baseName, long size, String sha256) {
        this(baseName, size, sha256, null, List.of());
    }

    /** Name of the published (downloaded) file. */
    public String downloadName() {
        return baseName + ".gz";
    }

    /** Accepted file names, most preferred first. */
    public List<String> candidateNames() {
        List<String> names = new ArrayList<>();
        names.add(baseName + ".gz");
        names.add(baseName);
        for (String a : aliases) {
            names.add(a + ".gz");
            names.add(a);
        }
        return names;
    }
}
