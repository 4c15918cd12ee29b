package io.somnus.data;

import io.somnus.core.NumberText;

/**
 * Scales an image so that its pixels sum to a fixed total, {@code p_i ← p_i · S / Σ_j p_j}, which equalises the
 * total input drive across images. An all-zero image stays zero. Pixels may exceed 1 afterwards; encoders
 * cap probabilities at 1.
 */
public final class PixelSumNormalisation {
    /**
     * The paper's target sum for 15×15 inputs: 0.1 × 225 = 22.5 (Massey et al. 2026, authors' code), i.e. a
     * mean pixel value of 0.1.
     */
    public static final double PAPER_PIXEL_SUM = 0.1 * 225;

    private PixelSumNormalisation() {
    }

    /** Normalises {@code image} in place to pixel sum {@code targetSum} (&gt; 0). */
    public static void normalise(float[] image, double targetSum) {
        if (!(targetSum > 0) || Double.isInfinite(targetSum)) {
            throw new IllegalArgumentException("pixel sum must be positive and finite, got " + NumberText.of(targetSum));
        }
        double sum = 0;
        for (float p : image) {
            sum += p;
        }
        if (sum == 0) {
            return;
        }
        float scale = (float) (targetSum / sum);
        for (int i = 0; i < image.length; i++) {
            image[i] *= scale;
        }
    }
}
