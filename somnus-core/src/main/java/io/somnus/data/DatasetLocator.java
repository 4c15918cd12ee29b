package io.somnus.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the files of a dataset split on disk, in the lookup order: the explicit directory (and its
 * sub-folder named after the dataset), the user cache, the system-wide folders. Both files of a split must
 * be in the same folder.
 */
final class DatasetLocator {
    /** The two files of a split, found in {@code dir}. */
    record Located(Path dir, Path images, Path labels) {
    }

    private final DatasetLocations locations;

    DatasetLocator(DatasetLocations locations) {
        this.locations = locations;
    }

    /** Checks a user-given directory; {@code null} is allowed and means "none". */
    static void checkExplicit(Path explicitDir) {
        if (explicitDir != null && !Files.isDirectory(explicitDir)) {
            throw new DatasetException(explicitDir, Files.exists(explicitDir)
                    ? "is not a directory; give the folder that holds the dataset files"
                    : "data directory does not exist");
        }
    }

    /** The folders searched for a dataset, in order. */
    List<Path> searchDirs(String name, Path explicitDir) {
        List<Path> dirs = new ArrayList<>();
        if (explicitDir != null) {
            dirs.addAll(explicitDirs(name, explicitDir));
        }
        dirs.add(locations.cacheDir(name));
        for (Path root : locations.systemRoots()) {
            dirs.add(root.resolve(name));
        }
        return dirs;
    }

    /**
     * The folders an explicit directory stands for: itself and its sub-folder named after the dataset; then, as other
     * tools lay the same files out, each sub-folder whose name is the dataset's ignoring case and punctuation, or for
     * an EMNIST split {@code emnist} (torchvision's {@code MNIST}, {@code FashionMNIST}, {@code KMNIST},
     * {@code EMNIST}), and its {@code raw} (torchvision) and {@code gzip} folders, and for an EMNIST split
     * {@code gzip} itself (NIST's {@code gzip.zip} extracted into the directory). Users pointed {@code --data-dir} at
     * such a folder's parent and were told the files were missing.
     */
    static List<Path> explicitDirs(String name, Path explicitDir) {
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        dirs.add(explicitDir);
        dirs.add(explicitDir.resolve(name));
        boolean emnist = name.startsWith("emnist-");
        List<Path> subs = new ArrayList<>();
        try (Stream<Path> list = Files.list(explicitDir)) {
            list.filter(Files::isDirectory).sorted().forEach(subs::add);
        } catch (IOException | UncheckedIOException e) {
            // unreadable: only the two folders above, whose absence the messages report
        }
        for (Path sub : subs) {
            String key = key(sub.getFileName().toString());
            if (key.equals(key(name)) || (emnist && key.equals("emnist"))) {
                dirs.add(sub);
                for (String inner : List.of("raw", "gzip")) {
                    if (Files.isDirectory(sub.resolve(inner))) {
                        dirs.add(sub.resolve(inner));
                    }
                }
            } else if (emnist && key.equals("gzip")) {
                dirs.add(sub);
            }
        }
        return List.copyOf(dirs);
    }

    /** A folder name as compared with a dataset's: lower case, letters and digits only ({@code FashionMNIST}). */
    private static String key(String folderName) {
        return folderName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * The folder, of an explicit directory and its sub-folder named after the dataset, holding both files of the
     * split, or {@code null}; notes what each folder lacks (a file missing, a directory in a file's place).
     */
    Located findExplicit(DatasetDescriptor d, Split split, Path explicitDir, List<String> notes) {
        for (Path dir : explicitDirs(d.name(), explicitDir)) {
            Located found = findIn(dir, d.files(split), notes);
            if (found != null) {
                return found;
            }
            if (Files.isDirectory(dir)) {
                for (DatasetFile f : d.files(split).both()) {
                    for (String n : f.candidateNames()) {
                        if (Files.isDirectory(dir.resolve(n))) {
                            notes.add(dir.resolve(n) + " is a directory, not a file");
                        }
                    }
                }
            }
        }
        return null;
    }

    /** The first folder holding both files of the split, or {@code null}; notes half-complete folders. */
    Located find(DatasetDescriptor d, Split split, Path explicitDir, List<String> notes) {
        for (Path dir : searchDirs(d.name(), explicitDir)) {
            Located found = findIn(dir, d.files(split), notes);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Both files of a split in one folder, or {@code null}. */
    static Located findIn(Path dir, SplitFiles files, List<String> notes) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        if (notes != null && (!Files.isReadable(dir) || !Files.isExecutable(dir))) {
            notes.add(dir + " exists but this user cannot read it (permission denied)");
        }
        Path images = first(dir, files.images());
        Path labels = first(dir, files.labels());
        if (images != null && labels != null) {
            return new Located(dir, images, labels);
        }
        if (notes != null && (images != null || labels != null)) {
            Path have = images != null ? images : labels;
            DatasetFile missing = images != null ? files.labels() : files.images();
            notes.add("found " + have + " but not " + missing.downloadName() + " next to it");
        }
        return null;
    }

    /**
     * The first accepted name of {@code file} that exists in {@code dir}, in any case: copies from other systems
     * and tools come as {@code TRAIN-IMAGES-IDX3-UBYTE.GZ} or {@code Train-Images-Idx3-Ubyte.gz}, and were reported
     * missing (under a name the user could see was there).
     *
     * @throws AmbiguousFileNames when two files there have that name in different cases only, naming both: which
     *                             one is meant is the user's to say
     */
    static Path first(Path dir, DatasetFile file) {
        List<Path> entries = null;
        for (String n : file.candidateNames()) {
            if (entries == null) {
                entries = regularFiles(dir);
            }
            if (entries == null) { // unreadable listing: the exact name only
                Path p = dir.resolve(n);
                if (Files.isRegularFile(p)) {
                    return p;
                }
                continue;
            }
            List<Path> same = entries.stream().filter(p -> p.getFileName().toString().equalsIgnoreCase(n)).toList();
            if (same.size() > 1) {
                throw new AmbiguousFileNames(dir, "holds " + same.stream().map(p -> p.getFileName().toString())
                        .collect(Collectors.joining(" and ")) + ", whose names differ only in case; "
                        + "Somnus cannot tell which is " + n + ": remove or rename all but one");
            }
            if (same.size() == 1) {
                return same.get(0);
            }
        }
        return null;
    }

    /** The regular files of a folder, sorted by name, or {@code null} when it cannot be listed. */
    private static List<Path> regularFiles(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** Two files of a folder whose names differ only in case, either of which could be the one asked for. */
    static final class AmbiguousFileNames extends DatasetException {
        private static final long serialVersionUID = 1L;

        AmbiguousFileNames(Path dir, String problem) {
            super(dir, problem);
        }
    }
}
