package io.somnus.data;

import io.somnus.core.NumberText;
import java.util.Arrays;

/**
 * The optional preprocessing before encoding: resize to {@code size×size} (plain bilinear, {@link BilinearResize},
 * or anti-aliased, {@link AntialiasedResize}), then normalisation of each image to a fixed pixel sum (see
 * {@link PixelSumNormalisation}).
 *
 * @param size     side of the output images in pixels, or 0 to keep the size
 * @param pixelSum target pixel sum of every image, or 0 for no normalisation
 * @param filter   how images are resampled when the size changes
 */
public record Preprocess(int size, double pixelSum, ResizeFilter filter) {
    /** No preprocessing. */
    public static final Preprocess NONE = new Preprocess(0, 0);
    /** The paper's: 15×15 inputs, each image normalised to a pixel sum of 0.1 × 225. */
    public static final Preprocess PAPER = new Preprocess(15, PixelSumNormalisation.PAPER_PIXEL_SUM);
    /**
     * The paper's SG-SNN's (the presets {@code paper-sg}, {@code paper-sg-code}): 15×15 inputs, not normalised, so
     * that pixels stay in [0, 1] as {@code SgTrainer} requires ({@link #PAPER}'s pixel sum can exceed 1 per pixel).
     */
    public static final Preprocess PAPER_SG = new Preprocess(15, 0);

    /** Plain bilinear resizing. */
    public Preprocess(int size, double pixelSum) {
        this(size, pixelSum, ResizeFilter.BILINEAR);
    }

    /**
     * Refuses ({@link IllegalArgumentException}) a null filter, a negative size, and a pixel sum that is negative, NaN
     * or infinite.
     */
    public Preprocess {
        if (filter == null) {
            throw new IllegalArgumentException("resize filter is null; use one of " + Arrays.toString(ResizeFilter.values()));
        }
        if (size < 0) {
            throw new IllegalArgumentException("resize size must be >= 0 (0 = keep), got " + size);
        }
        if (!(pixelSum >= 0) || Double.isInfinite(pixelSum)) {
            throw new IllegalArgumentException("pixel sum must be >= 0 and finite (0 = off), got " + NumberText.of(pixelSum));
        }
    }

    /** Applies this preprocessing to one {@code h×w} image, into a new array ({@code image} is not modified). */
    public float[] apply(float[] image, int h, int w) {
        float[] out;
        if (size > 0 && (size != h || size != w)) {
            out = switch (filter) {
                case BILINEAR -> BilinearResize.resize(image, h, w, size, size);
                case ANTIALIASED -> AntialiasedResize.resize(image, h, w, size, size);
            };
        } else {
            out = image.clone();
        }
        if (pixelSum > 0) {
            PixelSumNormalisation.normalise(out, pixelSum);
        }
        return out;
    }

    /** Applies this preprocessing to every image; labels, name and checksums are kept. */
    public LabeledImages apply(LabeledImages data) {
        if (size == 0 && pixelSum == 0) {
            return data;
        }
        float[][] out = new float[data.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = apply(data.images()[i], data.height(), data.width());
        }
        int h = size > 0 ? size : data.height();
        int w = size > 0 ? size : data.width();
        return new LabeledImages(data.name(), h, w, out, data.labels(), data.numClasses(), data.sha256(), data.sources());
    }
}
