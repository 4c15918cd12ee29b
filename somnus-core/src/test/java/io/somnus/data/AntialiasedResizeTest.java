package io.somnus.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.somnus.DebianPython;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

class AntialiasedResizeTest {
    private static float[] levels(int... v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / 255f;
        }
        return out;
    }

    private static int[] toLevels(float[] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.round(x[i] * 255f);
        }
        return out;
    }

    /**
     * 4 → 2, scale 2: the triangle widens to support 2. Output 0 is centred at c = 1 and reads pixels 0, 1, 2 with
     * tri((j − 1 + 0.5)/2) = tri(−0.25), tri(0.25), tri(0.75) = 0.75, 0.75, 0.25, i.e. 3/7, 3/7, 1/7; output 1
     * (c = 3) reads 1, 2, 3 with 1/7, 3/7, 3/7. Levels 0, 70, 140, 210 give (210 + 140)/7 = 50 and
     * (70 + 420 + 630)/7 = 160 exactly; plain bilinear would give the pair means 35 and 175.
     */
    @Test
    void fourToTwoIsTheWidenedTriangle() {
        assertArrayEquals(new int[]{50, 160}, toLevels(AntialiasedResize.resize(levels(0, 70, 140, 210), 1, 4, 1, 2)));
        // one bright pixel: 255/7 = 36.43 → 36 and 3·255/7 = 109.29 → 109 (plain bilinear: 0 and 127.5)
        assertArrayEquals(new int[]{36, 109}, toLevels(AntialiasedResize.resize(levels(0, 0, 255, 0), 1, 4, 1, 2)));
        float[] plain = BilinearResize.resize(levels(0, 0, 255, 0), 1, 4, 1, 2);
        assertEquals(0f, plain[0], 0f);
        // the same weights down the columns: a 4×4 image with one bright pixel at (2, 2) → outer product /49
        float[] img = new float[16];
        img[2 * 4 + 2] = 1f;
        int[] out = toLevels(AntialiasedResize.resize(img, 4, 4, 2, 2));
        // horizontal pass first, rounded to 8 bits: row 2 becomes 36, 109; then down the columns with 1/7 and 3/7
        assertArrayEquals(new int[]{Math.round(36f / 7), Math.round(109f / 7), Math.round(3 * 36f / 7),
                Math.round(3 * 109f / 7)}, out);
    }

    /**
     * 28 → 15 along a row (scale 28/15, support 1.87) against the definition computed here in doubles over every
     * input pixel: weight tri((j + 0.5 − c)/s) with c = (i + 0.5)·28/15, normalised; the result rounded to the
     * nearest level. The fixed-point weights may only move a value lying within 10⁻³ of a half level.
     */
    @Test
    void twentyEightToFifteenMatchesTheDefinition() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int[] v = new int[28];
            for (int j = 0; j < 28; j++) {
                v[j] = rng.nextInt(256);
            }
            int[] got = toLevels(AntialiasedResize.resize(levels(v), 1, 28, 1, 15));
            double scale = 28.0 / 15;
            for (int i = 0; i < 15; i++) {
                double c = (i + 0.5) * scale;
                double num = 0;
                double den = 0;
                for (int j = 0; j < 28; j++) {
                    double k = Math.max(0, 1 - Math.abs((j + 0.5 - c) / scale));
                    num += k * v[j];
                    den += k;
                }
                double exact = num / den;
                double frac = exact - Math.floor(exact);
                if (Math.abs(frac - 0.5) < 1e-3) {
                    assertTrue(Math.abs(got[i] - exact) <= 0.5 + 1e-3, "output " + i);
                } else {
                    assertEquals(Math.floor(exact + 0.5), got[i], 0.0, "output " + i + " of trial " + trial);
                }
            }
        }
    }

    @Test
    void sameSizeKeepsTheLevelsAndPreprocessPicksTheFilter() {
        float[] src = levels(3, 250, 17, 99, 0, 255);
        assertArrayEquals(src, AntialiasedResize.resize(src, 2, 3, 2, 3), 0f);
        float[] img = new float[28 * 28];
        img[14 * 28 + 14] = 1f;
        assertArrayEquals(AntialiasedResize.resize(img, 28, 28, 15, 15),
                new Preprocess(15, 0, ResizeFilter.ANTIALIASED).apply(img, 28, 28), 0f);
        assertArrayEquals(BilinearResize.resize(img, 28, 28, 15, 15), new Preprocess(15, 0).apply(img, 28, 28), 0f);
    }

    /**
     * Against torchvision's {@code Compose([Grayscale(), Resize((15, 15)), ToTensor()])} on 8-bit PIL images, the
     * authors' transform (get_data.py:320-325 @40b7d33): identical levels on 20 random 28×28 images and a gradient.
     * Runs when Debian's python3-torchvision is installed (scripts/install-deps); skipped otherwise.
     */
    @Test
    void matchesTorchvisionResizeOnPilImages() throws Exception {
        assumeTrue(DebianPython.has("torchvision", "numpy"), "Debian python3-torchvision is not installed");
        SplittableRandom rng = new SplittableRandom(11);
        int images = 21;
        int[][] src = new int[images][28 * 28];
        StringBuilder in = new StringBuilder();
        for (int n = 0; n < images; n++) {
            StringJoiner line = new StringJoiner(" ");
            for (int p = 0; p < 28 * 28; p++) {
                src[n][p] = n == 0 ? (p / 28 * 9 + p % 28 * 3) % 256 : rng.nextInt(256);
                line.add(Integer.toString(src[n][p]));
            }
            in.append(line).append('\n');
        }
        String script = String.join("\n",
                "import sys, numpy as np",
                "from PIL import Image",
                "from torchvision import transforms",
                "t = transforms.Compose([transforms.Grayscale(), transforms.Resize((15, 15)), transforms.ToTensor()])",
                "for line in sys.stdin:",
                "    a = np.array(line.split(), dtype=np.uint8).reshape(28, 28)",
                "    x = t(Image.fromarray(a, mode='L')).numpy().reshape(-1)",
                "    print(' '.join(str(int(round(v * 255))) for v in x))");
        DebianPython.Result r = DebianPython.run(script, in.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().strip().split("\n");
        assertEquals(images, lines.length);
        for (int n = 0; n < images; n++) {
            int[] theirs = Arrays.stream(lines[n].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
            assertArrayEquals(theirs, toLevels(AntialiasedResize.resize(levels(src[n]), 28, 28, 15, 15)), "image " + n);
        }
    }
}
