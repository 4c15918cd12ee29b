package io.somnus.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;

/**
 * Downloads {@code http(s)} URLs with the JDK's HTTP client (following redirects, honouring the JVM's proxy
 * settings) and copies {@code file:} URLs.
 */
public final class UrlDownloader implements Downloader {
    /** How long to wait for a connection (s). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** How long to wait for the response headers (s); the body may take longer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private HttpClient client; // created on first use: an HTTP client starts a thread

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .build();
        }
        return client;
    }

    @Override
    public void download(URI source, Path target) throws IOException {
        String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file" -> Files.copy(Path.of(source), target, StandardCopyOption.REPLACE_EXISTING);
            case "http", "https" -> fetch(source, target);
            default -> throw new IOException("unsupported URL scheme '" + scheme + "' (http, https and file are supported)");
        }
    }

    private void fetch(URI source, Path target) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(source).timeout(RESPONSE_TIMEOUT).GET().build();
        HttpResponse<Path> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofFile(target));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP status " + response.statusCode());
        }
    }
}
