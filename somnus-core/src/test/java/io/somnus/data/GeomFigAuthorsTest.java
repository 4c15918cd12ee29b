package io.somnus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The authors' GeomFig: fixed templates worked out by hand at 15 × 15, noise σ = 0.5² = 0.25, balanced classes. */
class GeomFigAuthorsTest {
    private static final int N = 15;

    @Test
    void squareIsTheTwoPixelOutlineOfA7By7Square() {
        float[] sq = GeomFigAuthors.templatesCopy(N)[GeomFig.SQUARE];
        int ones = 0;
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                // side ⌊15/2⌋ = 7 from ⌊(15 − 7)/2⌋ = 4 to 10; the ring of width 2 leaves 6..8 empty
                boolean inside = r >= 4 && r <= 10 && c >= 4 && c <= 10;
                boolean hole = r >= 6 && r <= 8 && c >= 6 && c <= 8;
                assertEquals(inside && !hole ? 1f : 0f, sq[r * N + c], "pixel " + r + "," + c);
                ones += sq[r * N + c] == 1f ? 1 : 0;
            }
        }
        assertEquals(49 - 9, ones);
    }

    @Test
    void drawnTemplatesAreMeanNormalisedAndShaped() {
        float[][] t = GeomFigAuthors.templatesCopy(N);
        for (int k : new int[] {GeomFig.TRIANGLE, GeomFig.CIRCLE, GeomFig.CROSS}) {
            float max = 0;
            for (float v : t[k]) {
                assertTrue(v >= 0 && v <= 1);
                max = Math.max(max, v);
            }
            assertEquals(1f, max, "divided by the mean, a stroke pixel reaches 1 (class " + k + ")");
        }
        // the x passes through the diagonal pixels between 3.75 and 11.25
        for (int r = 5; r <= 9; r++) {
            assertTrue(t[GeomFig.CROSS][r * N + r] > 0, "diagonal " + r);
            assertTrue(t[GeomFig.CROSS][r * N + (N - 1 - r)] > 0, "anti-diagonal " + r);
        }
        // apex up: the flipped triangle's fullest row (the base) is in the lower half
        int fullest = 0;
        double best = -1;
        for (int r = 0; r < N; r++) {
            double s = 0;
            for (int c = 0; c < N; c++) {
                s += t[GeomFig.TRIANGLE][r * N + c];
            }
            if (s > best) {
                best = s;
                fullest = r;
            }
        }
        assertTrue(fullest > N / 2, "base row " + fullest);
        // the circle is empty at its centre and 0 in the corners
        assertEquals(0f, t[GeomFig.CIRCLE][7 * N + 7]);
        assertEquals(0f, t[GeomFig.CIRCLE][0]);
    }

    @Test
    void pixelNoiseIsClippedGaussianWithSigmaTheSquareOfNoiseVar() {
        LabeledImages d = GeomFigAuthors.generate(Split.TRAIN, 2000, N, 3);
        // a background pixel (template 0): E[max(0, N(0, σ²))] = σ/√(2π) with σ = 0.25
        double sum = 0;
        for (float[] img : d.images()) {
            sum += img[0];
        }
        double expected = 0.25 / Math.sqrt(2 * Math.PI);
        double se = 0.25 * Math.sqrt(0.5 - 1 / (2 * Math.PI)) / Math.sqrt(2000);
        assertEquals(expected, sum / 2000, 5 * se);
        int[] perClass = new int[4];
        for (int y : d.labels()) {
            perClass[y]++;
        }
        assertArrayEquals(new int[] {500, 500, 500, 500}, perClass);
        assertArrayEquals(d.images()[17], GeomFigAuthors.generate(Split.TRAIN, 2000, N, 3).images()[17], "same seed");
    }
}
