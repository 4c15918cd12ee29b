package io.somnus.data;

import java.net.URI;
import java.util.List;

/** Where a dataset's files can be downloaded from. */
public sealed interface DownloadSource {
    /** The URLs tried, in order, for display. */
    List<URI> describe(DatasetFile file);

    /**
     * Each file is published on its own: file {@code f} is at {@code base.resolve(f.downloadName())} for each
     * base URI, tried in order (bases end with {@code /}).
     *
     * @param baseUris the base URIs tried in order, each ending with {@code /}
     */
    record Mirrors(List<URI> baseUris) implements DownloadSource {
        /** Copies the base URIs. */
        public Mirrors {
            baseUris = List.copyOf(baseUris);
        }

        /** Where {@code file} is under {@code base}: {@code base} resolved against the file's download name. */
        public URI uri(URI base, DatasetFile file) {
            return base.resolve(file.downloadName());
        }

        @Override
        public List<URI> describe(DatasetFile file) {
            return baseUris.stream().map(b -> uri(b, file)).toList();
        }
    }

    /**
     * The files are entries {@code entryDirectory + file.downloadName()} of one zip archive (EMNIST publishes
     * all its splits in one archive), downloaded once into the cache's archive folder.
     *
     * @param uris           archive URLs, tried in order
     * @param fileName       name under which the archive is kept in the cache
     * @param size           archive size in bytes, or -1 if unknown
     * @param sha256         archive SHA-256, or {@code null} if unknown (then only size-checked)
     * @param entryDirectory folder of the files inside the archive, ending with {@code /} (or empty)
     */
    record ZipArchive(List<URI> uris, String fileName, long size, String sha256, String entryDirectory)
            implements DownloadSource {
        /** Copies the archive URLs. */
        public ZipArchive {
            uris = List.copyOf(uris);
        }

        @Override
        public List<URI> describe(DatasetFile file) {
            return uris;
        }
    }
}
