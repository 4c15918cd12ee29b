package io.somnus.data;

import io.somnus.core.NumberText;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A set of grey-scale images with integer class labels, the unit every model in Somnus consumes.
 *
 * @param name       dataset name, e.g. {@code fashion-mnist}
 * @param height     image height in pixels
 * @param width      image width in pixels
 * @param images     one row per image, {@code height*width} pixels in row-major order, values >= 0 and finite ([0, 1]
 *                   as read from a dataset; an image normalised to a pixel sum may exceed 1). The set's own arrays,
 *                   not copies, shared with its {@link #head} and {@link #slice}: copy an image before changing it
 * @param labels     class of each image, in [0, numClasses) (the set's own array, as {@code images})
 * @param numClasses number of classes
 * @param sha256     SHA-256 (hex) of each source file this set was read from, by file name; empty for
 *                   procedural data
 * @param sources    the files this set was read from, where they were and whether their checksums were verified
 *                   (for provenance); empty for procedural or hand-made data
 */
public record LabeledImages(String name, int height, int width, float[][] images, int[] labels, int numClasses,
                            Map<String, String> sha256, List<DatasetStatus.FileStatus> sources) {
    /**
     * Checks the set and copies the maps (the image and label arrays are kept, not copied). Refuses with an
     * {@link IllegalArgumentException} that names the set and the image: a height or width below 1, image and label
     * counts that differ, an image that is not {@code height × width} pixels, a pixel that is negative, NaN or
     * infinite, a label outside [0, numClasses).
     */
    public LabeledImages {
        Objects.requireNonNull(name);
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(name + ": images of " + height + " × " + width + " pixels; give a height "
                    + "and a width of 1 or more");
        }
        if (images.length != labels.length) {
            throw new IllegalArgumentException("images (" + images.length + ") and labels (" + labels.length + ") differ in count");
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != height * width) {
                throw new IllegalArgumentException(name + ": image " + i + " has " + images[i].length + " pixels, not "
                        + height + " × " + width + " = " + height * width);
            }
            for (int k = 0; k < images[i].length; k++) {
                float v = images[i][k];
                if (!(v >= 0 && v < Float.POSITIVE_INFINITY)) { // an encoder would read it as silence, or fail late
                    throw new IllegalArgumentException(name + ": image " + i + "'s pixel " + k + " is " + NumberText.of(v) + "; pixels "
                            + "are >= 0 and finite");
                }
            }
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i + " is not a class "
                        + "0.." + (numClasses - 1));
            }
        }
        sha256 = Map.copyOf(sha256);
        sources = List.copyOf(sources);
    }

    /** A set with no recorded source files. */
    public LabeledImages(String name, int height, int width, float[][] images, int[] labels, int numClasses,
                         Map<String, String> sha256) {
        this(name, height, width, images, labels, numClasses, sha256, List.of());
    }

    /** A set made in code: no files, no checksums. */
    public LabeledImages(String name, int height, int width, float[][] images, int[] labels, int numClasses) {
        this(name, height, width, images, labels, numClasses, Map.of(), List.of());
    }

    /** This set with its source files recorded. */
    public LabeledImages withSources(List<DatasetStatus.FileStatus> files) {
        return new LabeledImages(name, height, width, images, labels, numClasses, sha256, files);
    }

    /** The number of images. */
    public int size() {
        return images.length;
    }

    /** Pixels per image, {@code height × width}: the input count of a network that sees these images. */
    public int pixels() {
        return height * width;
    }

    /**
     * The first {@code n} images (or all, if fewer). Shares the image arrays.
     *
     * @throws IllegalArgumentException for {@code n < 0}
     */
    public LabeledImages head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException(name + ": head(" + n + "): the number of images n must be >= 0");
        }
        int m = Math.min(n, images.length);
        return new LabeledImages(name, height, width, Arrays.copyOf(images, m),
                Arrays.copyOf(labels, m), numClasses, sha256, sources);
    }

    /**
     * The images from {@code from} (inclusive) to {@code to} (exclusive). Shares the image arrays.
     *
     * @throws IllegalArgumentException unless {@code 0 <= from <= to <= size()}
     */
    public LabeledImages slice(int from, int to) {
        if (from < 0 || from > to || to > images.length) {
            throw new IllegalArgumentException(name + ": slice(" + from + ", " + to + "): give 0 <= from <= to <= "
                    + images.length + " (the set's size)");
        }
        return new LabeledImages(name, height, width, Arrays.copyOfRange(images, from, to),
                Arrays.copyOfRange(labels, from, to), numClasses, sha256, sources);
    }

    /**
     * The images at {@code indices}, in that order. Shares the image arrays.
     *
     * @throws IllegalArgumentException for an index outside {@code [0, size())}
     */
    public LabeledImages pick(int[] indices) {
        float[][] im = new float[indices.length][];
        int[] lb = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= images.length) {
                throw new IllegalArgumentException(name + ": pick: index " + indices[k] + " is outside [0, "
                        + images.length + ")");
            }
            im[k] = images[indices[k]];
            lb[k] = labels[indices[k]];
        }
        return new LabeledImages(name, height, width, im, lb, numClasses, sha256, sources);
    }

    /**
     * The same set: the same name, image size, classes, checksums and source files, and the same images and labels in
     * the same order, compared value by value ({@link Arrays#deepEquals}, {@link Arrays#equals(int[], int[])}; pixels as
     * {@link Float#equals}), not by array identity as a record's own equality would (so a set equals its
     * {@link #head}{@code (size())} and a copy read again from the same files).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof LabeledImages other && height == other.height && width == other.width
                && numClasses == other.numClasses && name.equals(other.name) && Arrays.equals(labels, other.labels)
                && sha256.equals(other.sha256) && sources.equals(other.sources) && Arrays.deepEquals(images, other.images);
    }

    /** A hash of what {@link #equals} compares (reads every pixel: O(size × pixels)). */
    @Override
    public int hashCode() {
        return Objects.hash(name, height, width, numClasses, Arrays.deepHashCode(images), Arrays.hashCode(labels),
                sha256, sources);
    }

    /**
     * Its name, size and classes, e.g. {@code LabeledImages[fashion-mnist, 300 images of 15×15, 10 classes]} (the
     * record's own would print the arrays' identities and every source file).
     */
    @Override
    public String toString() {
        return "LabeledImages[" + name + ", " + images.length + " images of " + height + "×" + width + ", " + numClasses
                + " classes]";
    }
}
