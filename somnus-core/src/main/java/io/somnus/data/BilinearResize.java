package io.somnus.data;

/**
 * Bilinear resampling of a grey-scale image with the pixel-centre convention of PyTorch's
 * {@code F.interpolate(mode='bilinear', align_corners=False, antialias=False)} (and OpenCV's
 * {@code INTER_LINEAR}): output pixel {@code i} samples the input at
 * {@code x = (i + 0.5)·(inSize/outSize) − 0.5}, clamped below at 0; with {@code x0 = floor(x)},
 * {@code x1 = min(x0 + 1, inSize − 1)} and {@code λ = x − x0} the value is {@code (1−λ)·p[x0] + λ·p[x1]}, in
 * both directions. Downscaling therefore does not average over more than 2×2 input pixels (no anti-alias
 * filter), exactly as the reference does.
 */
public final class BilinearResize {
    private BilinearResize() {
    }

    /** Resizes a row-major {@code h×w} image to {@code outH×outW}, into a new array. */
    public static float[] resize(float[] src, int h, int w, int outH, int outW) {
        float[] dst = new float[outH * outW];
        resize(src, h, w, dst, outH, outW);
        return dst;
    }

    /** Resizes a row-major {@code h×w} image into {@code dst} ({@code outH×outW}); {@code src} is not modified. */
    public static void resize(float[] src, int h, int w, float[] dst, int outH, int outW) {
        if (src.length != h * w || dst.length < outH * outW || outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("resize " + h + "x" + w + " (" + src.length + " pixels) to "
                    + outH + "x" + outW + " (" + dst.length + " pixels): sizes do not match");
        }
        double sy = (double) h / outH;
        double sx = (double) w / outW;
        for (int oy = 0; oy < outH; oy++) {
            double y = Math.max(0, (oy + 0.5) * sy - 0.5);
            int y0 = (int) y;
            int y1 = Math.min(y0 + 1, h - 1);
            double ly = y - y0;
            for (int ox = 0; ox < outW; ox++) {
                double x = Math.max(0, (ox + 0.5) * sx - 0.5);
                int x0 = (int) x;
                int x1 = Math.min(x0 + 1, w - 1);
                double lx = x - x0;
                double top = (1 - lx) * src[y0 * w + x0] + lx * src[y0 * w + x1];
                double bottom = (1 - lx) * src[y1 * w + x0] + lx * src[y1 * w + x1];
                dst[oy * outW + ox] = (float) ((1 - ly) * top + ly * bottom);
            }
        }
    }
}
