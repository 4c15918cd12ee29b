package io.somnus.data;

import io.somnus.data.DatasetLocator.Located;
import io.somnus.data.DatasetStatus.Availability;
import io.somnus.data.DatasetStatus.FileStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Datasets by name. {@link #load} looks for a dataset's IDX files in this order: the explicit directory (or
 * its sub-folder named after the dataset), the user cache ({@code $SOMNUS_DATA_HOME/<name>}, default
 * {@code ~/.cache/somnus/datasets/<name>}), the system folders ({@code /usr/share/datasets/<name>}, where
 * Debian's {@code dataset-fashion-mnist} installs), and finally downloads it into the user cache, verifying
 * SHA-256. Procedural datasets ({@code geomfig}) are generated instead.
 *
 * <p>A directory given explicitly is the only place looked in (with its sub-folder named after the dataset):
 * no fallback to the cache, the system folders or a download, so that what is read is what was asked for.
 * Loading verifies every file against the published checksums (as {@link #status} does; digests are cached
 * per file version) and refuses a file that matches none unless {@link LoadOptions#allowUnverified()}; the
 * outcome is recorded in {@link LabeledImages#sources()} for provenance.
 */
public final class DatasetRegistry {
    /** Images generated for the procedural train split when no limit is given (as many as MNIST). */
    public static final int PROCEDURAL_TRAIN_SIZE = 60_000;
    /** Images generated for the procedural test split when no limit is given. */
    public static final int PROCEDURAL_TEST_SIZE = 10_000;

    private final Map<String, DatasetDescriptor> catalog = new LinkedHashMap<>();
    private final DatasetLocations locations;
    private final DatasetLocator locator;
    private final DatasetFetcher fetcher;

    /** The built-in datasets, this process's locations, downloads over HTTP. */
    public DatasetRegistry() {
        this(DatasetCatalog.builtIn(), DatasetLocations.fromEnvironment(), new UrlDownloader());
    }

    /**
     * A registry of these datasets (names must differ; a later one replaces an earlier one of the same name), looked
     * for in these locations, downloading through {@code downloader}.
     */
    public DatasetRegistry(List<DatasetDescriptor> datasets, DatasetLocations locations, Downloader downloader) {
        for (DatasetDescriptor d : datasets) {
            catalog.put(d.name(), d);
        }
        this.locations = locations;
        this.locator = new DatasetLocator(locations);
        this.fetcher = new DatasetFetcher(locations, downloader);
    }

    /**
     * How many times this JVM has decoded a dataset's files (each registry shares what any has read: a sweep's runs
     * read a dataset once); for tests and diagnostics.
     */
    public static long filesDecoded() {
        return IdxCache.reads();
    }

    /** Names of all datasets, in display order. */
    public List<String> names() {
        return List.copyOf(catalog.keySet());
    }

    /** The descriptors of all datasets, in display order (an unmodifiable copy). */
    public List<DatasetDescriptor> descriptors() {
        return List.copyOf(catalog.values());
    }

    /** Where this registry looks for datasets and downloads them to. */
    public DatasetLocations locations() {
        return locations;
    }

    /**
     * The descriptor of a dataset.
     *
     * @throws DatasetException for an unknown name (the message lists the known ones)
     */
    public DatasetDescriptor descriptor(String name) {
        DatasetDescriptor d = catalog.get(name);
        if (d == null) {
            throw new DatasetException("unknown dataset '" + name + "'; known datasets: " + String.join(", ", names()));
        }
        return d;
    }

    /**
     * Loads a split of a dataset from where this registry looks for it ({@link #locations()}: the user cache, then the
     * system-wide folders), downloading it into the cache when it is in none and can be downloaded; a
     * generated dataset is generated. {@link #load(String, Split, Path, LoadOptions)} with no folder of one's own,
     * without a {@code null} to pass.
     *
     * @throws DatasetException         as {@link #load(String, Split, Path, LoadOptions)}
     * @throws IllegalArgumentException as {@link #load(String, Split, Path, LoadOptions)}
     */
    public LabeledImages loadFromLocations(String name, Split split, LoadOptions options) {
        return load(name, split, null, Objects.requireNonNull(options, "options (LoadOptions.DEFAULTS for all images)"));
    }

    /** Loads all images of a split; {@code explicitDirOrNull} as {@link #load(String, Split, Path, LoadOptions)}. */
    public LabeledImages load(String name, Split split, Path explicitDirOrNull) {
        return load(name, split, explicitDirOrNull, LoadOptions.DEFAULTS);
    }

    /**
     * Loads a split of a dataset.
     *
     * @param explicitDirOrNull folder given by the user, searched alone; must exist if given; null: where
     *                          {@link #loadFromLocations} looks
     * @throws DatasetException if the dataset is unknown, cannot be found or downloaded (the message says which
     *                          files to put where), or a file is malformed
     * @throws IllegalArgumentException for an {@link LoadOptions#imageSize()} asked of a dataset read from files,
     *                          which it cannot size (resize with {@link Preprocess})
     */
    public LabeledImages load(String name, Split split, Path explicitDirOrNull, LoadOptions options) {
        DatasetDescriptor d = descriptor(name);
        if (d.kind() == DatasetDescriptor.Kind.PROCEDURAL) {
            return generate(d, split, options);
        }
        if (options.imageSize() > 0) { // it sizes generated images only; the files' images came back at their size
            throw new IllegalArgumentException("LoadOptions imageSize " + options.imageSize() + ": " + name + " is read "
                    + "from files at " + d.height() + "×" + d.width() + " pixels and imageSize sizes generated data "
                    + "only; load with imageSize 0 and resize with Preprocess, e.g. new Preprocess("
                    + options.imageSize() + ", 0).apply(images) (Preprocess.PAPER: 15×15 and a pixel sum of 22.5)");
        }
        DatasetLocator.checkExplicit(explicitDirOrNull);
        Located found = findOrFetch(d, split, explicitDirOrNull);
        List<FileStatus> sources = List.of(
                verified(d, split, found.images(), d.files(split).images(), options.allowUnverified()),
                verified(d, split, found.labels(), d.files(split).labels(), options.allowUnverified()));
        return IdxCache.read(d.name(), found.images(), found.labels(), d.format(), options.limit()).withSources(sources);
    }

    /**
     * Makes a dataset's two splits available without reading their images ({@code somnus datasets --fetch}): each is
     * found where {@link #load} would look, or downloaded into the cache, and checked against the published SHA-256.
     *
     * @return the four files and their verification; empty for a generated dataset, which needs none
     * @throws DatasetException as {@link #load}: unknown, not found and not downloadable, or a file that matches no
     *                          published checksum
     */
    public List<FileStatus> fetch(String name) {
        DatasetDescriptor d = descriptor(name);
        if (d.kind() == DatasetDescriptor.Kind.PROCEDURAL) {
            return List.of();
        }
        List<FileStatus> out = new ArrayList<>();
        for (Split split : Split.values()) {
            Located found = findOrFetch(d, split, null);
            out.add(verified(d, split, found.images(), d.files(split).images(), false));
            out.add(verified(d, split, found.labels(), d.files(split).labels(), false));
        }
        return out;
    }

    /** A split's files: only in the explicit folder when one is given, else where they are found or downloaded to. */
    private Located findOrFetch(DatasetDescriptor d, Split split, Path explicitDirOrNull) {
        List<String> notes = new ArrayList<>();
        Located found;
        List<String> failures = List.of();
        if (explicitDirOrNull != null) {
            found = locator.findExplicit(d, split, explicitDirOrNull, notes);
        } else {
            found = locator.find(d, split, null, notes);
            if (found == null && d.download() != null) {
                failures = fetcher.fetch(d, split);
                if (failures.isEmpty()) {
                    found = DatasetLocator.findIn(locations.cacheDir(d.name()), d.files(split), notes);
                }
            }
        }
        if (found == null) {
            throw new DatasetException(missingMessage(d, split, explicitDirOrNull, notes, failures));
        }
        return found;
    }

    /** Option a user gives to accept files that match no published checksum (named in messages). */
    public static final String ALLOW_UNVERIFIED_HINT = "--allow-unverified-data (in a sweep file: set: {dataset.allow_unverified: true})";

    private static FileStatus verified(DatasetDescriptor d, Split split, Path file, DatasetFile ref, boolean allowUnverified) {
        if (!Files.isReadable(file)) { // before its checksum, which could only say it does not match
            throw new DatasetException(file, "cannot be read by this user (permission denied); give it read access, "
                    + "or point --data-dir at a copy it can read");
        }
        FileStatus s = check(split, file, ref, true);
        if (s.verification() == DatasetStatus.Verification.VERIFIED || allowUnverified) {
            return s;
        }
        String why = s.verification() == DatasetStatus.Verification.MISMATCH ? "does not match the published " + d.name()
                + " file: " + s.detail() : "cannot be verified: " + s.detail();
        throw new DatasetException(file, why + ". If these are the files you mean to use as " + d.name() + ", pass "
                + ALLOW_UNVERIFIED_HINT + "; the run then records them as unverified");
    }

    /**
     * A file checked against the published checksums; one that has none but was extracted from the verified archive
     * (EMNIST's), or that {@code somnus datasets import} made ({@link DatasetImport}), counts as verified when its
     * SHA-256 is the one recorded then. {@link #status} and {@link #load}
     * judge alike through this, so that what {@code somnus datasets} (and the full study's discovery) calls
     * verified is what training accepts.
     */
    private static FileStatus check(Split split, Path file, DatasetFile ref, boolean verify) {
        FileStatus s = DatasetVerifier.check(split, file, ref, verify);
        if (s.verification() == DatasetStatus.Verification.NO_REFERENCE && s.sha256() != null
                && s.sha256().equals(DatasetFetcher.readExtracted(file.getParent()).get(file.getFileName().toString()))) {
            s = new FileStatus(split, file, s.size(), s.sha256(), DatasetStatus.Verification.VERIFIED,
                    "extracted from the verified archive; SHA-256 as recorded then");
        } else if ((s.verification() == DatasetStatus.Verification.NO_REFERENCE
                || s.verification() == DatasetStatus.Verification.MISMATCH) && s.sha256() != null
                && s.sha256().equals(DatasetImport.readImported(file.getParent()).get(file.getFileName().toString()))) {
            // made by somnus datasets import (notMNIST's PNGs, KMNIST's .npz): unchanged since, which is all that
            // can be checked; its manifest says from what (a KMNIST import's gzip bytes differ from the published)
            String from = DatasetImport.manifestField(file.getParent(), "from");
            s = new FileStatus(split, file, s.size(), s.sha256(), DatasetStatus.Verification.VERIFIED,
                    "made by somnus datasets import" + (from == null ? "" : " from " + from)
                            + "; SHA-256 as recorded then (" + DatasetImport.MANIFEST + ")");
        }
        String content = ref.contentSha256() == null && s.sha256() != null
                && (s.verification() == DatasetStatus.Verification.NO_REFERENCE
                || s.verification() == DatasetStatus.Verification.MISMATCH) ? ContentRecord.recorded(file) : null;
        if (content != null) {
            // a file Somnus verified or made, since decompressed in place (or compressed again): its content decides
            String actual;
            try {
                actual = FileHashes.contentSha256(file);
            } catch (DatasetException e) { // a damaged gzip file: listed as not matching, as the verifier lists it
                return new FileStatus(split, file, s.size(), s.sha256(), DatasetStatus.Verification.MISMATCH,
                        e.getMessage());
            }
            String source = ContentRecord.contentName(file) + ".gz";
            s = actual.equals(content)
                    ? new FileStatus(split, file, s.size(), s.sha256(), DatasetStatus.Verification.VERIFIED,
                            "SHA-256 of the decompressed content is the one recorded when Somnus verified or made "
                                    + source + " (" + ContentRecord.FILE + ")")
                    : new FileStatus(split, file, s.size(), s.sha256(), DatasetStatus.Verification.MISMATCH,
                            "SHA-256 of the decompressed content is " + actual + ", not the " + content
                                    + " recorded when Somnus verified or made " + source + " (" + ContentRecord.FILE
                                    + ")");
        }
        return s;
    }

    /**
     * Where each dataset is, without downloading anything.
     *
     * @param verify also compute SHA-256 of every file found and compare it with the published checksum
     */
    public List<DatasetStatus> status(Path explicitDirOrNull, boolean verify) {
        DatasetLocator.checkExplicit(explicitDirOrNull);
        List<DatasetStatus> out = new ArrayList<>();
        for (DatasetDescriptor d : catalog.values()) {
            try {
                out.add(status(d, explicitDirOrNull, verify));
            } catch (DatasetLocator.AmbiguousFileNames e) { // this dataset's to sort out, not the whole list's
                out.add(new DatasetStatus(d.name(), d.title(), Availability.AMBIGUOUS, e.getMessage(), List.of()));
            }
        }
        return out;
    }

    /**
     * Where one dataset is, without downloading or verifying anything.
     *
     * @throws DatasetException for an unknown name, or an explicit folder that is not one
     */
    public DatasetStatus status(String name, Path explicitDirOrNull) {
        DatasetLocator.checkExplicit(explicitDirOrNull);
        DatasetDescriptor d = descriptor(name);
        try {
            return status(d, explicitDirOrNull, false);
        } catch (DatasetLocator.AmbiguousFileNames e) {
            return new DatasetStatus(d.name(), d.title(), Availability.AMBIGUOUS, e.getMessage(), List.of());
        }
    }

    private DatasetStatus status(DatasetDescriptor d, Path explicitDir, boolean verify) {
        if (d.kind() == DatasetDescriptor.Kind.PROCEDURAL) {
            return new DatasetStatus(d.name(), d.title(), Availability.PROCEDURAL, d.note(), List.of());
        }
        List<FileStatus> files = new ArrayList<>();
        Map<Split, Located> found = new LinkedHashMap<>();
        for (Split s : Split.values()) {
            Located l = locator.find(d, s, explicitDir, null);
            if (l != null) {
                found.put(s, l);
                files.add(check(s, l.images(), d.files(s).images(), verify));
                files.add(check(s, l.labels(), d.files(s).labels(), verify));
            }
        }
        String searched = "searched " + locator.searchDirs(d.name(), explicitDir).stream()
                .map(Path::toString).collect(Collectors.joining(", "));
        if (found.size() == Split.values().length) {
            String where = found.values().stream().map(l -> l.dir().toString()).distinct()
                    .collect(Collectors.joining(" and "));
            return new DatasetStatus(d.name(), d.title(), Availability.FOUND, "found in " + where, files);
        }
        String have = found.isEmpty() ? "not found" : "only the " + found.keySet().iterator().next().label()
                + " split found, in " + found.values().iterator().next().dir();
        if (d.download() != null) {
            URI from = d.download().describe(d.train().images()).get(0);
            return new DatasetStatus(d.name(), d.title(), Availability.DOWNLOADABLE, have + "; will be downloaded from "
                    + from + " into " + locations.cacheDir(d.name()) + " on first use", files);
        }
        return new DatasetStatus(d.name(), d.title(), found.isEmpty() ? Availability.MISSING : Availability.PARTIAL,
                have + " (" + searched + "); put " + fileList(d) + " into " + locations.cacheDir(d.name())
                        + (d.note().isEmpty() ? "" : ". " + d.note()), files);
    }

    private static LabeledImages generate(DatasetDescriptor d, Split split, LoadOptions options) {
        int full = split == Split.TRAIN ? PROCEDURAL_TRAIN_SIZE : PROCEDURAL_TEST_SIZE;
        int count = options.limit() > 0 ? Math.min(options.limit(), full) : full;
        int size = options.imageSize() > 0 ? options.imageSize() : d.height();
        return switch (d.name()) {
            case DatasetCatalog.GEOMFIG -> GeomFig.generate(split, count, size, options.seed());
            case DatasetCatalog.GEOMFIG_AUTHORS -> GeomFigAuthors.generate(split, count, size, options.seed());
            default -> throw new IllegalStateException("no generator for " + d.name());
        };
    }

    private String missingMessage(DatasetDescriptor d, Split split, Path explicitDir, List<String> notes,
                                  List<String> failures) {
        StringBuilder sb = new StringBuilder();
        SplitFiles files = d.files(split);
        sb.append("dataset '").append(d.name()).append("' (").append(split.label()).append(" split) not found. ")
                .append("Put these files (gzip-compressed as named, or uncompressed without .gz) into ")
                .append(explicitDir != null ? explicitDir : locations.cacheDir(d.name())).append(":\n");
        for (DatasetFile f : files.both()) {
            sb.append("  ").append(f.downloadName()).append('\n');
        }
        List<Path> searched = explicitDir != null ? DatasetLocator.explicitDirs(d.name(), explicitDir)
                : locator.searchDirs(d.name(), null);
        sb.append("Folders searched: ").append(searched.stream().map(Path::toString).collect(Collectors.joining(", ")))
                .append(explicitDir != null ? " (a --data-dir given is the only place looked in)." : ".");
        for (String n : notes) {
            sb.append("\nNote: ").append(n).append('.');
        }
        if (explicitDir != null) {
            sb.append("\nWithout --data-dir, the cache and system folders are searched and the files downloaded if need be.");
        } else if (d.download() == null) {
            sb.append("\n").append(d.name()).append(" cannot be downloaded automatically.");
        } else if (!failures.isEmpty()) {
            sb.append("\nDownload failed:");
            for (String f : failures) {
                sb.append("\n  ").append(f);
            }
        }
        if (!d.note().isEmpty()) {
            sb.append("\n").append(d.note());
        }
        return sb.toString();
    }

    private static String fileList(DatasetDescriptor d) {
        List<String> names = new ArrayList<>();
        for (Split s : Split.values()) {
            for (DatasetFile f : d.files(s).both()) {
                names.add(f.downloadName());
            }
        }
        return String.join(", ", names);
    }
}
