package io.somnus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeomFigTest {
    @Test
    void sameSeedSameImagesOtherSeedOtherImages() {
        LabeledImages a = GeomFig.generate(200, 28, 42);
        LabeledImages b = GeomFig.generate(200, 28, 42);
        LabeledImages c = GeomFig.generate(200, 28, 43);
        assertTrue(Arrays.deepEquals(a.images(), b.images()));
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.deepEquals(a.images(), c.images()));
    }

    @Test
    void prefixOfLargerSetEqualsSmallerSet() {
        LabeledImages small = GeomFig.generate(Split.TRAIN, 40, 28, 5);
        LabeledImages large = GeomFig.generate(Split.TRAIN, 400, 28, 5);
        assertTrue(Arrays.deepEquals(small.images(), large.head(40).images()));
        assertArrayEquals(small.labels(), large.head(40).labels());
    }

    @Test
    void trainAndTestNeverShareAnImage() {
        LabeledImages train = GeomFig.generate(Split.TRAIN, 2000, 28, 1);
        LabeledImages test = GeomFig.generate(Split.TEST, 2000, 28, 1);
        Set<FloatBuffer> seen = new HashSet<>(); // FloatBuffer equality compares the contents
        for (float[] img : train.images()) {
            seen.add(FloatBuffer.wrap(img));
        }
        assertEquals(2000, seen.size());
        for (float[] img : test.images()) {
            assertFalse(seen.contains(FloatBuffer.wrap(img)));
        }
    }

    @Test
    void pixelsInUnitRangeAndClassesBalancedWithinFiveSigma() {
        int n = 4000;
        LabeledImages d = GeomFig.generate(n, 28, 9);
        assertEquals(4, d.numClasses());
        assertEquals(28 * 28, d.pixels());
        int[] counts = new int[4];
        for (int i = 0; i < n; i++) {
            counts[d.labels()[i]]++;
            for (float p : d.images()[i]) {
                assertTrue(p >= 0 && p <= 1);
            }
        }
        double sigma = Math.sqrt(n * 0.25 * 0.75); // binomial count of one class
        for (int c : counts) {
            assertEquals(n / 4.0, c, 5 * sigma);
        }
    }

    @Test
    void anySizeWorks() {
        for (int size : new int[]{8, 15, 64}) {
            LabeledImages d = GeomFig.generate(20, size, 3);
            assertEquals(size, d.height());
            assertEquals(size * size, d.images()[0].length);
            float max = 0;
            for (float p : d.images()[0]) {
                max = Math.max(max, p);
            }
            assertTrue(max >= GeomFig.INTENSITY_MIN - 0.2, "a stroke is visible at size " + size);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> GeomFig.generate(-1, 28, 0));
        assertThrows(IllegalArgumentException.class, () -> GeomFig.generate(1, 2, 0));
    }

    /** Exact figures, hand-checked geometry: 28x28, centre (14, 14), r = 8, stroke half-width 1. */
    @Test
    void exactFiguresHaveStrokesWhereGeometrySaysAndHollowCentres() {
        int s = 28;
        float[] circle = new float[s * s];
        GeomFig.draw(GeomFig.CIRCLE, 14, 14, 8, 0, 1, 1, s, circle, null);
        assertEquals(1f, circle[13 * s + 21], 1e-6); // pixel centre (21.5, 13.5) is 0.5 inside the ring at x = 22
        assertEquals(0f, circle[13 * s + 13], 0f);   // centre empty
        float[] square = new float[s * s];
        GeomFig.draw(GeomFig.SQUARE, 14, 14, 8, Math.PI / 4, 1, 1, s, square, null);
        // axis-aligned square with corners at 14 ± 8/sqrt(2) = 14 ± 5.657: right edge at x = 19.657
        assertEquals(1f, square[13 * s + 19], 1e-6); // centre (19.5, 13.5): 0.157 from the edge
        assertEquals(0f, square[13 * s + 13], 0f);
        assertEquals(0f, square[13 * s + 22], 0f);   // 2.84 px outside
        float[] cross = new float[s * s];
        GeomFig.draw(GeomFig.CROSS, 14, 14, 8, Math.PI / 4, 1, 1, s, cross, null);
        assertEquals(1f, cross[13 * s + 13], 1e-6);  // arms cross at the centre
        assertEquals(1f, cross[17 * s + 17], 1e-6);  // (17.5, 17.5) on the diagonal
        assertEquals(0f, cross[13 * s + 17], 0f);    // (17.5, 13.5): 2.83 px from both diagonals
        float[] triangle = new float[s * s];
        GeomFig.draw(GeomFig.TRIANGLE, 14, 14, 8, 0, 1, 1, s, triangle, null);
        // vertex at (22, 14); the opposite side is the line x = 14 - 4 = 10
        assertEquals(1f, triangle[13 * s + 10], 1e-6);
        assertEquals(0f, triangle[13 * s + 14], 0f);
    }

    /** Crosses are bright where their strokes' centre of mass lies; the closed figures are hollow there. */
    @Test
    void generatedCrossesHaveBrightCentresClosedFiguresHollowOnes() {
        LabeledImages d = GeomFig.generate(800, 28, 11);
        int[] n = new int[4];
        int[] bright = new int[4];
        for (int i = 0; i < d.size(); i++) {
            float[] img = d.images()[i];
            double sx = 0;
            double sy = 0;
            double w = 0;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    float v = img[y * 28 + x];
                    if (v > 0.5f) {
                        sx += v * x;
                        sy += v * y;
                        w += v;
                    }
                }
            }
            int cx = (int) Math.round(sx / w);
            int cy = (int) Math.round(sy / w);
            int label = d.labels()[i];
            n[label]++;
            if (img[cy * 28 + cx] > 0.5f) {
                bright[label]++;
            }
        }
        assertTrue(bright[GeomFig.CROSS] > 0.9 * n[GeomFig.CROSS], Arrays.toString(bright) + " of " + Arrays.toString(n));
        for (int c : new int[]{GeomFig.TRIANGLE, GeomFig.CIRCLE, GeomFig.SQUARE}) {
            assertTrue(bright[c] < 0.1 * n[c], Arrays.toString(bright) + " of " + Arrays.toString(n));
        }
    }
}
