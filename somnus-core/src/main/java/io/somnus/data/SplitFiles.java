package io.somnus.data;

import java.util.List;
import java.util.Objects;

/** The image file and the label file of one split. */
public record SplitFiles(DatasetFile images, DatasetFile labels) {
    public SplitFiles {
        Objects.requireNonNull(images);
        Objects.requireNonNull(labels);
    }

    public List<DatasetFile> both() {
        return List.of(images, labels);
    }
}
