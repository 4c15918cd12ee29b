package io.somnus.experiment.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a file with {@link AtomicFiles#write} and stops half-way, its temporary file's first bytes written, until
 * killed; run in a child JVM by {@link AtomicFilesTest}.
 */
public final class AtomicWriterMain {
    public static void main(String[] args) throws Exception {
        AtomicFiles.write(Path.of(args[0]), out -> {
            out.write("half a file".getBytes(StandardCharsets.UTF_8));
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
