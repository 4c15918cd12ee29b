package io.somnus.data;

import java.util.List;
import java.util.Objects;

/**
 * The image file and the label file of one split.
 *
 * @param images the IDX file of the images
 * @param labels the IDX file of the labels
 */
public record SplitFiles(DatasetFile images, DatasetFile labels) {
    /** Both files are required ({@link NullPointerException} otherwise). */
    public SplitFiles {
        Objects.requireNonNull(images);
        Objects.requireNonNull(labels);
    }

    /** The image file, then the label file. */
    public List<DatasetFile> both() {
        return List.of(images, labels);
    }
}
