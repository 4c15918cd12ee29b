package io.somnus.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Draws receptive fields: column j of a [inputs][neurons] weight matrix, reshaped to the input image's
 * [height][width], as a greyscale tile (each tile scaled to its own min..max, white = strongest), tiles
 * on a square grid with 1-pixel lines between them; the places a last row leaves empty are transparent.
 */
final class ReceptiveFields {
    private ReceptiveFields() {}

    /**
     * @param weights   row-major [inputs][neurons]
     * @param inputs    rows
     * @param neurons   columns
     * @param height    image height (height · width = inputs)
     * @param width     image width
     * @param maxTiles  how many neurons to draw (the first ones)
     * @param scale     pixels per weight
     * @return PNG bytes
     */
    static byte[] png(float[] weights, int inputs, int neurons, int height, int width, int maxTiles, int scale)
            throws IOException {
        return png(weights, inputs, neurons, height, width,
                IntStream.range(0, Math.min(maxTiles, neurons)).toArray(), scale);
    }

    /** As above, drawing the neurons {@code shown} (columns), in that order. */
    static byte[] png(float[] weights, int inputs, int neurons, int height, int width, int[] shown, int scale)
            throws IOException {
        assert height * width == inputs : "image shape does not match the number of inputs";
        int tiles = shown.length;
        int cols = (int) Math.ceil(Math.sqrt(tiles));
        int rows = (int) Math.ceil(tiles / (double) cols);
        int gap = 1;
        int w = cols * (width * scale + gap) + gap;
        int h = rows * (height * scale + gap) + gap;
        // the grid's lines around each tile; a last row's empty places stay transparent (the page shows through)
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int grid = 0xff6a8caf;
        for (int t = 0; t < tiles; t++) {
            int ox = (t % cols) * (width * scale + gap);
            int oy = (t / cols) * (height * scale + gap);
            for (int y = oy; y < oy + height * scale + 2 * gap; y++) {
                for (int x = ox; x < ox + width * scale + 2 * gap; x++) {
                    img.setRGB(x, y, grid);
                }
            }
        }
        for (int t = 0; t < tiles; t++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            int j = shown[t];
            for (int i = 0; i < inputs; i++) {
                float v = weights[i * neurons + j];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            float range = max > min ? max - min : 1f;
            int ox = gap + (t % cols) * (width * scale + gap);
            int oy = gap + (t / cols) * (height * scale + gap);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    float v = (weights[(r * width + c) * neurons + j] - min) / range;
                    int g = Math.round(255 * v);
                    int rgb = 0xff000000 | (g << 16) | (g << 8) | g;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(ox + c * scale + dx, oy + r * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /**
     * The {@code k} neurons (columns) whose weights vary most over the inputs (population standard deviation; ties to
     * the lower index), in ascending order; all of them when there are no more than {@code k}. Learning concentrates a
     * field on its pattern, while one that never won keeps its random start's spread: of diehl-cook's first 64
     * neurons at N_e = 1 600 after 1 000 images, 8 showed a pattern, the rest noise.
     */
    static int[] mostVarying(float[] weights, int inputs, int neurons, int k) {
        if (neurons <= k) {
            return IntStream.range(0, neurons).toArray();
        }
        double[] sum = new double[neurons];
        double[] sumSq = new double[neurons];
        for (int i = 0; i < inputs; i++) {
            int o = i * neurons;
            for (int j = 0; j < neurons; j++) {
                double v = weights[o + j];
                sum[j] += v;
                sumSq[j] += v * v;
            }
        }
        double[] variance = new double[neurons];
        for (int j = 0; j < neurons; j++) {
            double mean = sum[j] / inputs;
            variance[j] = Math.max(0, sumSq[j] / inputs - mean * mean);
        }
        return IntStream.range(0, neurons).boxed()
                .sorted((a, b) -> variance[a] != variance[b] ? Double.compare(variance[b], variance[a])
                        : Integer.compare(a, b))
                .limit(k).mapToInt(Integer::intValue).sorted().toArray();
    }
}
