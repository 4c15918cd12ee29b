package io.somnus.data;

import io.somnus.core.GaussianDraws;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code geomfig-authors}: the four GeomFig classes as the authors' generator draws them (docs/fidelity.md §3;
 * {@code src/datasets/datasets.py @636f85f}, jitter off as in their defaults): <b>one fixed template per class</b>,
 * centred, of size 0.5 and stroke 2 ({@code src/models/SNN_sleepy/snn.py:314-321}), plus independent Gaussian pixel
 * noise. Somnus's {@link GeomFig} instead draws a random size, position and rotation per image.
 *
 * <p>Templates on an n×n image (written from their description, not their code):
 * <ul>
 *   <li>triangle, circle, x: drawn as one-sub-pixel lines on a 100× finer grid, two lines one sub-pixel apart for
 *       stroke 2 (circle: radii ⌊n/4⌋ − 1 … ⌊n/4⌋ + 1 whole pixels about pixel ⌊n/2⌋); a pixel's value is the
 *       fraction of its sub-pixels set, then the image is divided by its mean and clipped to [0, 1], which makes it
 *       nearly binary ({@code datasets.py:107-149, 172-249}); the triangle is flipped upside down (apex up);</li>
 *   <li>square: side ⌊n/2⌋ from ⌊(n − side)/2⌋, the outer 2 rows and columns set to 1 ({@code datasets.py:152-169}).</li>
 * </ul>
 * Noise: each pixel N(template, σ) clipped to [0, 1], with σ = noise_var² (their {@code add_noise} passes the
 * variance squared as the standard deviation, {@code datasets.py:96-104}) and noise_var = 0.5
 * ({@code src/config/defaults.py:90}), so σ = 0.25. Classes are balanced and shuffled ({@code datasets.py:374-378}).
 */
public final class GeomFigAuthors {
    /** Their noise_var (defaults.py:90); the pixel noise σ is its square. */
    static final double NOISE_VAR = 0.5;
    /** Figure size as a fraction of the image side, and stroke in pixels (snn.py:314-321). */
    static final double FIGURE_SIZE = 0.5;
    static final int STROKE = 2;
    /** Sub-pixels per pixel side of the drawing grid. */
    static final int SUB = 100;

    private static final Map<Integer, float[][]> TEMPLATES = new ConcurrentHashMap<>();

    private GeomFigAuthors() {
    }

    /** One split: train and test from two independent streams split off {@code new SplittableRandom(seed)}. */
    public static LabeledImages generate(Split split, int count, int size, long seed) {
        return generate(count, size, GeomFig.splitStream(split, seed));
    }

    /** {@code count} images (classes balanced up to count mod 4, in shuffled order) drawn from {@code stream}. */
    public static LabeledImages generate(int count, int size, SplittableRandom stream) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (size < 8) {
            throw new IllegalArgumentException("geomfig-authors needs images of at least 8 pixels, got " + size);
        }
        float[][] templates = templates(size);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % GeomFig.NUM_CLASSES;
        }
        SplittableRandom order = stream.split();
        for (int i = count - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        double sigma = NOISE_VAR * NOISE_VAR;
        float[][] images = new float[count][];
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = stream.split();
            float[] base = templates[labels[i]];
            float[] img = new float[base.length];
            for (int p = 0; p < img.length; p++) {
                img[p] = (float) Math.min(1.0, Math.max(0.0, base[p] + sigma * GaussianDraws.draw(rng)));
            }
            images[i] = img;
        }
        return new LabeledImages(DatasetCatalog.GEOMFIG_AUTHORS, size, size, images, labels, GeomFig.NUM_CLASSES,
                Map.of());
    }

    /** The noise-free template of each class at {@code size}, row-major, row 0 at the top. */
    static float[][] templates(int size) {
        return TEMPLATES.computeIfAbsent(size, n -> new float[][] {
                flipRows(meanNormalised(coverage(triangle(n), n)), n), meanNormalised(coverage(circle(n), n)),
                square(n), meanNormalised(coverage(cross(n), n))});
    }

    private static boolean[] triangle(int n) {
        double c = n / 2.0;
        double base = FIGURE_SIZE * n;
        double h = Math.sqrt(3) / 2 * base;
        double[][] v = {{c, c + h / 2}, {c - base / 2, c - h / 2}, {c + base / 2, c - h / 2}};
        boolean[] grid = new boolean[n * SUB * n * SUB];
        for (int k = 0; k < 3; k++) {
            strokeLine(grid, n, v[k], v[(k + 1) % 3]);
        }
        return grid;
    }

    private static boolean[] cross(int n) {
        double c = n / 2.0;
        double half = n * FIGURE_SIZE / 2;
        boolean[] grid = new boolean[n * SUB * n * SUB];
        strokeLine(grid, n, new double[] {c - half, c + half}, new double[] {c + half, c - half});
        strokeLine(grid, n, new double[] {c + half, c + half}, new double[] {c - half, c - half});
        return grid;
    }

    private static boolean[] circle(int n) {
        int centre = n / 2;
        int radius = (int) (FIGURE_SIZE * n / 2);
        boolean[] grid = new boolean[n * SUB * n * SUB];
        for (int r = radius - STROKE / 2; r <= radius + STROKE / 2; r++) {
            circlePerimeter(grid, n * SUB, centre * SUB, centre * SUB, r * SUB);
        }
        return grid;
    }

    private static float[] square(int n) {
        int side = (int) (FIGURE_SIZE * n);
        int start = (n - side) / 2;
        int end = start + side;
        float[] img = new float[n * n];
        for (int t = 0; t < STROKE; t++) {
            for (int k = start; k < end; k++) {
                img[(start + t) * n + k] = 1f;
                img[(end - 1 - t) * n + k] = 1f;
                img[k * n + start + t] = 1f;
                img[k * n + end - 1 - t] = 1f;
            }
        }
        return img;
    }

    /** STROKE one-sub-pixel lines offset along the normal by −STROKE/2 … STROKE/2 − 1 sub-pixels. */
    private static void strokeLine(boolean[] grid, int n, double[] a, double[] b) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double len = Math.hypot(dx, dy);
        double nx = -dy / len;
        double ny = dx / len;
        for (int off = -STROKE / 2; off < STROKE / 2; off++) {
            double ox = off * nx / SUB;
            double oy = off * ny / SUB;
            // x is the column, y the row of the fine grid
            line(grid, n * SUB, (int) ((a[1] + oy) * SUB), (int) ((a[0] + ox) * SUB), (int) ((b[1] + oy) * SUB),
                    (int) ((b[0] + ox) * SUB));
        }
    }

    /** Bresenham's line from (r0, c0) to (r1, c1), both ends included; points off the grid are skipped. */
    static void line(boolean[] grid, int side, int r0, int c0, int r1, int c1) {
        int dr = Math.abs(r1 - r0);
        int dc = Math.abs(c1 - c0);
        int sr = r0 < r1 ? 1 : -1;
        int sc = c0 < c1 ? 1 : -1;
        int err = dc - dr;
        int r = r0;
        int c = c0;
        while (true) {
            set(grid, side, r, c);
            if (r == r1 && c == c1) {
                return;
            }
            int e2 = 2 * err;
            if (e2 > -dr) {
                err -= dr;
                c += sc;
            }
            if (e2 < dc) {
                err += dc;
                r += sr;
            }
        }
    }

    /** The midpoint (Bresenham) circle of radius {@code radius} about (r, c). */
    static void circlePerimeter(boolean[] grid, int side, int r, int c, int radius) {
        int x = 0;
        int y = radius;
        int d = 3 - 2 * radius;
        while (y >= x) {
            set(grid, side, r + y, c + x);
            set(grid, side, r + y, c - x);
            set(grid, side, r - y, c + x);
            set(grid, side, r - y, c - x);
            set(grid, side, r + x, c + y);
            set(grid, side, r + x, c - y);
            set(grid, side, r - x, c + y);
            set(grid, side, r - x, c - y);
            if (d < 0) {
                d += 4 * x + 6;
            } else {
                d += 4 * (x - y) + 10;
                y--;
            }
            x++;
        }
    }

    private static void set(boolean[] grid, int side, int r, int c) {
        if (r >= 0 && r < side && c >= 0 && c < side) {
            grid[r * side + c] = true;
        }
    }

    /** The fraction of each pixel's SUB × SUB sub-pixels that are set. */
    private static float[] coverage(boolean[] grid, int n) {
        int side = n * SUB;
        float[] img = new float[n * n];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                if (grid[r * side + c]) {
                    img[(r / SUB) * n + c / SUB] += 1f;
                }
            }
        }
        for (int p = 0; p < img.length; p++) {
            img[p] /= SUB * SUB;
        }
        return img;
    }

    /** Divided by its mean (when positive) and clipped to [0, 1]. */
    private static float[] meanNormalised(float[] img) {
        double sum = 0;
        for (float v : img) {
            sum += v;
        }
        double mean = sum / img.length;
        if (mean > 0) {
            for (int p = 0; p < img.length; p++) {
                img[p] = (float) Math.min(1.0, img[p] / mean);
            }
        }
        return img;
    }

    private static float[] flipRows(float[] img, int n) {
        float[] out = new float[img.length];
        for (int r = 0; r < n; r++) {
            System.arraycopy(img, r * n, out, (n - 1 - r) * n, n);
        }
        return out;
    }

    /** A copy of the templates, for tests and inspection. */
    public static float[][] templatesCopy(int size) {
        float[][] t = templates(size);
        float[][] out = new float[t.length][];
        for (int k = 0; k < t.length; k++) {
            out[k] = Arrays.copyOf(t[k], t[k].length);
        }
        return out;
    }
}
