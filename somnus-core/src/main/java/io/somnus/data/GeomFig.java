package io.somnus.data;

import io.somnus.core.GaussianDraws;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * GeomFig: a procedural dataset of four classes of noisy line drawings — 0 triangle, 1 circle, 2 square,
 * 3 cross (x) — rendered with anti-aliasing at any size, bright strokes on a dark background like MNIST.
 *
 * <p>Each image draws from its own stream (split off the dataset's stream in order), so the first n images
 * of a larger set equal a set of n, and generating n images costs O(n). Per image: class uniform over the
 * four; half-extent r ~ U(0.25, 0.40)·size; centre uniform where the figure fits; rotation uniform (the
 * cross only within ±15° so it stays an x, not a +); vertices jittered by N(0, (0.06 r)²) per coordinate
 * (the circle instead gets an elliptic, wobbly outline); stroke half-width U(0.025, 0.05)·size (at least
 * 0.5 px); stroke intensity U(0.8, 1); then N(0, 0.05²) pixel noise, clipped to [0, 1]. All parameters are
 * fractions of the image size, so a figure looks alike at every size.
 */
public final class GeomFig {
    /** The number of classes: {@link #TRIANGLE}, {@link #CIRCLE}, {@link #SQUARE}, {@link #CROSS}. */
    public static final int NUM_CLASSES = 4;
    /** The label of a triangle. */
    public static final int TRIANGLE = 0;
    /** The label of a circle. */
    public static final int CIRCLE = 1;
    /** The label of a square. */
    public static final int SQUARE = 2;
    /** The label of a cross (an x). */
    public static final int CROSS = 3;
    /** Each label's name, by label. */
    public static final List<String> CLASS_NAMES = List.of("triangle", "circle", "square", "cross");
    /** Default image side in pixels (as MNIST). */
    public static final int DEFAULT_SIZE = 28;

    /** Half-extent of a figure as a fraction of the image side. */
    static final double RADIUS_MIN = 0.25;
    static final double RADIUS_MAX = 0.40;
    /** Stroke half-width as a fraction of the image side (0.7 to 1.4 px at 28 px). */
    static final double HALF_WIDTH_MIN = 0.025;
    static final double HALF_WIDTH_MAX = 0.05;
    /** Smallest stroke half-width in pixels, so that small images still show a line. */
    static final double HALF_WIDTH_FLOOR_PX = 0.5;
    /** Stroke intensity range. */
    static final double INTENSITY_MIN = 0.8;
    /** Standard deviation of vertex jitter as a fraction of the half-extent. */
    static final double VERTEX_JITTER = 0.06;
    /** Standard deviation of additive Gaussian pixel noise (intensity units). */
    static final double PIXEL_NOISE = 0.05;
    /** Largest rotation of the cross away from 45 degrees (rad). */
    static final double CROSS_TILT = Math.PI / 12;
    /** Vertices of the polygon that draws a circle. */
    static final int CIRCLE_VERTICES = 32;

    private GeomFig() {
    }

    /** {@code count} images of {@code size}×{@code size} pixels from one stream seeded by {@code seed}. */
    public static LabeledImages generate(int count, int size, long seed) {
        return generate(count, size, new SplittableRandom(seed));
    }

    /**
     * One split of the dataset of seed {@code seed}: the train and test splits come from two independent
     * streams split off {@code new SplittableRandom(seed)}, so they never share images.
     */
    public static LabeledImages generate(Split split, int count, int size, long seed) {
        return generate(count, size, splitStream(split, seed));
    }

    /** The stream of one split: train and test are two independent streams split off {@code new SplittableRandom(seed)}. */
    static SplittableRandom splitStream(Split split, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom train = root.split();
        SplittableRandom test = root.split();
        return split == Split.TRAIN ? train : test;
    }

    /** {@code count} images drawn from {@code stream} (which advances). */
    public static LabeledImages generate(int count, int size, SplittableRandom stream) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (size < 4) {
            throw new IllegalArgumentException("image size must be at least 4 pixels, got " + size);
        }
        float[][] images = new float[count][];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = stream.split();
            labels[i] = rng.nextInt(NUM_CLASSES);
            images[i] = new float[size * size];
            drawRandom(labels[i], size, rng, images[i]);
        }
        return new LabeledImages(DatasetCatalog.GEOMFIG, size, size, images, labels, NUM_CLASSES, Map.of());
    }

    private static void drawRandom(int shape, int size, SplittableRandom rng, float[] img) {
        double r = size * uniform(rng, RADIUS_MIN, RADIUS_MAX);
        double hw = Math.max(HALF_WIDTH_FLOOR_PX, size * uniform(rng, HALF_WIDTH_MIN, HALF_WIDTH_MAX));
        double intensity = uniform(rng, INTENSITY_MIN, 1.0);
        double margin = r + hw + 0.5;
        double cx = margin < size - margin ? uniform(rng, margin, size - margin) : size / 2.0;
        double cy = margin < size - margin ? uniform(rng, margin, size - margin) : size / 2.0;
        double angle = switch (shape) {
            case TRIANGLE -> uniform(rng, 0, 2 * Math.PI);
            case SQUARE -> uniform(rng, 0, Math.PI / 2);
            case CROSS -> Math.PI / 4 + uniform(rng, -CROSS_TILT, CROSS_TILT);
            default -> 0;
        };
        draw(shape, cx, cy, r, angle, hw, intensity, size, img, rng);
        for (int i = 0; i < img.length; i++) {
            double v = img[i] + PIXEL_NOISE * GaussianDraws.draw(rng);
            img[i] = (float) (v < 0 ? 0 : (v > 1 ? 1 : v));
        }
    }

    /**
     * Draws one figure without noise: a regular polygon (triangle, square) with a vertex at {@code angle}, a
     * circle, or a cross whose first arm points at {@code angle}; centre (cx, cy) and half-extent r in pixels.
     *
     * @param jitterOrNull source of vertex jitter and of the circle's elliptic wobble; {@code null} draws the
     *                     exact figure
     */
    static void draw(int shape, double cx, double cy, double r, double angle, double halfWidth, double intensity,
                     int size, float[] img, SplittableRandom jitterOrNull) {
        if (shape == CROSS) {
            for (double a : new double[]{angle, angle + Math.PI / 2}) {
                double[][] arm = {{StrictMath.cos(a), -StrictMath.cos(a)}, {StrictMath.sin(a), -StrictMath.sin(a)}};
                place(arm, cx, cy, r, jitterOrNull);
                LineRasterizer.polyline(img, size, size, arm[0], arm[1], false, halfWidth, intensity);
            }
            return;
        }
        double[][] pts = switch (shape) {
            case TRIANGLE -> polygon(3, angle);
            case SQUARE -> polygon(4, angle);
            case CIRCLE -> jitterOrNull == null ? polygon(CIRCLE_VERTICES, 0) : wobblyEllipse(jitterOrNull);
            default -> throw new AssertionError("shape " + shape);
        };
        place(pts, cx, cy, r, shape == CIRCLE ? null : jitterOrNull);
        LineRasterizer.polyline(img, size, size, pts[0], pts[1], true, halfWidth, intensity);
    }

    /** Vertices of a regular n-gon of unit circumradius, first vertex at angle {@code phase}. */
    static double[][] polygon(int n, double phase) {
        double[][] p = new double[2][n];
        for (int k = 0; k < n; k++) {
            double a = phase + 2 * Math.PI * k / n;
            p[0][k] = StrictMath.cos(a);
            p[1][k] = StrictMath.sin(a);
        }
        return p;
    }

    /** A unit circle stretched into a random ellipse with a smooth low-frequency wobble. */
    private static double[][] wobblyEllipse(SplittableRandom rng) {
        double ax = uniform(rng, 0.85, 1.15);
        double ay = uniform(rng, 0.85, 1.15);
        double tilt = uniform(rng, 0, Math.PI);
        double w2 = uniform(rng, -0.05, 0.05);
        double w3 = uniform(rng, -0.05, 0.05);
        double p2 = uniform(rng, 0, 2 * Math.PI);
        double p3 = uniform(rng, 0, 2 * Math.PI);
        double ct = StrictMath.cos(tilt);
        double st = StrictMath.sin(tilt);
        double[][] p = new double[2][CIRCLE_VERTICES];
        for (int k = 0; k < CIRCLE_VERTICES; k++) {
            double a = 2 * Math.PI * k / CIRCLE_VERTICES;
            double rad = 1 + w2 * StrictMath.sin(2 * a + p2) + w3 * StrictMath.sin(3 * a + p3);
            double x = ax * rad * StrictMath.cos(a);
            double y = ay * rad * StrictMath.sin(a);
            p[0][k] = x * ct - y * st;
            p[1][k] = x * st + y * ct;
        }
        return p;
    }

    /** Scales unit-size points by r, jitters them (unless no generator is given), moves them to (cx, cy), in place. */
    private static void place(double[][] p, double cx, double cy, double r, SplittableRandom jitterOrNull) {
        for (int k = 0; k < p[0].length; k++) {
            double jx = jitterOrNull != null ? VERTEX_JITTER * r * GaussianDraws.draw(jitterOrNull) : 0;
            double jy = jitterOrNull != null ? VERTEX_JITTER * r * GaussianDraws.draw(jitterOrNull) : 0;
            p[0][k] = cx + r * p[0][k] + jx;
            p[1][k] = cy + r * p[1][k] + jy;
        }
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
