package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The authors' segments: runs of equal labels merged into their mean, a sleep ending a run. */
class TrainingStreamReadoutTest {
    @Test
    void runsOfEqualLabelsAreMergedAndSleepSplitsThem() {
        double[][] x = {{1, 0}, {3, 2}, {5, 4}, {7, 6}, {9, 8}, {11, 10}};
        int[] labels = {2, 2, 1, 1, 1, 2};
        boolean[] sleptAfter = {false, false, false, true, false, false};
        TrainingStreamReadout.Segments s = TrainingStreamReadout.group(x, labels, sleptAfter);
        // [2 2] → mean of rows 0, 1; [1 1 | sleep | 1] → rows 2, 3 then row 4; [2] → row 5
        assertArrayEquals(new int[] {2, 1, 1, 2}, s.labels());
        assertArrayEquals(new double[] {2, 1}, s.features()[0]);
        assertArrayEquals(new double[] {6, 5}, s.features()[1]);
        assertArrayEquals(new double[] {9, 8}, s.features()[2]);
        assertArrayEquals(new double[] {11, 10}, s.features()[3]);
    }

    @Test
    void distinctNeighboursStayOnePerImage() {
        double[][] x = {{1}, {2}, {3}};
        TrainingStreamReadout.Segments s = TrainingStreamReadout.group(x, new int[] {0, 1, 0}, new boolean[3]);
        assertEquals(3, s.size());
        assertArrayEquals(new double[] {3}, s.features()[2]);
    }
}
