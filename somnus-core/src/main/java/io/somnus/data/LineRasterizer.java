package io.somnus.data;

/**
 * Draws anti-aliased thick line segments into a grey-scale image (row-major floats, pixel (x, y) covers
 * [x, x+1) x [y, y+1)). A pixel whose centre lies at distance d from the segment gets coverage
 * {@code clamp(halfWidth + 0.5 - d, 0, 1)} — the area a box filter of one pixel sees of a stroke edge —
 * times the stroke intensity; overlapping strokes combine by maximum, so joints do not brighten.
 *
 * <p>Pure Java arithmetic rather than Java2D, so that the same seed gives the same pixels on every JVM and
 * without a graphics environment.
 */
final class LineRasterizer {
    private LineRasterizer() {
    }

    static void segment(float[] img, int width, int height, double x0, double y0, double x1, double y1,
                        double halfWidth, double intensity) {
        double reach = halfWidth + 0.5;
        int xMin = Math.max(0, (int) Math.floor(Math.min(x0, x1) - reach));
        int xMax = Math.min(width - 1, (int) Math.ceil(Math.max(x0, x1) + reach));
        int yMin = Math.max(0, (int) Math.floor(Math.min(y0, y1) - reach));
        int yMax = Math.min(height - 1, (int) Math.ceil(Math.max(y0, y1) + reach));
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        for (int y = yMin; y <= yMax; y++) {
            double py = y + 0.5;
            for (int x = xMin; x <= xMax; x++) {
                double px = x + 0.5;
                double t = len2 == 0 ? 0 : ((px - x0) * dx + (py - y0) * dy) / len2;
                t = t < 0 ? 0 : (t > 1 ? 1 : t);
                double ex = px - (x0 + t * dx);
                double ey = py - (y0 + t * dy);
                double d = Math.sqrt(ex * ex + ey * ey);
                double c = reach - d;
                if (c > 0) {
                    float v = (float) (intensity * (c > 1 ? 1 : c));
                    int i = y * width + x;
                    if (v > img[i]) {
                        img[i] = v;
                    }
                }
            }
        }
    }

    /** A polyline through the points; {@code closed} also joins the last point to the first. */
    static void polyline(float[] img, int width, int height, double[] xs, double[] ys, boolean closed,
                         double halfWidth, double intensity) {
        int n = xs.length;
        int segments = closed ? n : n - 1;
        for (int k = 0; k < segments; k++) {
            int j = (k + 1) % n;
            segment(img, width, height, xs[k], ys[k], xs[j], ys[j], halfWidth, intensity);
        }
    }
}
