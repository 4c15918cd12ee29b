package io.somnus.experiment.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/**
 * The one rule for a run that stopped early: which summary.json says so, and which of its metrics.csv rows are
 * checkpoints trained through (summary.json's stability and every reader of runs apply it).
 */
class StoppedEarlyTest {
    @Test
    void aSummarySaysWhetherTheRunStoppedEarly() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        assertTrue(StoppedEarly.in(json.objectNode().put(StoppedEarly.FIELD, true)));
        assertFalse(StoppedEarly.in(json.objectNode().put(StoppedEarly.FIELD, false)));
        assertFalse(StoppedEarly.in(json.objectNode()), "a run without early stopping writes no field");
        assertFalse(StoppedEarly.in(null), "a run without summary.json");
    }

    /** The restored last row is left out, unless it is the only row; a run that ran to its end keeps every row. */
    @Test
    void theRestoredLastRowIsLeftOutUnlessItIsTheOnlyOne() {
        assertEquals(4, StoppedEarly.checkpointsTrained(5, true));
        assertEquals(1, StoppedEarly.checkpointsTrained(2, true));
        assertEquals(1, StoppedEarly.checkpointsTrained(1, true));
        assertEquals(0, StoppedEarly.checkpointsTrained(0, true));
        assertEquals(5, StoppedEarly.checkpointsTrained(5, false));
        assertEquals(1, StoppedEarly.checkpointsTrained(1, false));
    }
}
