package io.somnus.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Fetches one URL into a file. Verification and atomic placement are the caller's job. */
@FunctionalInterface
public interface Downloader {
    /**
     * Writes the resource at {@code source} to {@code target} (replacing it).
     *
     * @throws IOException if the resource cannot be fetched (offline, HTTP error, ...)
     */
    void download(URI source, Path target) throws IOException;
}
