package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Three 2 × 2 fields on a 2 × 2 grid, worked by hand pixel by pixel. */
class ReceptiveFieldsTest {
    @Test
    void tilesAreScaledToTheirOwnRangeAndTheEmptyPlaceIsTransparent() throws Exception {
        // [inputs = 4][neurons = 3]: neuron 0 holds 0, 1, 2, 3; neuron 1 the reverse; neuron 2 a constant
        float[] w = {0, 3, 5, 1, 2, 5, 2, 1, 5, 3, 0, 5};
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(ReceptiveFields.png(w, 4, 3, 2, 2, 64, 1)));
        // 2 columns × (2 pixels + 1 line) + 1 line = 7
        assertEquals(7, img.getWidth());
        assertEquals(7, img.getHeight());
        int line = 0xff6a8caf;
        assertEquals(line, img.getRGB(0, 0));
        assertEquals(line, img.getRGB(3, 1), "the line between tiles 0 and 1");
        assertEquals(0xff000000, img.getRGB(1, 1), "neuron 0's smallest weight: black");
        assertEquals(0xffffffff, img.getRGB(2, 2), "neuron 0's largest weight: white");
        assertEquals(0xff555555, img.getRGB(2, 1), "1 of 0..3: 85");
        assertEquals(0xffffffff, img.getRGB(4, 1), "neuron 1's largest weight, at its first input");
        assertEquals(0xff000000, img.getRGB(1, 4), "a constant field: all at its minimum");
        assertEquals(line, img.getRGB(3, 4), "the line right of the last tile");
        assertEquals(0, img.getRGB(5, 5) >>> 24, "the fourth place, which no neuron fills, is transparent");
        assertEquals(0, img.getRGB(6, 6) >>> 24);
    }

    @Test
    void ofALargerLayerTheMostVaryingFieldsAreChosenInNeuronOrder() {
        // [inputs = 4][neurons = 5], columns by hand: population variances 0, 1, 4, 0.75, 1 (neuron 4 ties neuron 1)
        float[][] columns = {{1, 1, 1, 1}, {0, 2, 0, 2}, {0, 4, 0, 4}, {1, 1, 1, 3}, {2, 0, 2, 0}};
        float[] w = new float[4 * 5];
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 4; i++) {
                w[i * 5 + j] = columns[j][i];
            }
        }
        assertArrayEquals(new int[] {1, 2}, ReceptiveFields.mostVarying(w, 4, 5, 2), "the tie to the lower index");
        assertArrayEquals(new int[] {1, 2, 4}, ReceptiveFields.mostVarying(w, 4, 5, 3));
        assertArrayEquals(new int[] {1, 2, 3, 4}, ReceptiveFields.mostVarying(w, 4, 5, 4));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, ReceptiveFields.mostVarying(w, 4, 5, 5), "all of a layer that fits");
    }

    @Test
    void theChosenNeuronsAreDrawnInTheirOrder() throws Exception {
        // the first test's weights; neuron 1 (3, 2, 1, 0) drawn first, then neuron 0 (0, 1, 2, 3)
        float[] w = {0, 3, 5, 1, 2, 5, 2, 1, 5, 3, 0, 5};
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(ReceptiveFields.png(w, 4, 3, 2, 2, new int[] {1, 0}, 1)));
        assertEquals(7, img.getWidth(), "two tiles on a 2 × 1 grid");
        assertEquals(4, img.getHeight());
        assertEquals(0xffffffff, img.getRGB(1, 1), "neuron 1's largest weight, at its first input");
        assertEquals(0xff000000, img.getRGB(4, 1), "neuron 0's smallest weight, at its first input");
    }
    /**
     * The paper preset connects 10 % of input–E pairs: its grids were black with white specks and nothing said the
     * black was mostly synapses absent. A grid's caption gives the share of weights at 0 from a tenth on.
     */
    @Test
    void aGridOfMostlyZeroWeightsSaysHowManyAreZero() {
        float[] sparse = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0.15f};
        assertEquals("; 90 % of its weights are 0 (black: no synapse in a sparse projection, or a weight at 0)",
                ReceptiveFieldsSection.zeros(sparse));
        float[] dense = new float[20];
        Arrays.fill(dense, 1, 20, 0.1f);   // one of 20 at 0: 5 %, below a tenth
        assertEquals("", ReceptiveFieldsSection.zeros(dense));
    }

    /**
     * A grid's caption wraps to the grid's width: as wide as its one line ("sleep 0.00 (input_e, 64 of 200, most
     * varying); 90 % of its weights are 0 (black: …)"), each figure took a row of its own beside room for two.
     */
    @Test
    void aGridsCaptionWrapsToItsImageSoThatGridsShareARow() {
        assertTrue(ReportBuilder.CSS.contains("figure.rf { display: table; }"), ReportBuilder.CSS);
        assertTrue(ReportBuilder.CSS.contains("figure.rf figcaption { display: table-caption; caption-side: bottom; }"),
                ReportBuilder.CSS);
    }
}
