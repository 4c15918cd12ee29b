package io.somnus.data;

/**
 * What a dataset's IDX files must look like and how to turn them into {@link LabeledImages}.
 *
 * @param dataset     dataset name, used in error messages
 * @param rows        required image height, or 0 to accept any
 * @param cols        required image width, or 0 to accept any
 * @param numClasses  number of classes; labels (after the offset) must lie in [0, numClasses); 0 = infer as
 *                    largest label + 1
 * @param labelOffset subtracted from every stored label (EMNIST letters stores 1..26, so 1 there)
 * @param transposed  images are stored column-major (EMNIST) and are transposed on reading
 */
public record IdxFormat(String dataset, int rows, int cols, int numClasses, int labelOffset, boolean transposed) {
    /** Sizes, class count and label offset are ≥ 0 (a bug otherwise, asserted). */
    public IdxFormat {
        assert rows >= 0 && cols >= 0 && numClasses >= 0 && labelOffset >= 0;
    }

    /** Accepts any dimensions and any label values; labels are stored 0-based. */
    public static IdxFormat any(String dataset) {
        return new IdxFormat(dataset, 0, 0, 0, 0, false);
    }

    /** The range of stored label values accepted, for messages. */
    String labelRange() {
        return labelOffset + ".." + (labelOffset + numClasses - 1);
    }
}
