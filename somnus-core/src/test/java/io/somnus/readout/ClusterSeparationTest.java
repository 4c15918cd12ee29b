package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusterSeparationTest {
    @Test
    void oneDimensionalHandWorkedCase() {
        // μ = 3, μ0 = 1, μ1 = 5: BCSS = 2·4 + 2·4 = 16, WCSS = 4 → φ = (16/1) / (4/2) = 8
        double[][] z = {{0}, {2}, {4}, {6}};
        assertEquals(8.0, ClusterSeparation.phi(z, new int[] {0, 0, 1, 1}, 2), 1e-12);
    }

    @Test
    void twoDimensionalThreeClassHandWorkedCase() {
        // μ = (1.2, 2.8); μ0 = (1, 0), μ1 = (0, 5), μ2 = (4, 4)
        // BCSS = 2·(0.04 + 7.84) + 2·(1.44 + 4.84) + (7.84 + 1.44) = 37.6; WCSS = 2 + 2 + 0 = 4
        // φ = (37.6 / 2) / (4 / (5 − 3)) = 9.4
        double[][] z = {{0, 0}, {2, 0}, {0, 4}, {0, 6}, {4, 4}};
        int[] labels = {0, 0, 1, 1, 2};
        assertEquals(9.4, ClusterSeparation.phi(z, labels, 3), 1e-12);
        // a class with no sample does not count in k
        assertEquals(9.4, ClusterSeparation.phi(z, labels, 5), 1e-12);
    }

    @Test
    void degenerateCases() {
        assertTrue(Double.isNaN(ClusterSeparation.phi(new double[][] {{0}, {1}}, new int[] {0, 0}, 2)));
        assertEquals(Double.POSITIVE_INFINITY,
                ClusterSeparation.phi(new double[][] {{0}, {0}, {1}, {1}}, new int[] {0, 0, 1, 1}, 2));
    }
}
