package io.somnus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessTest {
    /**
     * Hand-worked, and what PyTorch gives for
     * {@code F.interpolate(tensor([[[[1.,2.],[3.,4.]]]]), size=(4,4), mode='bilinear', align_corners=False)}:
     * output column j samples x = (j + 0.5)/2 − 0.5 = −0.25 (clamped to 0), 0.25, 0.75, 1.25 (x1 clamped to 1),
     * i.e. weights on (p0, p1) of (1, 0), (.75, .25), (.25, .75), (0, 1); the same down the rows.
     */
    @Test
    void upscale2x2To4x4MatchesPyTorchAlignCornersFalse() {
        float[] out = BilinearResize.resize(new float[]{1, 2, 3, 4}, 2, 2, 4, 4);
        float[] expected = {
                1.00f, 1.25f, 1.75f, 2.00f,
                1.50f, 1.75f, 2.25f, 2.50f,
                2.50f, 2.75f, 3.25f, 3.50f,
                3.00f, 3.25f, 3.75f, 4.00f};
        assertArrayEquals(expected, out, 1e-6f);
    }

    /** Halving samples at x = (j + 0.5)·2 − 0.5 = 0.5, 2.5: the mean of each 2×2 block. */
    @Test
    void downscaleByTwoAveragesBlocks() {
        float[] src = new float[16];
        for (int i = 0; i < 16; i++) {
            src[i] = i;
        }
        float[] out = BilinearResize.resize(src, 4, 4, 2, 2);
        assertArrayEquals(new float[]{(0 + 1 + 4 + 5) / 4f, (2 + 3 + 6 + 7) / 4f, (8 + 9 + 12 + 13) / 4f,
                (10 + 11 + 14 + 15) / 4f}, out, 1e-6f);
    }

    /** 3 → 2 (scale 1.5): x = 0.25 and 1.75, so (0.75·p0 + 0.25·p1) and (0.25·p1 + 0.75·p2). */
    @Test
    void nonIntegerScaleRowVector() {
        float[] out = BilinearResize.resize(new float[]{0, 10, 20}, 1, 3, 1, 2);
        assertArrayEquals(new float[]{2.5f, 17.5f}, out, 1e-5f);
    }

    @Test
    void sameSizeIsIdentity() {
        float[] src = {0.1f, 0.7f, 0.3f, 0.9f, 0.2f, 0.4f};
        assertArrayEquals(src, BilinearResize.resize(src, 2, 3, 2, 3), 0f);
    }

    @Test
    void normalisesToPixelSumAndLeavesZeroImageZero() {
        float[] img = {0.5f, 1f, 0f, 0.5f};
        PixelSumNormalisation.normalise(img, 22.5);
        assertArrayEquals(new float[]{5.625f, 11.25f, 0f, 5.625f}, img, 1e-5f); // × 22.5/2
        float[] zero = new float[9];
        PixelSumNormalisation.normalise(zero, 22.5);
        assertArrayEquals(new float[9], zero, 0f);
        assertEquals(22.5, PixelSumNormalisation.PAPER_PIXEL_SUM, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PixelSumNormalisation.normalise(img, -1));
    }

    @Test
    void paperPreprocessingOfWholeDataset() {
        float[] a = new float[28 * 28];
        a[14 * 28 + 14] = 1f;
        a[3 * 28 + 20] = 0.5f;
        float[] zero = new float[28 * 28];
        LabeledImages data = new LabeledImages("x", 28, 28, new float[][]{a, zero}, new int[]{3, 1}, 10,
                Map.of("f", "abc"));
        LabeledImages out = Preprocess.PAPER.apply(data);
        assertEquals(15, out.height());
        assertEquals(15, out.width());
        assertEquals(225, out.images()[0].length);
        double sum = 0;
        for (float p : out.images()[0]) {
            sum += p;
        }
        assertEquals(22.5, sum, 1e-4);
        assertArrayEquals(new float[225], out.images()[1], 0f);
        assertArrayEquals(new int[]{3, 1}, out.labels());
        assertEquals(Map.of("f", "abc"), out.sha256());
        assertEquals(1f, a[14 * 28 + 14], 0f); // input untouched
        assertSame(data, Preprocess.NONE.apply(data));
        assertThrows(IllegalArgumentException.class, () -> new Preprocess(-1, 0));
    }
}
