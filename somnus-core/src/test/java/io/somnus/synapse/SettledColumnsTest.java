package io.somnus.synapse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SettledColumnsTest {
    /** Nothing is settled at first; a column settles, and is unsettled by its own disturbance or by everyone's. */
    @Test
    void aColumnStaysSettledUntilItOrEverythingIsDisturbed() {
        for (int start : new int[] {1, Integer.MAX_VALUE - 1}) { // the second crosses the last epoch twice
            SettledColumns s = new SettledColumns(3, start);
            for (int round = 0; round < 3; round++) {
                for (int j = 0; j < 3; j++) {
                    assertFalse(s.isSettled(j), "round " + round + ", column " + j);
                }
                s.settle(0);
                s.settle(2);
                assertTrue(s.isSettled(0));
                assertFalse(s.isSettled(1));
                s.disturb(2);
                assertFalse(s.isSettled(2));
                assertTrue(s.isSettled(0));
                s.disturbAll();
            }
        }
    }
}
