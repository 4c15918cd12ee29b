package io.somnus.data;

import java.util.Objects;

/**
 * Everything the registry knows about one named dataset.
 *
 * @param name        registry name, e.g. {@code fashion-mnist}
 * @param title       human-readable name with its source, for listings
 * @param kind        IDX files or generated on demand
 * @param numClasses  number of classes
 * @param height      image height in pixels (for procedural data: the default size)
 * @param width       image width in pixels
 * @param labelOffset value subtracted from stored labels (1 for EMNIST letters, whose labels are 1..26)
 * @param transposed  images are stored column-major and transposed on reading (EMNIST)
 * @param train       files of the training split ({@code null} for procedural data)
 * @param test        files of the test split ({@code null} for procedural data)
 * @param download    where to download the files from, or {@code null} if they must be provided by hand
 * @param note        where to obtain the files by hand (printed when they are missing), or empty
 */
public record DatasetDescriptor(String name, String title, Kind kind, int numClasses, int height, int width,
                                int labelOffset, boolean transposed, SplitFiles train, SplitFiles test,
                                DownloadSource download, String note) {
    /** How a dataset's images come into being. */
    public enum Kind {
        /** Read from IDX files. */
        IDX,
        /** Generated from a seed; needs no files. */
        PROCEDURAL
    }

    /** Checks the descriptor: name and kind are required, a null note becomes empty. */
    public DatasetDescriptor {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        note = note == null ? "" : note;
        assert kind == Kind.PROCEDURAL || (train != null && test != null);
    }

    /** The files of one split. */
    public SplitFiles files(Split split) {
        return split == Split.TRAIN ? train : test;
    }

    /** What the IDX reader must check and fix for this dataset. */
    public IdxFormat format() {
        return new IdxFormat(name, height, width, numClasses, labelOffset, transposed);
    }
}
