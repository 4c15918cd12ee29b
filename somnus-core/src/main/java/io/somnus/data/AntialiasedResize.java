package io.somnus.data;

/**
 * Bilinear resampling with anti-aliasing, as Pillow computes {@code Image.resize(size, BILINEAR)} for an 8-bit grey
 * image, and so as torchvision's {@code Resize} does on PIL images (it calls that method; the authors' inputs,
 * {@code get_data.py:320-325 @40b7d33}). Each output pixel {@code i} of an axis is a weighted mean of the input
 * pixels {@code j} with weights
 * <pre>
 * k(j) = tri((j − c + 0.5) / s),   c = (i + 0.5)·scale,   s = max(scale, 1),   tri(x) = max(0, 1 − |x|),
 * scale = inSize / outSize,
 * </pre>
 * over {@code j ∈ [trunc(c − s + 0.5), trunc(c + s + 0.5))} clipped to the image, normalised to sum 1: a triangle
 * whose support widens with the reduction, so that every input pixel contributes (plain bilinear,
 * {@link BilinearResize}, reads at most two per axis). As in Pillow: the input is taken as 8-bit levels
 * ({@code round(255·p)}, p clamped to [0, 1]); the weights are fixed point with 22 fraction bits, rounded to nearest;
 * the horizontal pass runs first and its result is rounded to 8 bits before the vertical pass; each pass adds half a
 * unit and truncates (round half up), clamped to [0, 255]. The output is {@code level / 255} as torchvision's
 * {@code ToTensor} gives it. An axis whose size does not change is not resampled.
 */
public final class AntialiasedResize {
    /** Fraction bits of Pillow's 8-bit fixed-point weights (32 − 8 − 2). */
    static final int PRECISION_BITS = 22;

    private AntialiasedResize() {
    }

    /** Resizes a row-major {@code h×w} image (values in [0, 1]) to {@code outH×outW}, into a new array. */
    public static float[] resize(float[] src, int h, int w, int outH, int outW) {
        if (src.length != h * w || outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("resize " + h + "x" + w + " (" + src.length + " pixels) to "
                    + outH + "x" + outW + ": sizes do not match");
        }
        int[] levels = new int[h * w];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = (int) Math.round(Math.min(1.0, Math.max(0.0, src[i])) * 255.0);
        }
        int[] rows = outW == w ? levels : pass(levels, h, w, outW, true);
        int[] out = outH == h ? rows : pass(rows, h, outW, outH, false);
        float[] dst = new float[outH * outW];
        for (int i = 0; i < dst.length; i++) {
            dst[i] = out[i] / 255f;
        }
        return dst;
    }

    /** One axis: along each row ({@code horizontal}) from {@code w} to {@code outSize}, or down each column from {@code h}. */
    private static int[] pass(int[] in, int h, int w, int outSize, boolean horizontal) {
        int inSize = horizontal ? w : h;
        int lines = horizontal ? h : w;
        Weights k = weights(inSize, outSize);
        int outW = horizontal ? outSize : w;
        int[] out = new int[horizontal ? h * outSize : outSize * w];
        for (int line = 0; line < lines; line++) {
            for (int o = 0; o < outSize; o++) {
                int sum = 1 << (PRECISION_BITS - 1);
                for (int t = 0; t < k.count[o]; t++) {
                    int j = k.first[o] + t;
                    int level = horizontal ? in[line * w + j] : in[j * w + line];
                    sum += level * k.fixed[o][t];
                }
                int v = Math.min(255, Math.max(0, sum >> PRECISION_BITS));
                out[horizontal ? line * outW + o : o * outW + line] = v;
            }
        }
        return out;
    }

    /**
     * The fixed-point weights of one axis.
     *
     * @param first the first input pixel of each output pixel
     * @param count how many input pixels each output pixel reads
     * @param fixed their weights × 2^22, rounded to nearest
     */
    record Weights(int[] first, int[] count, int[][] fixed) { }

    /** The weights of an axis resampled from {@code inSize} to {@code outSize} pixels (see the class comment). */
    static Weights weights(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double widen = Math.max(scale, 1.0);
        double support = widen; // the triangle's support, 1, widened by the reduction
        double shrink = 1.0 / widen; // Pillow multiplies by the reciprocal: the same last bits
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[][] fixed = new int[outSize][];
        for (int o = 0; o < outSize; o++) {
            double centre = (o + 0.5) * scale;
            int lo = Math.max(0, (int) (centre - support + 0.5));
            int hi = Math.min(inSize, (int) (centre + support + 0.5));
            double[] k = new double[Math.max(0, hi - lo)];
            double total = 0;
            for (int t = 0; t < k.length; t++) {
                k[t] = Math.max(0.0, 1.0 - Math.abs((t + lo - centre + 0.5) * shrink));
                total += k[t];
            }
            fixed[o] = new int[k.length];
            for (int t = 0; t < k.length; t++) {
                double normalised = total != 0 ? k[t] / total : k[t];
                fixed[o][t] = (int) (0.5 + normalised * (1 << PRECISION_BITS));
            }
            first[o] = lo;
            count[o] = k.length;
        }
        return new Weights(first, count, fixed);
    }
}
