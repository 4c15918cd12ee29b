package io.somnus.encoding;

import static io.somnus.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

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

    /**
     * A train owns one builder (the scratch space of the encoders that fill it); a builder left half-filled by an
     * earlier use does not leak into the next encoding.
     */
    @Test
    void aTrainOwnsItsBuilderAndEncodersResetIt() {
        SpikeTrain t = new SpikeTrain();
        assertSame(t.builder(), t.builder());
        assertNotSame(t.builder(), new SpikeTrain().builder());
        t.builder().reset(10);
        t.builder().add(3, 7);
        new LatencyEncoder(0.0).encode(new float[] {1f, 0.5f}, 1.0, 5, 1.0, null, t);
        // v = 1 spikes at step 0, v = 0.5 at round(0.5 · 4) = 2
        assertEquals(2, t.totalSpikes());
        assertEquals(5, t.numSteps());
        assertEquals(0, t.source(t.start(0)));
        assertEquals(1, t.source(t.start(2)));
    }

    /**
     * A spike past the train's end was caught only by an assert (an index error in buildInto without -ea); a negative
     * step was reported as out of time order, and a negative length accepted.
     */
    @Test
    void aSpikeOutsideTheTrainOrANegativeLengthIsRefused() {
        SpikeTrainBuilder b = new SpikeTrainBuilder();
        b.reset(5);
        assertRefused(IllegalArgumentException.class, () -> b.add(9, 0), "step 9 in a train of 5 steps");
        assertRefused(IllegalArgumentException.class, () -> b.add(-1, 0), "step -1 in a train of 5 steps");
        SpikeTrain t = new SpikeTrain();
        t.reset(5);
        assertRefused(IllegalArgumentException.class, () -> t.add(-1, 0), "step -1: steps count from 0");
        assertRefused(IllegalArgumentException.class, () -> t.reset(-3), "-3 steps", ">= 0");
    }
}
