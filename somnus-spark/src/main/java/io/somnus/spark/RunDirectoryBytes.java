package io.somnus.spark;

import io.somnus.experiment.io.AtomicFiles;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a run directory as bytes, by path relative to the directory ('/'-separated): what an executor
 * sends back to the driver, which writes them into the sweep's run directory.
 *
 * @param files relative path to content
 */
record RunDirectoryBytes(SortedMap<String, byte[]> files) implements Serializable {
    RunDirectoryBytes {
        files = new TreeMap<>(files);
    }

    /** Reads every regular file under {@code dir}. */
    static RunDirectoryBytes read(Path dir) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"), Files.readAllBytes(p));
            }
        }
        return new RunDirectoryBytes(files);
    }

    /**
     * Writes the files into {@code dir}, each through a temporary file and a rename.
     *
     * @throws IOException also for a path that would leave {@code dir} (a task result is input like any other)
     */
    void writeTo(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = root.resolve(f.getKey()).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new IOException("a task returned the file '" + f.getKey() + "', which is outside its run directory");
            }
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, f.getValue());
        }
    }

    /** Total bytes, for messages. */
    long size() {
        return files.values().stream().mapToLong(b -> b.length).sum();
    }
}
