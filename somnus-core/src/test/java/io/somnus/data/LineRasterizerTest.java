package io.somnus.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LineRasterizerTest {
    /** Horizontal segment (2,5)-(10,5), half-width 0.75: coverage = clamp(1.25 - distance, 0, 1). */
    @Test
    void coverageFollowsDistanceToSegment() {
        int w = 16;
        float[] img = new float[w * w];
        LineRasterizer.segment(img, w, w, 2, 5, 10, 5, 0.75, 1.0);
        assertEquals(0.75f, img[4 * w + 5], 1e-6);       // centre (5.5, 4.5): d = 0.5
        assertEquals(0.75f, img[5 * w + 5], 1e-6);       // centre (5.5, 5.5): d = 0.5
        assertEquals(0f, img[6 * w + 5], 0f);            // d = 1.5
        assertEquals(1.25 - Math.sqrt(0.5), img[4 * w + 10], 1e-6); // round cap: d = |(10.5,4.5)-(10,5)|
        assertEquals(0f, img[4 * w + 11], 0f);           // d = sqrt(2.5) > 1.25
        float[] half = new float[w * w];
        LineRasterizer.segment(half, w, w, 2, 5, 10, 5, 0.75, 0.5);
        assertEquals(0.375f, half[4 * w + 5], 1e-6);     // intensity scales coverage
    }

    @Test
    void overlappingStrokesCombineByMaximum() {
        int w = 8;
        float[] img = new float[w * w];
        LineRasterizer.segment(img, w, w, 0, 4, 8, 4, 1, 0.6);
        LineRasterizer.segment(img, w, w, 4, 0, 4, 8, 1, 0.6);
        assertEquals(0.6f, img[3 * w + 3], 1e-6); // covered by both, not 1.2
    }
}
