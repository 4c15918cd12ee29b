package io.somnus.data;

/** How {@link Preprocess} resamples an image to its output size. */
public enum ResizeFilter {
    /** plain bilinear interpolation at the output pixel centres, no anti-alias filter ({@link BilinearResize}) */
    BILINEAR,
    /** Pillow's bilinear resampling on 8-bit grey levels, a triangle filter widened by the scale factor ({@link AntialiasedResize}) */
    ANTIALIASED
}
