package io.somnus.data;

/**
 * Optional settings of {@link DatasetRegistry#load}.
 *
 * @param limit     return at most this many images (the first ones); 0 = all. Procedural data generates only
 *                  these, so asking for a few thousand costs a few thousand
 * @param imageSize side of generated images in pixels; 0 = the dataset's default. Procedural data only: IDX data
 *                  keeps its size, and a load that asks it of one is refused (resize with {@link Preprocess})
 * @param seed      seed of generated data (procedural data only); train and test come from independent
 *                  streams of it
 * @param allowUnverified accept files whose SHA-256 matches no published checksum of the dataset (recorded as
 *                  unverified in {@link LabeledImages#sources()}); by default such files are refused
 */
public record LoadOptions(int limit, int imageSize, long seed, boolean allowUnverified) {
    /** All images, default size, seed 0, published files only. */
    public static final LoadOptions DEFAULTS = new LoadOptions(0, 0, 0L, false);

    /** Options that accept only files matching a published checksum. */
    public LoadOptions(int limit, int imageSize, long seed) {
        this(limit, imageSize, seed, false);
    }

    /** Refuses a negative limit or image size ({@link IllegalArgumentException}). */
    public LoadOptions {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all images), got " + limit);
        }
        if (imageSize < 0) {
            throw new IllegalArgumentException("imageSize must be >= 0 (0 = dataset default), got " + imageSize);
        }
    }

    /** These options with at most {@code n} images (0 = all); a new object. */
    public LoadOptions withLimit(int n) {
        return new LoadOptions(n, imageSize, seed, allowUnverified);
    }

    /** These options, accepting (or not) files that match no published checksum. */
    public LoadOptions withAllowUnverified(boolean allow) {
        return new LoadOptions(limit, imageSize, seed, allow);
    }
}
