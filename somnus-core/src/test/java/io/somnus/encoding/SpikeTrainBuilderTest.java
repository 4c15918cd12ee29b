package io.somnus.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpikeTrainBuilderTest {
    @Test
    void sortsByStepKeepingInsertionOrderWithinAStep() {
        SpikeTrainBuilder b = new SpikeTrainBuilder();
        b.reset(5);
        int[][] spikes = {{4, 0}, {1, 3}, {1, 1}, {0, 2}, {4, 9}, {2, 2}};
        for (int[] s : spikes) {
            b.add(s[0], s[1]);
        }
        SpikeTrain t = new SpikeTrain();
        b.buildInto(t);
        assertEquals(6, t.totalSpikes());
        int[][] expected = {{2}, {3, 1}, {2}, {}, {0, 9}};
        for (int s = 0; s < 5; s++) {
            assertEquals(expected[s].length, t.end(s) - t.start(s), "step " + s);
            for (int k = 0; k < expected[s].length; k++) {
                assertEquals(expected[s][k], t.source(t.start(s) + k));
            }
        }
    }

    @Test
    void growsAndIsReusable() {
        SpikeTrainBuilder b = new SpikeTrainBuilder();
        SpikeTrain t = new SpikeTrain();
        b.reset(1000);
        for (int i = 0; i < 5000; i++) {
            b.add(999 - (i % 1000), i);
        }
        b.buildInto(t);
        assertEquals(5000, t.totalSpikes());
        assertEquals(5, t.end(0) - t.start(0));
        b.reset(3);
        b.add(2, 1);
        b.buildInto(t);
        assertEquals(1, t.totalSpikes());
        assertEquals(3, t.numSteps());
        assertEquals(1, t.source(t.start(2)));
    }
}
