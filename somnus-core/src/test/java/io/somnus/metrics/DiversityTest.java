package io.somnus.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiversityTest {
    // samples × 3 neurons; the last sample is silent (no winner)
    private static final double[][] RATES = {{5, 1, 0}, {3, 2, 0}, {1, 4, 0}, {0, 0, 0}};
    private static final int[] LABELS = {0, 0, 1, 1};

    @Test
    void handWorkedCase() {
        // receptive fields (2 inputs × 3 neurons, row-major by input): n0 = (1, 0), n1 = (1, 1), n2 = (0, 0)
        float[] rf = {1, 1, 0, 0, 1, 0};
        Diversity d = Diversity.of(RATES, LABELS, 2, rf, 2);
        // winners: n0 (samples 0, 1), n1 (sample 2) → 2 of 3
        assertEquals(2.0 / 3, d.winnerFraction(), 1e-15);
        // class means: c0 = (4, 1.5, 0), c1 = (0.5, 2, 0) → n0 → 0, n1 → 1, n2 unassigned: 1 bit
        assertEquals(1.0, d.assignmentEntropyBits(), 1e-15);
        assertEquals(1.0, d.assignmentEntropyNormalized(), 1e-15);
        assertEquals(1.0 / 3, d.unassignedFraction(), 1e-15);
        // only the pair (n0, n1) counts: cos = 1/√2
        assertEquals(Math.sqrt(0.5), d.meanPairwiseRfCosine(), 1e-12);
    }

    @Test
    void normalisedEntropyUsesNumberOfClasses() {
        float[] rf = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        Diversity d = Diversity.of(RATES, LABELS, 4, rf, 3);
        assertEquals(1.0, d.assignmentEntropyBits(), 1e-15);
        assertEquals(0.5, d.assignmentEntropyNormalized(), 1e-15);
        // orthogonal fields: mean cosine 0
        assertEquals(0.0, d.meanPairwiseRfCosine(), 1e-15);
    }

    @Test
    void meanCosineMatchesAllPairs() {
        // three fields (1,0), (0,1), (1,1): cosines 0, 1/√2, 1/√2 → mean √2/3
        assertEquals(Math.sqrt(2) / 3, Diversity.meanPairwiseCosine(new float[] {1, 0, 1, 0, 1, 1}, 2, 3), 1e-12);
        SplittableRandom r = new SplittableRandom(4);
        int inputs = 9;
        int neurons = 13;
        float[] m = new float[inputs * neurons];
        for (int t = 0; t < m.length; t++) {
            m[t] = (float) r.nextGaussian();
        }
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < neurons; a++) {
            for (int b = a + 1; b < neurons; b++) {
                double ab = 0;
                double aa = 0;
                double bb = 0;
                for (int i = 0; i < inputs; i++) {
                    double x = m[i * neurons + a];
                    double y = m[i * neurons + b];
                    ab += x * y;
                    aa += x * x;
                    bb += y * y;
                }
                sum += ab / Math.sqrt(aa * bb);
                pairs++;
            }
        }
        assertEquals(sum / pairs, Diversity.meanPairwiseCosine(m, inputs, neurons), 1e-12);
    }

    /**
     * A population no projection from the input reaches (a second layer read out) has no receptive fields: its
     * cosine is NaN and the rest is measured as for any population (was refused, which failed the run at its first
     * checkpoint).
     */
    @Test
    void neuronsWithoutReceptiveFieldsHaveNoCosineAndTheRestOfTheirDiversity() {
        Diversity d = Diversity.of(RATES, LABELS, 2, new float[0], 0);
        assertTrue(Double.isNaN(d.meanPairwiseRfCosine()), "no receptive field, no cosine");
        Diversity withFields = Diversity.of(RATES, LABELS, 2, new float[] {1, 1, 0, 0, 1, 0}, 2);
        assertEquals(withFields.winnerFraction(), d.winnerFraction(), 0.0);
        assertEquals(withFields.assignmentEntropyBits(), d.assignmentEntropyBits(), 0.0);
        assertEquals(withFields.unassignedFraction(), d.unassignedFraction(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Diversity.of(RATES, LABELS, 2, new float[3], 0),
                "weights given for 0 inputs are still refused");
    }

    @Test
    void rejectsReceptiveFieldsOfWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Diversity.of(RATES, LABELS, 2, new float[5], 2));
        assertTrue(e.getMessage().contains("2 × 3"), e.getMessage());
    }
}
