package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class LabelVoteReadoutTest {
    /*
     * Class means by hand (4 neurons):
     *   class 0: ([5,0,1,0] + [3,0,1,0]) / 2 = [4,0,1,0]
     *   class 1: [0,2,1,0]
     *   class 2: [1,0,3,0]
     * → neuron 0 → 0, neuron 1 → 1, neuron 2 → 2, neuron 3 never fired → −1.
     */
    private static final double[][] X = {{5, 0, 1, 0}, {3, 0, 1, 0}, {0, 2, 1, 0}, {1, 0, 3, 0}};
    private static final int[] Y = {0, 0, 1, 2};

    @Test
    void assignsEachNeuronToItsStrongestClass() {
        LabelVoteReadout readout = new LabelVoteReadout();
        assertEquals("vote", readout.name());
        LabelVoteReadout.Fitted f = readout.fit(X, Y, 3, 0);
        assertArrayEquals(new int[] {0, 1, 2, -1}, f.assignments());
        assertArrayEquals(new int[] {1, 1, 1}, f.assignedCount());
    }

    @Test
    void predictsClassWithHighestMeanAssignedRate() {
        LabelVoteReadout.Fitted f = new LabelVoteReadout().fit(X, Y, 3, 0);
        double[][] samples = {
            {1, 1, 2, 0},  // means 1, 1, 2 → 2
            {2, 2, 0, 0},  // tie 2, 2, 0 → lowest index 0
            {0, 0, 0, 9},  // only the unassigned neuron: tie 0, 0, 0 → 0
            {0, 3, 1, 0},  // → 1
        };
        assertArrayEquals(new int[] {2, 0, 0, 1}, f.predict(samples));
        assertEquals(1.0, f.accuracy(X, Y));
        // one label per row: fewer stopped at an index, more were ignored
        for (int[] labels : new int[][] {Arrays.copyOf(Y, Y.length - 1), Arrays.copyOf(Y, Y.length + 1)}) {
            IllegalArgumentException e = Assertions.assertThrows(IllegalArgumentException.class,
                    () -> f.accuracy(X, labels));
            Assertions.assertTrue(e.getMessage().contains(labels.length + " labels for " + X.length
                    + " rows"), e.getMessage());
        }
    }

    @Test
    void tiesInAssignmentGoToLowestClassAndEmptyClassesCannotWin() {
        // neuron 0: means class0 = 2, class1 = 2, class2 = 1 → 0 (tie); neuron 1: class2 → 2.
        // Classes with neurons: 0 and 2. Neuron 2 is assigned to class 2 (mean 3).
        double[][] x = {{2, 0, 0}, {2, 0, 0}, {1, 5, 3}};
        int[] y = {0, 1, 2};
        LabelVoteReadout.Fitted f = new LabelVoteReadout().fit(x, y, 3, 0);
        assertArrayEquals(new int[] {0, 2, 2}, f.assignments());
        // class 1 has no neuron: even an all-zero sample goes to class 0, never 1
        // {1, 2, 2}: class 0 → 1, class 2 → (2 + 2)/2 = 2 → 2
        assertArrayEquals(new int[] {0, 2}, f.predict(new double[][] {{0, 0, 0}, {1, 2, 2}}));

        // only classes 1 and 2 have neurons: a silent sample goes to 1, the lowest that can win
        double[][] x2 = {{0, 0}, {3, 0}, {0, 3}};
        LabelVoteReadout.Fitted g = new LabelVoteReadout().fit(x2, new int[] {0, 1, 2}, 3, 0);
        assertArrayEquals(new int[] {1, 2}, g.assignments());
        assertArrayEquals(new int[] {1}, g.predict(new double[][] {{0, 0}}));
    }

    @Test
    void silentNetworkFallsBackToMajorityClass() {
        double[][] x = new double[4][2];
        LabelVoteReadout.Fitted f = new LabelVoteReadout().fit(x, new int[] {2, 1, 2, 0}, 3, 0);
        assertArrayEquals(new int[] {-1, -1}, f.assignments());
        assertEquals(2, f.fallbackClass());
        assertArrayEquals(new int[] {2}, f.predict(new double[][] {{1, 1}}));
    }
}
