package io.somnus.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
        assert height * width == inputs : "image shape does not match the number of inputs";
        int tiles = Math.min(maxTiles, neurons);
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
            for (int i = 0; i < inputs; i++) {
                float v = weights[i * neurons + t];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            float range = max > min ? max - min : 1f;
            int ox = gap + (t % cols) * (width * scale + gap);
            int oy = gap + (t / cols) * (height * scale + gap);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    float v = (weights[(r * width + c) * neurons + t] - min) / range;
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
}
