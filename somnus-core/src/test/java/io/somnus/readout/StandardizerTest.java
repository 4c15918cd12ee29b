package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandardizerTest {
    @Test
    void zScoresWithPopulationStdAndZeroesConstantFeatures() {
        // column 0: 1, 3 → mean 2, std 1; column 1: constant 0.1; column 2: 0, 4 → mean 2, std 2
        double[][] x = {{1, 0.1, 0}, {3, 0.1, 4}};
        Standardizer s = Standardizer.fit(x);
        assertArrayEquals(new double[] {2, 0.1, 2}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {1, 0, 2}, s.scale(), 1e-15);
        assertTrue(s.isConstant(1));
        double[][] z = s.transform(new double[][] {{2, 7, 6}, {0, 0.1, 1}});
        assertArrayEquals(new double[] {0, 0, 2}, z[0], 1e-15);
        assertArrayEquals(new double[] {-2, 0, -0.5}, z[1], 1e-15);
    }

    @Test
    void constantFeatureWithRoundingInItsMeanIsConstant() {
        double[][] x = new double[7][1];
        for (double[] r : x) {
            r[0] = 0.1;
        }
        assertTrue(Standardizer.fit(x).isConstant(0));
    }

    @Test
    void rejectsRaggedAndNonFiniteInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Standardizer.fit(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("features[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Standardizer.fit(new double[][] {{1, 2}, {3, Double.NaN}}));
        assertTrue(e.getMessage().contains("features[1][1]"), e.getMessage());
    }
}
