package io.somnus.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The SHA-256 of the decompressed content of the gzip files Somnus itself put into a dataset folder after checking
 * them or making them: a published {@code .gz} downloaded and matched against its published SHA-256, a file extracted
 * from the verified archive (EMNIST's), an import's output. Kept in the folder's {@link #FILE} ({@code sha256sum}'s
 * format, each line naming the file without {@code .gz}: the value is what {@code zcat F.gz | sha256sum} prints), so
 * that the same content decompressed in place ({@code gunzip}) or compressed again is still verified. The catalogue
 * knows content checksums for Fashion-MNIST alone; for the others this record is all that knows the content, and only
 * for files Somnus put there: an uncompressed copy from elsewhere has nothing to be checked against.
 */
final class ContentRecord {
    /** The record's file name, in a dataset's folder. */
    static final String FILE = "SHA256SUMS.content";

    private ContentRecord() {
    }

    /** Records the SHA-256 of {@code gzFile}'s decompressed content in its folder's {@link #FILE}. */
    static void record(Path gzFile) throws IOException {
        DatasetFetcher.recordSum(gzFile.getParent().resolve(FILE), contentName(gzFile), FileHashes.contentSha256(gzFile));
    }

    /** The content SHA-256 recorded for {@code file}'s content name in its folder, or {@code null}. */
    static String recorded(Path file) {
        return DatasetFetcher.readSums(file.getParent().resolve(FILE)).get(contentName(file));
    }

    /** The file's name without {@code .gz}: the one name its content goes by, compressed or not. */
    static String contentName(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
