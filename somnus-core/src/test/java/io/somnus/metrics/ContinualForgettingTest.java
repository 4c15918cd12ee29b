package io.somnus.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContinualForgettingTest {
    private static final double NA = Double.NaN;

    @Test
    void handWorkedThreeTasks() {
        double[][] acc = {
            {0.9, NA, NA},
            {0.6, 0.9, NA},
            {0.5, 0.4, 0.7},
        };
        ContinualForgetting f = ContinualForgetting.of(acc);
        assertEquals((0.5 + 0.4 + 0.7) / 3, f.averageAccuracy(), 1e-12);
        // f_0 = max(0.9, 0.6) − 0.5 = 0.4; f_1 = 0.9 − 0.4 = 0.5
        assertArrayEquals(new double[] {0.4, 0.5}, f.forgetting(), 1e-12);
        assertEquals(0.45, f.averageForgetting(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.4, 0.7}, f.finalAccuracies());
    }

    @Test
    void measuredFutureTasksCountInTheMaximumAndImprovementIsNegativeForgetting() {
        // accuracy on task 1 measured before it was trained (0.2), and task 0 improving later
        double[][] acc = {{0.5, 0.2}, {0.8, 0.6}};
        ContinualForgetting f = ContinualForgetting.of(acc);
        assertArrayEquals(new double[] {-0.3}, f.forgetting(), 1e-12);
        assertEquals(0.7, f.averageAccuracy(), 1e-12);
        assertTrue(Double.isNaN(ContinualForgetting.of(new double[][] {{0.9}}).averageForgetting()));
    }

    /**
     * The learning accuracy reads the diagonal only: (0.9 + 0.7 + 0.4) / 3 for the matrix below (what each task was at
     * just after it was trained, however later rows changed it); a ragged matrix without a diagonal entry is refused.
     */
    @Test
    void learningAccuracyIsTheMeanOfTheDiagonal() {
        double n = Double.NaN;
        double[][] acc = {{0.9, n, n}, {0.1, 0.7, n}, {0.6, 0.5, 0.4}};
        assertEquals((0.9 + 0.7 + 0.4) / 3, ContinualForgetting.learningAccuracy(acc), 1e-15);
        assertEquals(0.5, ContinualForgetting.learningAccuracy(new double[][] {{0.5}}), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContinualForgetting.learningAccuracy(new double[][] {{0.5, 0.1}, {0.2}}));
        assertTrue(e.getMessage().contains("row 1 has no entry for task 1"), e.getMessage());
    }

    @Test
    void rejectsRaggedOrIncompleteMatrix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContinualForgetting.of(new double[][] {{0.9, 0.1}, {0.5}}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ContinualForgetting.of(new double[][] {{0.9, NA}, {0.5, NA}}));
    }
}
